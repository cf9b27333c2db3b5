/**
 * One index of a stack's resources by URN and by physical id, built once per stack policy run so
 * that resolving references stays linear in the size of the stack.
 */
import type { PolicyResource } from "@pulumi/policy";
import { peekString, read } from "./unknowns";

export interface StackIndex {
    byUrn: Map<string, PolicyResource>;
    /** Known ids (and ARNs) -> resource; unknown ids (preview) are simply absent. */
    byId: Map<string, PolicyResource>;
    byType: Map<string, PolicyResource[]>;
}

export function indexStack(resources: PolicyResource[]): StackIndex {
    const byUrn = new Map<string, PolicyResource>();
    const byId = new Map<string, PolicyResource>();
    const byType = new Map<string, PolicyResource[]>();
    for (const r of resources) {
        byUrn.set(r.urn, r);
        let list = byType.get(r.type);
        if (!list) byType.set(r.type, (list = []));
        list.push(r);
        for (const key of ["id", "arn"]) {
            const v = peekString(r.props, key);
            if (v && !byId.has(v)) byId.set(v, r);
        }
    }
    return { byUrn, byId, byType };
}

export function ofType(index: StackIndex, ...types: string[]): PolicyResource[] {
    return types.flatMap((t) => index.byType.get(t) ?? []);
}

export interface Reference {
    /** Resources the value may be (one when certain, several when only dependencies say). */
    candidates: PolicyResource[];
    /** A known id that names nothing in this stack. */
    externalId?: string;
    /** Why it could not be resolved, when neither the value nor the dependencies tell. */
    unknown?: Error;
}

/**
 * What does `holder.props[prop]` (already read into `value`) refer to, among resources of `types`?
 * A known id is looked up directly; otherwise `propertyDependencies[prop]` says which resources the
 * value came from — that is how a reference is resolved during preview, when ids are unknown.
 */
export function resolveReference(
    index: StackIndex,
    holder: PolicyResource,
    prop: string,
    value: { known: true; value: unknown } | { known: false; error: Error },
    types: readonly string[],
): Reference {
    const deps = (holder.propertyDependencies?.[prop] ?? []).filter((d) => types.includes(d.type));
    if (value.known) {
        if (typeof value.value === "string" && value.value !== "") {
            // The recorded dependency wins over an id lookup: ids are not always indexed (outputs
            // without `id`) and not always unique (copies of a stack in one snapshot).
            if (deps.length === 1) return { candidates: deps };
            const hit = index.byId.get(value.value);
            if (hit && types.includes(hit.type)) return { candidates: [hit] };
            // A known id that matches nothing names a resource outside this stack.
            return { candidates: [], externalId: value.value };
        }
        return deps.length > 0 ? { candidates: deps } : { candidates: [] };
    }
    return deps.length > 0 ? { candidates: deps } : { candidates: [], unknown: value.error };
}

/**
 * Reads an output property of a stack resource, treating an unknown that was never an input as
 * absent. During a preview every computed output the program did not set (an instance's
 * `associatePublicIpAddress`, an EIP's `instance`) is unknown; the SDK records a
 * `propertyDependencies` key for every input it sent, so a missing key means "not set by the
 * program" — the provider default applies, and rules judge that default where it is decided.
 */
export function readSetting(r: PolicyResource, prop: string): { known: true; value: unknown } | { known: false; error: Error } {
    const v = read(() => r.props[prop]);
    if (v.known) return v;
    const deps = r.propertyDependencies;
    return deps && Object.keys(deps).length > 0 && !(prop in deps) ? { known: true, value: undefined } : v;
}
