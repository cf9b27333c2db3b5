/**
 * Values as the engine sends them to a provider that accepts secrets: an unknown (preview) is a sentinel
 * string, a secret is an object carrying a signature key. Checks and diffs look through secrets; outputs
 * keep them wrapped so the engine keeps them secret. Which value is a sentinel or a secret is the network
 * model's wire reader's to say; this file only writes the provider's side of the protocol.
 */
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_SENTINEL, containsUnknown, isSecretWrapper, isSentinel, plain } from "../../policies/model/wire";

/** What the provider writes for an output not known until the update. */
export const UNKNOWN = UNKNOWN_SENTINEL;
export { containsUnknown };

export type Props = Record<string, unknown>;

export function isUnknown(v: unknown): boolean {
    return isSentinel(v);
}

export function isSecret(v: unknown): v is { value: unknown } {
    return isSecretWrapper(v);
}

export function secret(value: unknown): Props {
    return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** The plain value: secrets unwrapped at every depth. */
export function reveal(v: unknown): unknown {
    if (isSecret(v)) return reveal(v.value);
    if (Array.isArray(v)) return v.map(reveal);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reveal(x)]));
    return v;
}

/** Deep equality of plain values, looking through secrets; an absent key equals an undefined or null one. */
export function sameValue(a: unknown, b: unknown): boolean {
    const x = reveal(a);
    const y = reveal(b);
    if (x === y) return true;
    if ((x === undefined || x === null) && (y === undefined || y === null)) return true;
    if (Array.isArray(x) || Array.isArray(y)) {
        return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((e, i) => sameValue(e, y[i]));
    }
    if (typeof x === "object" && typeof y === "object" && x !== null && y !== null) {
        const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
        return [...keys].every((k) => sameValue((x as Props)[k], (y as Props)[k]));
    }
    return false;
}

/** A string input's plain value (empty included), or undefined when absent, unknown or not a string. */
export function knownString(v: unknown): string | undefined {
    const p = plain(v);
    return typeof p === "string" ? p : undefined;
}

/** A string map (tags) with secrets revealed; unknown entries left out. */
export function knownStringMap(v: unknown): Record<string, string> | undefined {
    const map = reveal(v);
    if (typeof map !== "object" || map === null || Array.isArray(map)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(map)) if (typeof x === "string" && !isSentinel(x)) out[k] = x;
    return out;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` split into its parts. */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } {
    const [head, project = "", qualifiedType = "", ...rest] = urn.split("::");
    const type = qualifiedType.split("$").pop() ?? "";
    return { stack: head.replace(/^urn:pulumi:/, ""), project, type, name: rest.join("::") };
}
