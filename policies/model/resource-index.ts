/**
 * The snapshot indexed once, and every reference resolved in one place. A known id (or ARN, or
 * allocation id) is looked up among resources of the wanted types; during a preview ids are unknown,
 * and `propertyDependencies` name the resources a value came from instead. A known id that names
 * nothing here is a resource outside the snapshot.
 */
import { ModelResource } from "./snapshot";
import { KNOWN_UNDEFINED, Read, UNK, ValueAt, bool, known, plain, readWire, str } from "./wire";

export interface Ref {
    /** What the value may be: one when certain, several when only shared dependencies tell. */
    found: ModelResource[];
    /** Known ids that name nothing in the snapshot. */
    external: string[];
    /** Some element could not be resolved: unknown, and no dependency tells. */
    unknown: boolean;
}

export class ResourceIndex {
    private readonly byUrn = new Map<string, ModelResource>();
    private readonly byType = new Map<string, ModelResource[]>();
    /** Per type, known ids (and ARNs, allocation ids) -> resources; built on the first lookup of that type. */
    private readonly idsByType = new Map<string, Map<string, ModelResource[]>>();

    constructor(readonly resources: readonly ModelResource[]) {
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
            const t = this.byType.get(r.type);
            if (t) t.push(r);
            else this.byType.set(r.type, [r]);
        }
    }

    private ids(type: string): Map<string, ModelResource[]> {
        let ids = this.idsByType.get(type);
        if (ids) return ids;
        ids = new Map();
        for (const r of this.byType.get(type) ?? []) {
            const keys = new Set([str(r.id), str(prop(r, "id")), str(prop(r, "arn")), str(prop(r, "allocationId"))]);
            for (const key of keys) {
                if (typeof key !== "string") continue;
                const hits = ids.get(key);
                if (hits) hits.push(r);
                else ids.set(key, [r]);
            }
        }
        this.idsByType.set(type, ids);
        return ids;
    }

    get(urn: string): ModelResource | undefined {
        return this.byUrn.get(urn);
    }

    /** The index's own list when only one of `types` is present (as for a single type): read it, never change it. */
    ofType(...types: readonly string[]): ModelResource[] {
        let found: ModelResource[] | undefined;
        let own = true;
        for (const t of types) {
            const list = this.byType.get(t);
            if (!list) continue;
            if (!found) found = list;
            else {
                if (own) {
                    found = found.slice();
                    own = false;
                }
                for (const r of list) found.push(r);
            }
        }
        return found ?? [];
    }

    withId(id: string, types: readonly string[]): ModelResource | undefined {
        for (const t of types) {
            const hit = this.ids(t).get(id);
            if (hit) return hit[0];
        }
        return undefined;
    }

    /** The resources of `types` that `holder.propertyDependencies[key]` names. */
    dependencies(holder: ModelResource, key: string, types: readonly string[]): ModelResource[] {
        const out: ModelResource[] = [];
        const urns = holder.propertyDependencies?.[key];
        if (urns) {
            for (const u of urns) {
                const r = this.byUrn.get(u);
                if (r && types.includes(r.type) && !out.includes(r)) out.push(r);
            }
        }
        return out;
    }

    /** Of the resources of `types` with this id, the first that is also a dependency, else the first. */
    private byIdPreferring(id: string, types: readonly string[], deps: readonly ModelResource[]): ModelResource | undefined {
        let first: ModelResource | undefined;
        for (const t of types) {
            const hits = this.ids(t).get(id);
            if (!hits) continue;
            for (const h of hits) {
                if (deps.includes(h)) return h;
                first ??= h;
            }
        }
        return first;
    }

    /**
     * What `value` (a property of `holder`, whose dependencies are recorded under `key`) refers to, among
     * `types`. `shared`: the dependencies of `key` cover several values (the blocks of an inline `ingress`,
     * a template's interfaces), so one dependency does not vouch for every value: a known id is only ever
     * what it names, and an unknown one may be any of the dependencies.
     */
    resolve(holder: ModelResource, key: string, value: unknown, types: readonly string[], shared = false): Ref {
        const deps = this.dependencies(holder, key, types);
        // `list(value)` read in place: this runs for every reference of every resource, and allocating the list was most of the model's garbage.
        const v = plain(value);
        if (v === UNK) return deps.length > 0 ? { found: deps, external: [], unknown: false } : { found: [], external: [], unknown: true };
        const many = Array.isArray(v);
        const count = many ? v.length : v === undefined || v === null ? 0 : 1;
        const out: Ref = { found: [], external: [], unknown: false };
        let unresolved = 0;
        let empty = 0;
        for (let i = 0; i < count; i++) {
            const id = str(many ? v[i] : v);
            if (id === UNK) unresolved++;
            else if (id === undefined) empty++;
            else if (!shared && count === 1 && deps.length === 1) {
                // The recorded dependency wins: ids are not always indexed (outputs without `id`) and not
                // always unique (copies of a stack in one snapshot).
                addOnce(out.found, deps[0]);
            } else {
                const hit = this.byIdPreferring(id, types, deps);
                if (hit) addOnce(out.found, hit);
                else out.external.push(id);
            }
        }
        if (unresolved > 0) {
            if (deps.length === 0) out.unknown = true;
            for (const d of deps) addOnce(out.found, d);
        } else if (!shared && count > 0 && empty === count && out.found.length === 0) {
            // A value the program set to something the provider left empty: the dependency says what it is.
            for (const d of deps) addOnce(out.found, d);
        }
        return out;
    }

    /** `resolve` on the property `key` of `holder` itself. */
    ref(holder: ModelResource, key: string, types: readonly string[]): Ref {
        return this.resolve(holder, key, prop(holder, key), types);
    }
}

