/** Exports changed the way a pull request (or a provider) would change them, for the diff's specs. */
import { UNKNOWN } from "../../../offline/snapshot";

export interface ExportResource {
    urn: string;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
    [key: string]: unknown;
}
export interface ExportDoc {
    deployment: { resources: ExportResource[] };
    [key: string]: unknown;
}

export const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The resource whose URN ends with `::name`. */
export function named(doc: ExportDoc, name: string): ExportResource {
    const r = doc.deployment.resources.find((x) => x.urn.endsWith(`::${name}`));
    if (!r) throw new Error(`no resource ${name} in the export`);
    return r;
}

/** Sets `key` in both inputs and outputs. */
export function setProp(r: ExportResource, key: string, value: unknown): void {
    for (const side of [r.inputs, r.outputs]) if (side) side[key] = value;
}

/**
 * Every provider-assigned id (`sg-…`, `i-…`, `eipalloc-…`, any `<prefix>-<hex>`) and every public address
 * replaced consistently across the document — what a second deployment of the same config gives.
 */
export function reassignIds(doc: ExportDoc): ExportDoc {
    const text = JSON.stringify(doc)
        .replace(/"([a-z]{1,12})-([0-9a-f]{8,17})"/g, (_, p: string, hex: string) => `"${p}-${[...hex].reverse().join("")}"`)
        .replace(/"203\.0\.113\.(\d+)"/g, (_, n: string) => `"198.51.100.${n}"`);
    return JSON.parse(text) as ExportDoc;
}

/** A resource renamed: URN and every reference to it (what `pulumi` would see as delete + create). */
export function rename(doc: ExportDoc, from: string, to: string): ExportDoc {
    const urn = named(doc, from).urn;
    return JSON.parse(JSON.stringify(doc).split(urn).join(urn.slice(0, -from.length) + to)) as ExportDoc;
}

/** Every URN's project segment replaced. */
export function otherProject(doc: ExportDoc, project: string): ExportDoc {
    return JSON.parse(JSON.stringify(doc).replace(/(urn:pulumi:[^:"]*::)[^:"]+::/g, `$1${project}::`)) as ExportDoc;
}

/** An ingress rule like `like`, on the same group, with other ports and source. */
export function addIngress(doc: ExportDoc, like: string, name: string, props: Record<string, unknown>): ExportDoc {
    const out = copy(doc);
    const model = named(out, like);
    const rule = copy(model);
    rule.urn = model.urn.slice(0, -like.length) + name;
    rule.id = UNKNOWN;
    for (const [k, v] of Object.entries(props)) setProp(rule, k, v);
    out.deployment.resources.push(rule);
    return out;
}
