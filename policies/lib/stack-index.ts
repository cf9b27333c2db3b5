/**
 * One index of a stack's resources by URN and by physical id, built once per stack policy run so
 * that resolving references stays linear in the size of the stack.
 */
import type { PolicyResource } from "@pulumi/policy";
import { peekString, read } from "./unknowns";

export interface StackIndex {
    byUrn: Map<string, PolicyResource>;
    byType: Map<string, PolicyResource[]>;
    /** Per type, known ids (and ARNs) -> resource; built on first lookup, so a rule reads only the props it needs. */
    idsByType: Map<string, Map<string, PolicyResource>>;
}

export function indexStack(resources: PolicyResource[]): StackIndex {
    const byUrn = new Map<string, PolicyResource>();
    const byType = new Map<string, PolicyResource[]>();
    for (const r of resources) {
        byUrn.set(r.urn, r);
        let list = byType.get(r.type);
        if (!list) byType.set(r.type, (list = []));
        list.push(r);
    }
    return { byUrn, byType, idsByType: new Map() };
}

/** The resource of one of `types` whose id or ARN is `id`; unknown ids (preview) are never indexed. */
export function findById(index: StackIndex, id: string, types: readonly string[]): PolicyResource | undefined {
    for (const t of types) {
        let ids = index.idsByType.get(t);
        if (!ids) {
            ids = new Map();
            for (const r of index.byType.get(t) ?? []) {
                for (const key of ["id", "arn"]) {
                    const v = peekString(r.props, key);
                    if (v && !ids.has(v)) ids.set(v, r);
                }
            }
            index.idsByType.set(t, ids);
        }
        const hit = ids.get(id);
        if (hit) return hit;
    }
    return undefined;
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

/** Every resource of `types` whose id or ARN is `id` (copies of a stack in one snapshot share ids). */
function allById(index: StackIndex, id: string, types: readonly string[]): PolicyResource[] {
    const hits: PolicyResource[] = [];
    for (const t of types) {
        for (const r of index.byType.get(t) ?? []) {
            if (peekString(r.props, "id") === id || peekString(r.props, "arn") === id) hits.push(r);
        }
    }
    return hits;
}

/**
 * What does `holder.props[prop]` (already read into `value`) refer to, among resources of `types`?
 * A known id is looked up directly; otherwise `propertyDependencies[prop]` says which resources the
 * value came from — that is how a reference is resolved during preview, when ids are unknown.
 *
 * `shared`: the dependencies of `prop` cover several values (a list, or the blocks of an inline
 * `ingress`), so one dependency does not vouch for every value: a known id is only ever what it
 * names, and an unknown one may be any of the dependencies.
 */
export function resolveReference(
    index: StackIndex,
    holder: PolicyResource,
    prop: string,
    value: { known: true; value: unknown } | { known: false; error: Error },
    types: readonly string[],
    shared = false,
): Reference {
    const deps = (holder.propertyDependencies?.[prop] ?? []).filter((d) => types.includes(d.type));
    if (value.known) {
        if (typeof value.value === "string" && value.value !== "") {
            // The recorded dependency wins over an id lookup: ids are not always indexed (outputs
            // without `id`) and not always unique (copies of a stack in one snapshot).
            if (deps.length === 1 && !shared) return { candidates: deps };
            const hit = findById(index, value.value, types);
            if (hit) {
                if (deps.length === 0 || deps.includes(hit)) return { candidates: [hit] };
                const inDeps = allById(index, value.value, types).filter((r) => deps.includes(r));
                return { candidates: [inDeps[0] ?? hit] };
            }
            // A known id that matches nothing names a resource outside this stack.
            return { candidates: [], externalId: value.value };
        }
        return deps.length > 0 && !shared ? { candidates: deps } : { candidates: [] };
    }
    return deps.length > 0 ? { candidates: deps } : { candidates: [], unknown: value.error };
}

/**
 * Reads an output property of a stack resource, treating an unknown that the program did not set as
 * absent. During a preview every computed output the program did not set (an instance's
 * `associatePublicIpAddress`, an EIP's `instance`, a group's `ingress`) is unknown; an input the
 * program did set to an unknown came from another resource's output, so it has dependencies. (The
 * engine sends the analyzer only the properties that have dependencies: an empty entry means nothing.)
 * A missing setting means the provider default applies, and rules judge that default where it is decided.
 */
export function readSetting(r: PolicyResource, prop: string): { known: true; value: unknown } | { known: false; error: Error } {
    const v = read(() => r.props[prop]);
    if (v.known) return v;
    return setByProgram(r, prop) ? v : { known: true, value: undefined };
}

/** Was an unknown `prop` given by the program (from another resource's output), rather than left to the provider? */
export function setByProgram(r: PolicyResource, prop: string): boolean {
    return (r.propertyDependencies?.[prop]?.length ?? 0) > 0;
}

/**
 * A resource whose state the stack policy cannot see: no props at all (a provider that cannot preview
 * hands the engine an empty map, pulumi/pulumi#9571). An AWS resource always has some input or
 * output, so nothing read from such a map is known.
 */
export function stateMissing(r: PolicyResource): boolean {
    const props = r.props as Record<string, unknown> | undefined;
    return !props || Object.keys(props).length === 0;
}
