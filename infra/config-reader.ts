import { ConfigProblem } from "./config-problem";
import { closestKey, showValue } from "./config-hints";

/**
 * Typed reads from an untyped config tree that record a problem instead of throwing, so that a
 * validator can report every mistake at once. Each read names the full dotted key.
 */
export class ConfigReader {
    readonly problems: ConfigProblem[] = [];

    problem(key: string, message: string): void {
        this.problems.push({ key, message });
    }

    /** The object at `key`, or undefined (with a problem) if it is not an object; unknown keys are problems. */
    object(value: unknown, key: string, allowed: readonly string[]): Record<string, unknown> | undefined {
        if (value === undefined || value === null) return undefined;
        if (typeof value !== "object" || Array.isArray(value)) {
            this.problem(key, `must be an object with keys ${allowed.join(", ")}; got ${describe(value)}.`);
            return undefined;
        }
        const obj = value as Record<string, unknown>;
        for (const k of Object.keys(obj)) {
            if (!allowed.includes(k)) {
                this.problem(join(key, k), `is not a known key. Known keys here: ${allowed.join(", ")}.${suggest(k, allowed)}`);
            }
        }
        return obj;
    }

    string(value: unknown, key: string, fallback?: string): string | undefined {
        if (value === undefined || value === null) {
            if (fallback === undefined) this.problem(key, "is required; set it in Pulumi.<stack>.yaml.");
            return fallback;
        }
        if (typeof value !== "string" || value.trim() === "") {
            this.problem(key, `must be a non-empty string; got ${describe(value)}.`);
            return fallback;
        }
        return value.trim();
    }

    boolean(value: unknown, key: string, fallback: boolean): boolean {
        if (value === undefined || value === null) return fallback;
        if (typeof value !== "boolean") {
            this.problem(key, `must be true or false; got ${describe(value)}.`);
            return fallback;
        }
        return value;
    }

    integer(value: unknown, key: string, fallback: number | undefined, min: number, max: number): number | undefined {
        if (value === undefined || value === null) {
            if (fallback === undefined) this.problem(key, `is required: a whole number from ${min} to ${max}.`);
            return fallback;
        }
        const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
        if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
            this.problem(key, `must be a whole number from ${min} to ${max}; got ${describe(value)}.`);
            return fallback;
        }
        return n;
    }

    oneOf<T extends string>(value: unknown, key: string, choices: readonly T[], fallback: T): T {
        if (value === undefined || value === null) return fallback;
        if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
            this.problem(key, `must be one of ${choices.map((c) => `"${c}"`).join(", ")}; got ${describe(value)}.`);
            return fallback;
        }
        return value as T;
    }

    /** A list; each element is read by `item` with its indexed key. */
    list<T>(value: unknown, key: string, fallback: T[] | undefined, item: (v: unknown, key: string) => T | undefined): T[] | undefined {
        if (value === undefined || value === null) {
            if (fallback === undefined) this.problem(key, "is required: a list.");
            return fallback;
        }
        if (!Array.isArray(value)) {
            this.problem(key, `must be a list; got ${describe(value)}.`);
            return fallback;
        }
        const out: T[] = [];
        value.forEach((v, i) => {
            const read = item(v, `${key}[${i}]`);
            if (read !== undefined) out.push(read);
        });
        return out;
    }
}

export function join(key: string, child: string): string {
    return key === "" ? child : `${key}.${child}`;
}

/** How a wrong value is shown in a problem message. */
export const describe = showValue;

/** " Did you mean `x`?" when a known key is one or two edits away from the typo. */
function suggest(typo: string, allowed: readonly string[]): string {
    const best = closestKey(typo, allowed);
    return best ? ` Did you mean "${best}"?` : "";
}
