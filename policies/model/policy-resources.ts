/**
 * The pack's resources as model input. A policy's `props` sit behind @pulumi/policy's unknown-checking
 * proxy, which throws on reading an unknown; the proxy exposes its target, where an unknown is still
 * the engine's sentinel string, so the model reads unknowns as unknowns without copying anything.
 */
import { ModelResource, ModelSnapshot } from "./snapshot";

/** The part of @pulumi/policy's `PolicyResource` the model needs (structural: no Pulumi import). */
export interface PolicyResourceLike {
    urn: string;
    type: string;
    name: string;
    props: Record<string, unknown>;
    propertyDependencies?: Record<string, { urn: string }[]>;
    /** The resource's provider (its props hold `defaultTags`). */
    provider?: { urn: string; type: string; name: string; props: Record<string, unknown> };
}

/**
 * A resource's `props` by URN, read only when asked for: a rule keeps them to raise the engine's own
 * unknown error at a path, which few resources ever need, and a host that decodes props on first read
 * then decodes only those. The index itself is built on the first lookup: most analyses have none.
 */
export function propsByUrn(resources: readonly { urn: string; props: Record<string, unknown> }[]): { get(urn: string): Record<string, unknown> | undefined } {
    let byUrn: Map<string, { props: Record<string, unknown> }> | undefined;
    return { get: (urn) => (byUrn ??= new Map(resources.map((r) => [r.urn, r]))).get(urn)?.props };
}

/** The plain object behind the proxy (its nested values are plain too: the proxy wraps them only as they are read). */
export function unwrapProps(v: unknown): Record<string, unknown> {
    if (v === null || typeof v !== "object") return {};
    const o = v as Record<string, unknown>;
    const target = o.__isSpecialProxy === true ? o.__getSpecialProxyTarget : v;
    return target !== null && typeof target === "object" ? (target as Record<string, unknown>) : {};
}

function fromOne(r: { urn: string; type: string; name: string; props: Record<string, unknown> }, deps: Record<string, string[]>, provider?: string): ModelResource {
    const outputs = unwrapProps(r.props);
    const id = typeof outputs.id === "string" ? outputs.id : undefined;
    const m: ModelResource = { urn: r.urn, type: r.type, name: r.name, id, outputs, propertyDependencies: deps };
    if (provider) m.provider = provider;
    return m;
}

/** URN lists in place of the resources the server resolved them to. */
function dependencyUrns(resolved: Record<string, { urn: string }[]> | undefined): Record<string, string[]> {
    const deps: Record<string, string[]> = {};
    if (!resolved) return deps;
    for (const k of Object.keys(resolved)) {
        const list = resolved[k];
        const urns = new Array<string>(list.length);
        for (let i = 0; i < list.length; i++) urns[i] = list[i].urn;
        deps[k] = urns;
    }
    return deps;
}

/** A stack policy's resources (and their providers, for `defaultTags`) as a snapshot; unknowns kept as such. */
export function fromPolicyResources(resources: readonly PolicyResourceLike[]): ModelSnapshot {
    const out: ModelResource[] = [];
    const providers = new Map<string, ModelResource>();
    // Resources of one provider come in runs: its reference is made once per run, and the model's
    // per-provider lookups then meet the same string rather than an equal copy per resource.
    let lastUrn: string | undefined;
    let lastRef: string | undefined;
    for (const r of resources) {
        const p = r.provider;
        if (p && p.urn !== lastUrn) {
            lastUrn = p.urn;
            lastRef = `${p.urn}::`;
            if (!providers.has(p.urn)) providers.set(p.urn, fromOne(p, {}));
        }
        out.push(fromOne(r, dependencyUrns(r.propertyDependencies), p ? lastRef : undefined));
    }
    const present = new Set(out.map((r) => r.urn));
    for (const p of providers.values()) if (!present.has(p.urn)) out.push(p);
    return { resources: out };
}
