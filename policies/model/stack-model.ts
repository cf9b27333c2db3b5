/**
 * The network model of a stack policy's resources, built once per stack analysis and shared by every
 * stack rule that asks with the same options (the options, defaults filled in, are the purpose).
 */
import { buildNetworkModel } from "./build";
import { fullOptions, optionsKey } from "./context";
import { oncePerStack } from "./once-per-stack";
import { PolicyResourceLike, fromPolicyResources } from "./policy-resources";
import { ModelOptions, NetworkModel } from "./types";

export function stackModel(resources: readonly PolicyResourceLike[], options: ModelOptions = {}): NetworkModel {
    const full = fullOptions(options);
    return oncePerStack(resources, `network-model ${optionsKey(full)}`, () => buildNetworkModel(fromPolicyResources(resources), full));
}
