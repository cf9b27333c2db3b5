import { ConfigProblem } from "../config-problem";
import { closestKey as closest, showValue as show } from "../config-hints";

export { show };

/**
 * Small readers for one config object: each reads a field, records a problem naming the dotted key when it
 * is wrong, and returns a usable value (the default) so validation can go on and report every problem.
 */
export class FieldReader {
    constructor(
        readonly problems: ConfigProblem[],
        readonly path: string,
        readonly raw: Record<string, unknown>,
    ) {}

    key(field: string): string {
        return `${this.path}.${field}`;
    }

    problem(field: string, message: string): void {
        this.problems.push({ key: field === "" ? this.path : this.key(field), message });
    }

    /** Every key not in `known` is a problem: a typo must not silently fall back to a default. */
    rejectUnknown(known: readonly string[]): void {
        for (const k of Object.keys(this.raw)) {
            if (known.includes(k)) continue;
            const near = closest(k, known);
            this.problem(k, `unknown key${near ? `; did you mean "${near}"?` : ""} Known keys: ${known.join(", ")}.`);
        }
    }

    boolean(field: string, fallback: boolean): boolean {
        const v = this.raw[field];
        if (v === undefined) return fallback;
        if (typeof v === "boolean") return v;
        this.problem(field, `must be true or false, found ${show(v)}`);
        return fallback;
    }

    integer(field: string, fallback: number, min: number, max: number, unit: string): number {
        const v = this.raw[field];
        if (v === undefined) return fallback;
        if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max) return v;
        this.problem(field, `must be a whole number of ${unit} from ${min} to ${max}, found ${show(v)}`);
        return fallback;
    }

    /** A string matching `pattern`; `rule` says in words what the pattern allows. */
    string(field: string, fallback: string | undefined, pattern: RegExp, rule: string): string | undefined {
        const v = this.raw[field];
        if (v === undefined) return fallback;
        if (typeof v === "string" && pattern.test(v)) return v;
        this.problem(field, `${rule}, found ${show(v)}`);
        return fallback;
    }

    /** A list of strings each matching `pattern`; problems name the index (`iamUsers[1]`). */
    stringList(field: string, pattern: RegExp, rule: string): string[] {
        const v = this.raw[field];
        if (v === undefined) return [];
        if (!Array.isArray(v)) {
            this.problem(field, `must be a list, found ${show(v)}`);
            return [];
        }
        const out: string[] = [];
        v.forEach((item, i) => {
            if (typeof item === "string" && pattern.test(item)) {
                if (out.includes(item)) this.problem(`${field}[${i}]`, `"${item}" is listed twice; remove one`);
                else out.push(item);
            } else this.problem(`${field}[${i}]`, `${rule}, found ${show(item)}`);
        });
        return out;
    }

    /** A nested object: a reader for it, or undefined (with a problem) when it is not an object. */
    object(field: string): FieldReader | undefined {
        const v = this.raw[field];
        if (v === undefined) return new FieldReader(this.problems, this.key(field), {});
        if (isPlainObject(v)) return new FieldReader(this.problems, this.key(field), v);
        this.problem(field, `must be an object, found ${show(v)}`);
        return undefined;
    }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
