/**
 * The one reader of Pulumi's wire values. An unknown (a preview's "known after apply") is one of the
 * engine's sentinel strings; a secret is `{ <sig key>: <secret sig>, value | ciphertext }`. Whatever
 * reads a resource property goes through here, and gets a `Read<T>`: known (maybe secret), or unknown
 * with the reason (a preview value, or a secret the model cannot decrypt) and where it was read.
 */

/** The engine's unknown sentinels (string, number, bool, array, asset, archive, object on the wire). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SENTINELS: ReadonlySet<string> = new Set([
    UNKNOWN_SENTINEL, "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", "030794c1-ac77-496b-92df-f27374a8bd58", "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Where an unknown was read: enough for a rule to raise the engine's own unknown error at that path. */
export interface ValueAt {
    urn: string;
    /** Property path, e.g. `["ingress", "0", "cidrBlocks"]`. */
    path: string[];
}

export type Known<T> = { known: true; value: T; secret: boolean };
export type Unknown = { known: false; reason: "preview" | "secret"; at?: ValueAt };
export type Read<T> = Known<T> | Unknown;

export const known = <T>(value: T, secret = false): Known<T> => ({ known: true, value, secret });
export const unknown = (reason: "preview" | "secret" = "preview", at?: ValueAt): Unknown => ({ known: false, reason, at });

/** Inside the model: a wire value made plain, with `UNK` standing for every unknown. */
export const UNK = Symbol("unknown value");
export type Unk = typeof UNK;

export function isSentinel(v: unknown): boolean {
    return typeof v === "string" && SENTINELS.has(v);
}

export function isSecretWrapper(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v) && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** A wire value made plain: `UNK` for unknowns and unreadable (encrypted) secrets; readable secrets unwrapped. */
export function plain(v: unknown): unknown {
    if (typeof v === "string") return SENTINELS.has(v) ? UNK : v;
    if (isSecretWrapper(v)) return "value" in v ? plain(v.value) : UNK;
    return v;
}

/** A wire value as a `Read`: says whether it was secret, and why it is unknown. */
export function readWire(v: unknown, at?: ValueAt): Read<unknown> {
    if (isSecretWrapper(v)) {
        if (!("value" in v)) return unknown("secret", at);
        const inner = readWire(v.value, at);
        return inner.known ? known(inner.value, true) : inner;
    }
    if (typeof v === "string" && SENTINELS.has(v)) return unknown("preview", at);
    return v === undefined ? KNOWN_UNDEFINED : known(v);
}

/** Absent values are the most common read: one shared answer (never mutated). */
export const KNOWN_UNDEFINED: Known<undefined> = known(undefined);

/** Does a wire value hold an unknown anywhere inside it (for "is this whole block known")? */
export function containsUnknown(v: unknown, depth = 0): boolean {
    if (depth > 20) return false;
    const p = plain(v);
    if (p === UNK) return true;
    if (Array.isArray(p)) return p.some((x) => containsUnknown(x, depth + 1));
    if (p !== null && typeof p === "object") return Object.values(p).some((x) => containsUnknown(x, depth + 1));
    return false;
}

/** A whole wire value with secrets unwrapped (readable) and unknowns/unreadable secrets as `undefined`: for display. */
export function displayValue(v: unknown, depth = 0): unknown {
    if (depth > 50) return undefined;
    const p = plain(v);
    if (p === UNK) return undefined;
    if (Array.isArray(p)) return p.map((x) => displayValue(x, depth + 1));
    if (p !== null && typeof p === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(p)) out[k] = displayValue(x, depth + 1);
        return out;
    }
    return p;
}

export function str(v: unknown): string | undefined | Unk {
    const p = plain(v);
    if (p === UNK) return UNK;
    if (typeof p === "number" && Number.isFinite(p)) return String(p);
    return typeof p === "string" && p !== "" ? p : undefined;
}

/** A string to show or use as is: undefined when absent, empty, unknown or an unreadable secret (stack outputs, user data). */
export function knownString(v: unknown): string | undefined {
    const s = str(v);
    return typeof s === "string" ? s : undefined;
}

/** Integers given as numbers or numeric strings (launch templates use strings). */
export function num(v: unknown): number | undefined | Unk {
    const p = plain(v);
    if (p === UNK) return UNK;
    if (typeof p === "number" && Number.isFinite(p)) return Math.trunc(p);
    if (typeof p === "string" && /^\s*-?\d+\s*$/.test(p)) return parseInt(p, 10);
    return undefined;
}

/** Booleans given as booleans or "true"/"false" strings (launch templates use strings). */
function asBoolean(v: unknown): boolean | undefined {
    if (typeof v === "boolean") return v;
    if (typeof v === "string") {
        const s = v.trim().toLowerCase();
        if (s === "true") return true;
        if (s === "false") return false;
    }
    return undefined;
}

/** A wire value read as a boolean (`asBoolean`), `UNK` when unknown. */
export function bool(v: unknown): boolean | undefined | Unk {
    const p = plain(v);
    return p === UNK ? UNK : asBoolean(p);
}

/** A list (a lone value counts as a one-element list; absent is empty); `UNK` when the list itself is unknown. */
export function list(v: unknown): unknown[] | Unk {
    const p = plain(v);
    if (p === UNK) return UNK;
    if (p === undefined || p === null) return [];
    return Array.isArray(p) ? p.map(plain) : [p];
}

/** An object (anything else reads as empty); `UNK` when unknown. */
export function record(v: unknown): Record<string, unknown> | Unk {
    const p = plain(v);
    if (p === UNK) return UNK;
    return p !== null && typeof p === "object" && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
}
