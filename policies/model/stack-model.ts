/**
 * The network model of a stack policy's resources, built once per stack analysis and shared by every
 * stack rule that asks with the same options (the options, defaults filled in, are the purpose).
 */
import { buildNetworkModel } from "./build";
import { DEFAULT_OPTIONS } from "./context";
import { oncePerStack } from "./once-per-stack";
import { PolicyResourceLike, fromPolicyResources } from "./policy-resources";
import { ModelOptions, NetworkModel } from "./types";

export function stackModel(resources: readonly PolicyResourceLike[], options: ModelOptions = {}): NetworkModel {
    const full: Required<ModelOptions> = { ...DEFAULT_OPTIONS };
    for (const [k, v] of Object.entries(options)) if (v !== undefined) (full as Record<string, unknown>)[k] = v;
    const purpose = `network-model ${JSON.stringify([full.tierTagKey, full.internalTiers, full.roleTagKey, full.useRouteHeuristic])}`;
    return oncePerStack(resources, purpose, () => buildNetworkModel(fromPolicyResources(resources), full));
}
