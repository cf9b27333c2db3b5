/**
 * The pack's resources as model input. A stack policy's `props` sit behind @pulumi/policy's
 * unknown-checking proxy, which throws on reading an unknown; the proxy exposes its target, where an
 * unknown is still the engine's sentinel string, so the copy keeps unknowns as unknowns.
 */
import { ModelResource, ModelSnapshot } from "./types";

/** The part of @pulumi/policy's `PolicyResource` the model needs (structural: no Pulumi import). */
export interface PolicyResourceLike {
    urn: string;
    type: string;
    name: string;
    props: Record<string, unknown>;
    propertyDependencies?: Record<string, { urn: string }[]>;
}

/**
 * The plain object behind the proxy. Its nested values are plain too (the proxy wraps them only as
 * they are read), and an unknown in it is still the sentinel string: no copy is needed.
 */
function unwrap(v: unknown): Record<string, unknown> {
    if (v === null || typeof v !== "object") return {};
    const o = v as Record<string, unknown>;
    // The proxy answers these two keys instead of throwing (see policies/lib/unknowns.ts peekString).
    const target = o.__isSpecialProxy === true ? o.__getSpecialProxyTarget : v;
    return target !== null && typeof target === "object" ? (target as Record<string, unknown>) : {};
}

export function fromPolicyResources(resources: readonly PolicyResourceLike[]): ModelSnapshot {
    return {
        resources: resources.map((r): ModelResource => {
            const outputs = unwrap(r.props);
            const deps: Record<string, string[]> = {};
            for (const [k, list] of Object.entries(r.propertyDependencies ?? {})) deps[k] = list.map((d) => d.urn);
            const id = typeof outputs.id === "string" ? outputs.id : undefined;
            return { urn: r.urn, type: r.type, name: r.name, id, outputs, propertyDependencies: deps };
        }),
    };
}
