/**
 * Finding the resource a property points at. A known id is looked up among resources of the wanted
 * types; during a preview ids are unknown, and `propertyDependencies` name the resources the value
 * came from instead. A known id that names nothing here is a resource outside the snapshot.
 */
import { ModelResource } from "./types";
import { UNK, list, prop, str } from "./values";

export interface Ref {
    found: ModelResource[];
    /** Known ids that name nothing in the snapshot. */
    external: string[];
    /** Some element could not be resolved: unknown and no dependency tells. */
    unknown: boolean;
}

export class ResourceIndex {
    private readonly byUrn = new Map<string, ModelResource>();
    private readonly byType = new Map<string, ModelResource[]>();
    /** Per type, known ids (and ARNs, allocation ids) -> resources; built on the first lookup of that type. */
    private readonly idsByType = new Map<string, Map<string, ModelResource>>();

    constructor(readonly resources: readonly ModelResource[]) {
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
            const t = this.byType.get(r.type);
            if (t) t.push(r);
            else this.byType.set(r.type, [r]);
        }
    }

    private ids(type: string): Map<string, ModelResource> {
        let ids = this.idsByType.get(type);
        if (ids) return ids;
        ids = new Map();
        for (const r of this.byType.get(type) ?? []) {
            for (const key of [str(r.id), str(prop(r, "id")), str(prop(r, "arn")), str(prop(r, "allocationId"))]) {
                if (typeof key === "string" && !ids.has(key)) ids.set(key, r);
            }
        }
        this.idsByType.set(type, ids);
        return ids;
    }

    get(urn: string): ModelResource | undefined {
        return this.byUrn.get(urn);
    }

    ofType(...types: string[]): ModelResource[] {
        return types.flatMap((t) => this.byType.get(t) ?? []);
    }

    withId(id: string, types: readonly string[]): ModelResource | undefined {
        for (const t of types) {
            const hit = this.ids(t).get(id);
            if (hit) return hit;
        }
        return undefined;
    }

    /** What `value` (a property of `holder`, named `key` for its dependencies) refers to, among `types`. */
    resolve(holder: ModelResource, key: string, value: unknown, types: readonly string[]): Ref {
        const deps = (holder.propertyDependencies?.[key] ?? []).map((u) => this.byUrn.get(u)).filter((r): r is ModelResource => r !== undefined && types.includes(r.type));
        const items = list(value);
        if (items === UNK) return deps.length > 0 ? { found: deps, external: [], unknown: false } : { found: [], external: [], unknown: true };
        const out: Ref = { found: [], external: [], unknown: false };
        const add = (r: ModelResource) => {
            if (!out.found.includes(r)) out.found.push(r);
        };
        let unresolved = 0;
        for (const item of items) {
            const id = str(item);
            if (id === UNK) unresolved++;
            else if (typeof id === "string") {
                // The recorded dependency wins when there is exactly one: ids repeat across copies of a stack.
                const hit = items.length === 1 && deps.length === 1 ? deps[0] : this.withId(id, types);
                if (hit) add(hit);
                else out.external.push(id);
            }
        }
        if (unresolved > 0) {
            if (deps.length === 0) out.unknown = true;
            for (const d of deps) add(d);
        }
        return out;
    }

    /** `resolve` on the property `key` of `holder` itself. */
    ref(holder: ModelResource, key: string, types: readonly string[]): Ref {
        return this.resolve(holder, key, prop(holder, key), types);
    }
}
