/**
 * The subset of JSON Schema (draft 4–7) that policy `configSchema`s use, checked the way the
 * Pulumi CLI checks `--policy-pack-config` (it uses gojsonschema): every problem is reported, each
 * naming the property path. No validator package is installed in the project, and a pack's schema
 * is small, so this stays deliberately small too; unsupported keywords are ignored, as gojsonschema
 * ignores unknown ones.
 */
import type { PolicyConfigJSONSchema, PolicyConfigJSONSchemaDefinition } from "@pulumi/policy/schema";

export interface SchemaProblem {
    /** Dotted path of the offending value, e.g. `allowedPorts.2`; `(root)` for the object itself. */
    path: string;
    message: string;
}

function typeOf(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

function typeMatches(v: unknown, want: string): boolean {
    const t = typeOf(v);
    return t === want || (want === "number" && t === "integer");
}

function deepEqual(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

function join(path: string, key: string | number): string {
    return path === "(root)" ? String(key) : `${path}.${key}`;
}

/** Validates `value` against `schema`, appending problems; never throws. */
export function validateJsonSchema(
    schema: PolicyConfigJSONSchemaDefinition,
    value: unknown,
    path = "(root)",
    problems: SchemaProblem[] = [],
): SchemaProblem[] {
    if (schema === true) return problems;
    if (schema === false) {
        problems.push({ path, message: "No additional value is allowed" });
        return problems;
    }
    const s: PolicyConfigJSONSchema = schema;
    const add = (message: string) => problems.push({ path, message });

    if (s.type !== undefined) {
        const wants = Array.isArray(s.type) ? s.type : [s.type];
        if (!wants.some((w) => typeMatches(value, w))) {
            add(`Invalid type. Expected: ${wants.join(", ")}, given: ${typeOf(value)}`);
            return problems; // further keywords would only repeat the type problem
        }
    }
    if (s.enum !== undefined && !s.enum.some((e) => deepEqual(e, value))) {
        add(`must be one of the following: ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`);
    }
    if (s.const !== undefined && !deepEqual(s.const, value)) add(`does not match: ${JSON.stringify(s.const)}`);

    if (typeof value === "number") {
        if (s.minimum !== undefined && value < s.minimum) add(`Must be greater than or equal to ${s.minimum}`);
        if (s.maximum !== undefined && value > s.maximum) add(`Must be less than or equal to ${s.maximum}`);
        if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) add(`Must be greater than ${s.exclusiveMinimum}`);
        if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) add(`Must be less than ${s.exclusiveMaximum}`);
        if (s.multipleOf !== undefined && s.multipleOf > 0 && Math.abs(value / s.multipleOf - Math.round(value / s.multipleOf)) > 1e-9) {
            add(`Must be a multiple of ${s.multipleOf}`);
        }
    }
    if (typeof value === "string") {
        const len = [...value].length;
        if (s.minLength !== undefined && len < s.minLength) add(`String length must be greater than or equal to ${s.minLength}`);
        if (s.maxLength !== undefined && len > s.maxLength) add(`String length must be less than or equal to ${s.maxLength}`);
        if (s.pattern !== undefined && !safeRegex(s.pattern)?.test(value)) add(`Does not match pattern '${s.pattern}'`);
        if (s.format === "regex" && safeRegex(value) === undefined) add(`Does not match format 'regex'`);
    }
    if (Array.isArray(value)) {
        if (s.minItems !== undefined && value.length < s.minItems) add(`Array must have at least ${s.minItems} items`);
        if (s.maxItems !== undefined && value.length > s.maxItems) add(`Array must have at most ${s.maxItems} items`);
        if (s.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) add("array items must be unique");
        if (Array.isArray(s.items)) {
            s.items.forEach((itemSchema, i) => {
                if (i < value.length) validateJsonSchema(itemSchema, value[i], join(path, i), problems);
            });
            if (s.additionalItems !== undefined) {
                for (let i = s.items.length; i < value.length; i++) validateJsonSchema(s.additionalItems, value[i], join(path, i), problems);
            }
        } else if (s.items !== undefined) {
            value.forEach((v, i) => validateJsonSchema(s.items as PolicyConfigJSONSchemaDefinition, v, join(path, i), problems));
        }
        if (s.contains !== undefined && !value.some((v) => validateJsonSchema(s.contains!, v).length === 0)) {
            add("At least one of the items must match");
        }
    }
    if (typeOf(value) === "object") {
        const obj = value as Record<string, unknown>;
        const keys = Object.keys(obj);
        for (const r of s.required ?? []) if (!(r in obj)) problems.push({ path, message: `${r} is required` });
        if (s.minProperties !== undefined && keys.length < s.minProperties) add(`Must have at least ${s.minProperties} properties`);
        if (s.maxProperties !== undefined && keys.length > s.maxProperties) add(`Must have at most ${s.maxProperties} properties`);
        for (const k of keys) {
            let matched = false;
            if (s.properties && k in s.properties) {
                matched = true;
                validateJsonSchema(s.properties[k], obj[k], join(path, k), problems);
            }
            for (const [pat, ps] of Object.entries(s.patternProperties ?? {})) {
                if (safeRegex(pat)?.test(k)) {
                    matched = true;
                    validateJsonSchema(ps, obj[k], join(path, k), problems);
                }
            }
            if (!matched && s.additionalProperties !== undefined) {
                if (s.additionalProperties === false) {
                    problems.push({ path: join(path, k), message: "Additional property is not allowed" });
                } else {
                    validateJsonSchema(s.additionalProperties, obj[k], join(path, k), problems);
                }
            }
        }
    }
    return problems;
}

function safeRegex(source: string): RegExp | undefined {
    try {
        return new RegExp(source, "u");
    } catch {
        return undefined;
    }
}
