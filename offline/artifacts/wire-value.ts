import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../snapshot";

/**
 * Reading wire-form values for display: unknowns and unreadable secrets become undefined, readable
 * secrets are unwrapped. Diagrams show network shape, never secret material, so losing them is fine.
 */
export function plain(v: unknown): unknown {
    if (v === UNKNOWN) return undefined;
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        if (o[SECRET_SIG_KEY] === SECRET_SIG) return "value" in o ? plain(o.value) : undefined;
    }
    return v;
}

export function str(v: unknown): string | undefined {
    const p = plain(v);
    return typeof p === "string" && p !== "" ? p : undefined;
}

export function num(v: unknown): number | undefined {
    const p = plain(v);
    if (typeof p === "number" && Number.isFinite(p)) return p;
    if (typeof p === "string" && /^-?\d+$/.test(p)) return Number(p);
    return undefined;
}

export function list(v: unknown): unknown[] {
    const p = plain(v);
    return Array.isArray(p) ? p.map(plain) : [];
}

export function record(v: unknown): Record<string, unknown> {
    const p = plain(v);
    return typeof p === "object" && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
}

export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN;
}
