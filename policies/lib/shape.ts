/**
 * Defensive readers for property shapes that may be anything: the pack runs on stacks it did not
 * build, so a list can be a string, a number can be a string, a map can be null. Each reader only
 * touches what it checks, so unknowns surface as `UnknownValueError` exactly where they are read.
 */

export type Props = Record<string, unknown>;

export function asObject(v: unknown): Props | undefined {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Props) : undefined;
}

/** A list; a single non-list value is treated as a one-element list (as some providers accept). */
export function asList(v: unknown): unknown[] {
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) {
        // Copy by index so each element read goes through the proxy (unknown elements throw here).
        const out: unknown[] = [];
        for (let i = 0; i < v.length; i++) out.push(v[i]);
        return out;
    }
    return [v];
}

export function asString(v: unknown): string | undefined {
    return typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined;
}

/** Integers given as numbers or numeric strings (launch templates use strings). */
export function asInteger(v: unknown): number | undefined {
    if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) : undefined;
    if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) return parseInt(v, 10);
    return undefined;
}

// One reading of "true"/"false" strings, the model's.
export { asBoolean } from "../model/wire";

/** Tags as a plain string map; non-string values are ignored, a non-map is no tags. */
export function tagsOf(props: Props, key = "tags"): Record<string, string> {
    const raw = asObject(props[key]);
    const out: Record<string, string> = {};
    if (!raw) return out;
    for (const k of Object.keys(raw)) {
        const v = raw[k];
        if (typeof v === "string") out[k] = v;
    }
    return out;
}