function addOnce(found: ModelResource[], r: ModelResource): void {
    if (!found.includes(r)) found.push(r);
}

/** A property of `r`: the first known of outputs and inputs, made plain; `UNK` when neither is known. */
export function prop(r: ModelResource, key: string): unknown {
    const o = plain(r.outputs?.[key]);
    if (o !== UNK && o !== undefined) return o;
    const i = plain(r.inputs?.[key]);
    if (i !== UNK && i !== undefined) return i;
    return o === UNK || i === UNK ? UNK : undefined;
}

/**
 * No inputs and no outputs at all: a provider that cannot preview the resource hands the engine an
 * empty map. An AWS resource always has some input or output, so nothing about it is known.
 */
export function stateMissing(r: ModelResource): boolean {
    return isEmpty(r.inputs) && isEmpty(r.outputs);
}

/** No own enumerable key, found without listing them all (asked for every entity of a large stack). */
function isEmpty(o: Record<string, unknown> | undefined): boolean {
    if (o === undefined) return true;
    for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return false;
    return true;
}

/** `prop` as a `Read`: says whether the value was secret, and why and where it is unknown. */
export function readProp(r: ModelResource, key: string): Read<unknown> {
    const o = readWire(r.outputs?.[key]);
    if (o.known && o.value !== undefined) return o;
    const i = readWire(r.inputs?.[key]);
    if (i.known && i.value !== undefined) return i;
    const open = !o.known ? o : !i.known ? i : undefined;
    // Where it was read is built only for an unknown: most reads are known.
    return open ? { ...open, at: { urn: r.urn, path: [key] } } : KNOWN_UNDEFINED;
}

/**
 * Did the program give `key` itself: an input we can see, or a dependency entry. The engine hands the
 * analyzer entries only for properties that have dependencies; a stack export or our mock runner
 * records one, maybe empty, for every input sent, which says as much.
 */
export function setByProgram(r: ModelResource, key: string): boolean {
    return (r.propertyDependencies !== undefined && key in r.propertyDependencies) || (r.inputs !== undefined && key in r.inputs);
}

/**
 * A setting of `r` (an input with a provider default, e.g. `associatePublicIpAddress`). In a preview
 * every computed output the program did not set is unknown. A value the program sent unknown came
 * from another resource, so it has a `propertyDependencies` entry (the engine passes only those); an
 * unknown without one, where dependencies are recorded at all, was not set: the default applies
 * (`undefined`).
 */
export function setting(r: ModelResource, key: string): unknown {
    const v = prop(r, key);
    if (v !== UNK) return v;
    if (r.propertyDependencies === undefined) return UNK;
    return setByProgram(r, key) ? UNK : undefined;
}

/** `setting` as a `Read`. */
export function readSetting(r: ModelResource, key: string): Read<unknown> {
    const v = readProp(r, key);
    if (v.known || v.reason === "secret") return v;
    return setting(r, key) === UNK ? v : known(undefined);
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


/** Typed reads of one property, keeping `secret` and where an unknown was read. */
function typed<T>(read: Read<unknown>, convert: (v: unknown) => T | undefined | typeof UNK): Read<T | undefined> {
    if (!read.known) return read;
    if (read.value === undefined) return read as Read<undefined>;
    const v = convert(read.value);
    return v === UNK ? { known: false, reason: "preview" } : { known: true, value: v, secret: read.secret };
}

export const readString = (r: ModelResource, key: string): Read<string | undefined> => typed(readProp(r, key), str);
export const settingBoolean = (r: ModelResource, key: string): Read<boolean | undefined> => typed(readSetting(r, key), bool);
/** A plain value (e.g. a field of an inline block) as a typed `Read`. */
export function readValue<T>(v: unknown, convert: (v: unknown) => T | undefined | typeof UNK, at?: ValueAt): Read<T | undefined> {
    return v === UNK ? { known: false, reason: "preview", at } : typed(readWire(v, at), convert);
}
