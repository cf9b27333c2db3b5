import { ResourceSnapshot } from "../snapshot";
import { list, str } from "./wire-value";

/**
 * Finds the resource a property points at. In a real export the property holds the target's id;
 * during a preview ids are unknown, so the property's `propertyDependencies` name the target instead.
 */
export class ResourceIndex {
    private readonly byId = new Map<string, ResourceSnapshot>();
    private readonly byUrn = new Map<string, ResourceSnapshot>();

    constructor(readonly resources: ResourceSnapshot[]) {
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
            const id = str(r.id) ?? str(r.outputs.id);
            if (id) this.byId.set(id, r);
        }
    }

    private readonly byType = new Map<string, ResourceSnapshot[]>();

    ofType(type: string): ResourceSnapshot[] {
        let found = this.byType.get(type);
        if (!found) this.byType.set(type, (found = this.resources.filter((r) => r.type === type)));
        return found;
    }

    /** The resource of `type` whose physical id is `id`. */
    withId(id: string | undefined, type: string): ResourceSnapshot | undefined {
        const r = id === undefined ? undefined : this.byId.get(id);
        return r?.type === type ? r : undefined;
    }

    get(urn: string | undefined): ResourceSnapshot | undefined {
        return urn === undefined ? undefined : this.byUrn.get(urn);
    }

    /** The one resource of one of `types` that `prop` of `r` refers to. */
    ref(r: ResourceSnapshot, prop: string, types: string[]): ResourceSnapshot | undefined {
        return this.refs(r, prop, types)[0];
    }

    /** Every resource of `types` that `prop` (a string or a list of ids) of `r` refers to. */
    refs(r: ResourceSnapshot, prop: string, types: string[]): ResourceSnapshot[] {
        const raw = r.inputs[prop] ?? r.outputs[prop];
        const ids = Array.isArray(raw) || typeof raw !== "string" ? list(raw) : [raw];
        const found: ResourceSnapshot[] = [];
        const add = (t: ResourceSnapshot | undefined) => {
            if (t && types.includes(t.type) && !found.includes(t)) found.push(t);
        };
        for (const id of ids) if (typeof id === "string") add(this.byId.get(id));
        if (found.length < ids.length || ids.length === 0) {
            for (const urn of r.propertyDependencies[prop] ?? []) add(this.byUrn.get(urn));
        }
        return found;
    }
}
