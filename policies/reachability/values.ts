/**
 * Reading resource properties in wire form without guessing: an unknown (preview) value becomes the
 * `UNK` marker, which every caller must handle; a readable secret is unwrapped; an encrypted one is
 * as good as unknown (the model cannot read it).
 */
import { ModelResource } from "./types";

export const UNK = Symbol("unknown value");
export type Unk = typeof UNK;

/** The engine's unknown sentinels (strings, numbers, bools, arrays, assets, archives, objects on the wire). */
const SENTINELS = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", "030794c1-ac77-496b-92df-f27374a8bd58", "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A wire value made plain: `UNK` for unknowns and unreadable secrets. */
export function plain(v: unknown): unknown {
    if (typeof v === "string") return SENTINELS.has(v) ? UNK : v;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        if (o[SECRET_SIG_KEY] === SECRET_SIG) return "value" in o ? plain(o.value) : UNK;
    }
    return v;
}

/** A property of `r`: the first known of outputs and inputs; `UNK` when neither is known. */
export function prop(r: ModelResource, key: string): unknown {
    const o = plain(r.outputs?.[key]);
    if (o !== UNK && o !== undefined) return o;
    const i = plain(r.inputs?.[key]);
    if (i !== UNK && i !== undefined) return i;
    return o === UNK || i === UNK ? UNK : undefined;
}

/**
 * A setting of `r` (an input with a provider default, e.g. `associatePublicIpAddress`). In a preview
 * every computed output the program did not set is unknown. A value the program sent unknown came
 * from another resource, so it has a `propertyDependencies` entry (the engine passes only those);
 * an unknown without one, on a resource whose dependencies are recorded, was not set: the default
 * applies (`undefined`).
 */
export function setting(r: ModelResource, key: string): unknown {
    const v = prop(r, key);
    if (v !== UNK) return v;
    const deps = r.propertyDependencies ?? {};
    const sent = key in deps || (r.inputs !== undefined && key in r.inputs);
    return Object.keys(deps).length > 0 && !sent ? undefined : UNK;
}

/**
 * Inline lists the program may or may not declare (rule blocks, routes, ACL entries): inputs first;
 * else the outputs, read as a `setting` — in a real preview the analyzer sees only outputs, where a
 * list the program never set is an unknown computed value, which must not read as "some rules".
 */
export function declared(r: ModelResource, key: string): unknown {
    if (r.inputs && key in r.inputs) return plain(r.inputs[key]);
    return setting(r, key);
}

export function str(v: unknown): string | undefined | Unk {
    const p = plain(v);
    if (p === UNK) return UNK;
    if (typeof p === "number" && Number.isFinite(p)) return String(p);
    return typeof p === "string" && p !== "" ? p : undefined;
}

export function num(v: unknown): number | undefined | Unk {
    const p = plain(v);
    if (p === UNK) return UNK;
    if (typeof p === "number" && Number.isFinite(p)) return Math.trunc(p);
    if (typeof p === "string" && /^\s*-?\d+\s*$/.test(p)) return parseInt(p, 10);
    return undefined;
}

export function bool(v: unknown): boolean | undefined | Unk {
    const p = plain(v);
    if (p === UNK) return UNK;
    if (typeof p === "boolean") return p;
    if (p === "true") return true;
    if (p === "false") return false;
    return undefined;
}

/** A list (a lone value counts as a one-element list); `UNK` when the list itself is unknown. */
export function list(v: unknown): unknown[] | Unk {
    const p = plain(v);
    if (p === UNK) return UNK;
    if (p === undefined || p === null) return [];
    return Array.isArray(p) ? p.map(plain) : [p];
}

export function record(v: unknown): Record<string, unknown> | Unk {
    const p = plain(v);
    if (p === UNK) return UNK;
    return p !== null && typeof p === "object" && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
}

export function tag(r: ModelResource, key: string): string | undefined {
    for (const bag of [r.outputs?.tags, r.inputs?.tags, r.outputs?.tagsAll]) {
        const t = record(bag);
        if (t === UNK) continue;
        const v = str(t[key]);
        if (typeof v === "string") return v;
    }
    return undefined;
}

/** The Name tag, else the logical name. */
export function labelOf(r: ModelResource): string {
    return tag(r, "Name") ?? r.name;
}
