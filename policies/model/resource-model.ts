/**
 * The network model of the one resource a resource rule is handed in `Analyze`: its inputs as the
 * engine sends them (unknowns still the engine's sentinels), and its provider for `defaultTags`. No
 * dependencies come with it, so an unknown input stays unknown rather than reading as "not set".
 */
import { buildNetworkModel } from "./build";
import { fullOptions, optionsKey } from "./context";
import { oncePerStack } from "./once-per-stack";
import { PolicyResourceLike, unwrapProps } from "./policy-resources";
import { ModelResource } from "./snapshot";
import { ModelOptions, NetworkModel } from "./types";

/**
 * Shared by the resource rules that ask about the same resource with the same options (defaults filled in, so
 * a rule that names the default role tag shares the model of one that names none): the server runs
 * every resource policy of one `Analyze` request in one turn of the event loop, as it does a stack's
 * policies in `AnalyzeStack`, so the one-resource list is a key as good as the stack's URN list.
 */
export function resourceModel(args: Pick<PolicyResourceLike, "urn" | "type" | "name" | "props" | "provider">, options: ModelOptions = {}): NetworkModel {
    const full = fullOptions(options);
    // Props are read only to build: the rules after the first find the model by URN and never touch them.
    return oncePerStack([args], `resource-model ${optionsKey(full)}`, () => {
        const resources: ModelResource[] = [];
        const own: ModelResource = { urn: args.urn, type: args.type, name: args.name, inputs: unwrapProps(args.props) };
        if (args.provider) {
            resources.push({ urn: args.provider.urn, type: args.provider.type, name: args.provider.name, outputs: unwrapProps(args.provider.props) });
            own.provider = `${args.provider.urn}::`;
        }
        resources.push(own);
        return buildNetworkModel({ resources }, full);
    });
}
