/** What one harness run carries: the pack, resolved config, and per-resource caches shared by every policy. */
import type { PolicyProviderResource, PolicyResourceOptions } from "@pulumi/policy";
import type { ResourceSnapshot } from "../snapshot";
import type { PackUnderTest, PolicyRunResult } from "./index";
import type { ResolvedPolicyConfig } from "./config";
import { toEngineProperties } from "./wire";

export interface Context {
    pack: PackUnderTest;
    config: Map<string, ResolvedPolicyConfig>;
    stackTags: ReadonlyMap<string, string>;
    byUrn: Map<string, ResourceSnapshot>;
    inputsOf: (r: ResourceSnapshot) => Record<string, unknown>;
    outputsOf: (r: ResourceSnapshot) => Record<string, unknown>;
    optsOf: (r: ResourceSnapshot) => PolicyResourceOptions;
    providerOf: (r: ResourceSnapshot) => PolicyProviderResource | undefined;
    result: PolicyRunResult;
}

/** One value per resource per run. */
export function memo<T>(make: (r: ResourceSnapshot) => T): (r: ResourceSnapshot) => T {
    const cache = new Map<ResourceSnapshot, T>();
    return (r) => {
        if (!cache.has(r)) cache.set(r, make(r));
        return cache.get(r) as T;
    };
}

/** A snapshot's wire values in the form the engine hands the analyzer, converted once per resource. */
export function memoWire(field: "inputs" | "outputs"): (r: ResourceSnapshot) => Record<string, unknown> {
    return memo((r) => toEngineProperties(r[field]));
}
