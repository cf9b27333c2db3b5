/**
 * Tags as AWS applies them: the resource's own `tags`, then `tagsAll` (where the provider merges its
 * `defaultTags` after an update), then the provider's `defaultTags` themselves — in a preview `tagsAll`
 * is unknown (or, in a `preview --json` step, absent) until the provider merges them in, so a `Role`
 * that arrives only through `defaultTags` must be read from the provider.
 */
import { ModelResource } from "./snapshot";
import { Read, UNK, known, readWire, record, str, unknown } from "./wire";

/** The provider's `defaultTags.tags`, read from its inputs/outputs (objects arrive as JSON text from config). */
export function providerDefaultTags(provider: ModelResource | undefined): Read<Record<string, string>> {
    if (!provider) return known({});
    const at = { urn: provider.urn, path: ["defaultTags"] };
    const raw = readWire(provider.outputs?.defaultTags ?? provider.inputs?.defaultTags, at);
    if (!raw.known) return raw;
    let v = raw.value;
    if (typeof v === "string") {
        try {
            v = JSON.parse(v);
        } catch {
            v = undefined;
        }
    }
    const first = record(Array.isArray(v) ? v[0] : v);
    const bag = first === UNK ? UNK : record(first.tags);
    if (bag === UNK) return unknown("preview", at);
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(bag)) {
        const s = str(x);
        if (typeof s === "string") out[k] = s;
    }
    return known(out, raw.secret);
}

/** The provider a resource's `provider` reference (`urn::id`) names, when it is in the snapshot. */
export function providerUrn(r: ModelResource): string | undefined {
    if (!r.provider) return undefined;
    const i = r.provider.lastIndexOf("::");
    return i < 0 ? r.provider : r.provider.slice(0, i);
}

/**
 * One tag of `r`: `tags`, else `tagsAll`, else the provider's `defaultTags`. Unknown only when a bag that
 * could hold it is unknown and no bag says it.
 */
export function tagOf(r: ModelResource, key: string, defaults: Read<Record<string, string>>): Read<string | undefined> {
    let sawUnknown = false;
    for (const bag of [r.outputs?.tags ?? r.inputs?.tags, r.outputs?.tagsAll]) {
        const t = record(bag);
        if (t === UNK) {
            sawUnknown = true;
            continue;
        }
        if (!(key in t)) continue;
        const v = str(t[key]);
        if (v === UNK) sawUnknown = true;
        else return known(v);
    }
    if (defaults.known && key in defaults.value) return known(defaults.value[key]);
    if (!defaults.known || sawUnknown) return unknown("preview", { urn: r.urn, path: ["tags", key] });
    return known(undefined);
}

/** Every known tag of `r`, defaults first, its own over them. */
export function tagsOf(r: ModelResource, defaults: Read<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = { ...(defaults.known ? defaults.value : {}) };
    for (const bag of [r.outputs?.tagsAll, r.outputs?.tags ?? r.inputs?.tags]) {
        const t = record(bag);
        if (t === UNK) continue;
        for (const [k, x] of Object.entries(t)) {
            const s = str(x);
            if (typeof s === "string") out[k] = s;
        }
    }
    return out;
}
