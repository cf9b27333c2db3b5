/**
 * Policy pack configuration as the Pulumi CLI prepares it before it calls the analyzer's `configure`:
 * parse the `--policy-pack-config` JSON, start from each policy's level and schema defaults, apply
 * `all`, then per-policy values, and validate every policy's properties against its `configSchema`.
 * Invalid config is an error naming the policy and the key (the CLI refuses to run, our CLI exits 2).
 * One step goes beyond the CLI, which passes config for a policy the pack does not have through
 * unread: a name that is not a policy (a typo) is reported, with the nearest name.
 */
import type { EnforcementLevel, Policies } from "@pulumi/policy";
import Ajv, { ErrorObject } from "ajv";
import { closestKey } from "../../infra/config/hints";

export const EnforcementLevels: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    /** What `args.getConfig()` returns: schema defaults overlaid with given properties. */
    properties: Record<string, unknown>;
}

interface GivenConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

export class PolicyConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid policy pack config:\n  ${problems.join("\n  ")}`);
        this.name = "PolicyConfigError";
    }
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (EnforcementLevels as readonly string[]).includes(v);
}

/** Mirrors the CLI's `parsePolicyPackConfig`: each key maps to a level string or an object. */
export function parsePolicyPackConfig(config: Record<string, unknown>): Map<string, GivenConfig> {
    const result = new Map<string, GivenConfig>();
    const problems: string[] = [];
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        throw new PolicyConfigError(["(root): the policy pack config must be a JSON object"]);
    }
    for (const [name, value] of Object.entries(config)) {
        if (typeof value === "string") {
            if (!isLevel(value)) {
                problems.push(`${name}: enforcementLevel: ${JSON.stringify(value)} is not a valid enforcement level`);
                continue;
            }
            result.set(name, { enforcementLevel: value });
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                problems.push(`${name}: enforcementLevel: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
                continue;
            }
            const given: GivenConfig = {};
            if (enforcementLevel !== undefined) given.enforcementLevel = enforcementLevel;
            if (Object.keys(properties).length > 0) given.properties = properties;
            if (given.enforcementLevel !== undefined || given.properties !== undefined) result.set(name, given);
        } else {
            problems.push(`${name}: ${JSON.stringify(value)} is not a valid value; must be a string or object`);
        }
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
    return result;
}

/**
 * Mirrors `ReconcilePolicyPackConfig`: defaults, then `all`, then per-policy config; then validation.
 * The policy's own level falls back to the pack's, exactly as `makeAnalyzerInfo` reports it.
 */
export function reconcilePolicyPackConfig(
    policies: Policies,
    packLevel: EnforcementLevel,
    config: Record<string, unknown> | undefined,
): Map<string, ResolvedPolicyConfig> {
    const result = new Map<string, ResolvedPolicyConfig>();
    for (const p of policies) {
        const properties: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
            if (typeof s === "object" && s.default !== undefined) properties[k] = structuredClone(s.default);
        }
        result.set(p.name, { enforcementLevel: p.enforcementLevel || packLevel, properties });
    }
    const given = config ? parsePolicyPackConfig(config) : new Map<string, GivenConfig>();
    const unknown = [...given.keys()].filter((name) => name !== "all" && !result.has(name));
    if (unknown.length > 0) {
        const names = [...result.keys()];
        throw new PolicyConfigError(unknown.map((name) => {
            const near = closestKey(name, names);
            return `${name}: not a policy of this pack${near ? `; did you mean "${near}"?` : ""} Policies: all, ${names.join(", ")}.`;
        }));
    }
    const all = given.get("all");
    if (all?.enforcementLevel) {
        for (const r of result.values()) r.enforcementLevel = all.enforcementLevel;
    }
    for (const [name, g] of given) {
        const r = result.get(name);
        if (!r) continue; // "all": its level was applied above
        if (g.enforcementLevel) r.enforcementLevel = g.enforcementLevel;
        Object.assign(r.properties, g.properties ?? {});
    }

    const problems: string[] = [];
    for (const p of policies) {
        if (!p.configSchema) continue;
        for (const prob of validateAgainst(p.configSchema, result.get(p.name)!.properties)) problems.push(`${p.name}: ${prob}`);
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
    return result;
}

// One validator for every policy's schema: every error reported (as the CLI's gojsonschema does), unknown
// keywords and formats tolerated as gojsonschema tolerates them; "regex" is checked, as gojsonschema checks it.
const ajv = new Ajv({ allErrors: true, strict: false, logger: false }).addFormat("regex", (s: string) => {
    try {
        new RegExp(s, "u");
        return true;
    } catch {
        return false;
    }
});

type Validator = (value: unknown) => string[];

/**
 * One compiled validator per policy schema object. Compiling is the costly part, the CLI does it in Go once per
 * run, and ajv keeps every schema object it compiled: compiling a fresh copy on every run cost tens of
 * milliseconds a run and grew the heap run after run. The result for a given config is the same.
 */
const compiled = new WeakMap<object, Validator>();

function validateAgainst(configSchema: NonNullable<Policies[number]["configSchema"]>, value: unknown): string[] {
    let check = compiled.get(configSchema);
    if (!check) {
        // The CLI's convertSchema: an object with the policy's properties and required list (draft-07, as gojsonschema reads it).
        check = validatorOf({ type: "object", properties: configSchema.properties, required: configSchema.required });
        compiled.set(configSchema, check);
    }
    return check(value);
}

function validatorOf(schema: object): Validator {
    let validate: ReturnType<typeof ajv.compile>;
    try {
        validate = ajv.compile(schema);
    } catch (e) {
        const problem = `the policy's configSchema is not a valid JSON Schema (${(e as Error).message})`;
        return () => [problem];
    }
    return (value) => (validate(value) ? [] : (validate.errors ?? []).map(describeError));
}

/** Every way `value` breaks `schema`, each as `path: message` (`allowedPorts.2: must be integer`). */
export function validatePolicyProperties(schema: object, value: unknown): string[] {
    return validatorOf(schema)(value);
}

function describeError(e: ErrorObject): string {
    const path = e.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (e.keyword === "required") return `${[...path, (e.params as { missingProperty: string }).missingProperty].join(".")}: is required`;
    if (e.keyword === "additionalProperties") return `${[...path, (e.params as { additionalProperty: string }).additionalProperty].join(".")}: is not allowed (additionalProperties is false)`;
    const extra = e.keyword === "enum" ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")})` : "";
    return `${path.length ? path.join(".") : "(root)"}: ${e.message ?? e.keyword}${extra}`;
}

/** The pack-definition checks `serve()` makes before it starts (it exits 1 on these). */
export function checkPackDefinition(packName: string, policies: Policies): void {
    const problems: string[] = [];
    if (!/^[a-zA-Z0-9-_.]{1,100}$/.test(packName)) problems.push(`invalid policy pack name "${packName}"`);
    const seen = new Set<string>();
    for (const p of policies) {
        if (p.name === "all") problems.push(`invalid policy name "all": "all" is a reserved name`);
        if (seen.has(p.name)) problems.push(`${p.name}: duplicate policy name`);
        seen.add(p.name);
        if (p.configSchema?.properties?.enforcementLevel) problems.push(`${p.name}: enforcementLevel cannot be explicitly specified in properties`);
        if (p.configSchema?.required?.includes("enforcementLevel")) problems.push(`${p.name}: "enforcementLevel" cannot be specified in required`);
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
}
