/**
 * Reachability: who can reach what, on which protocol and port, and why — computed from a snapshot
 * before anything is deployed (what AWS's Reachability Analyzer answers only after deploying).
 *
 * It reads the network model (policies/model): the endpoints (the internet, address ranges outside
 * the VPC that rules name such as the operator's /32, every instance, network interface, load
 * balancer and Instance Connect endpoint with its subnet, addresses and security groups), the route
 * tables, the security group rules in every form (stateful; CIDR, prefix list, group membership,
 * `self`; every protocol) and network ACLs where present (none: the default ACL allows all).
 *
 * It returns one row per (source endpoint, target endpoint, protocol/port range that some ingress
 * rule on the target opens): `yes` with the address, route and rule that allow it; `no` with the
 * first thing that blocks it; `unknown` when a deciding value is not known (a preview) or lies
 * outside the snapshot — never a guess. Within a VPC, hosts reach each other by private IP (that is
 * what group-referenced rules match); from outside, by a public IP or Elastic IP through an
 * internet gateway.
 *
 * Pure: no Pulumi imports, so the policy pack (published on its own) can use it; `offline/` imports
 * it from here.
 */
import { NetworkModel, buildNetworkModel, fromPolicyResources } from "../model";
import { evaluate } from "./evaluate";
import { portsLabel, queryPath } from "./query";
import { ModelSnapshot, Reachability, ReachabilityOptions } from "./types";

export type {
    Endpoint, EndpointAddress, EndpointKind, ModelResource, ModelSnapshot, PathStage, PathStep, PathVia, PortRange,
    Reachability, ReachabilityOptions, ReachabilityRow, Verdict,
} from "./types";
export type { PolicyResourceLike } from "../model";

/** The model options the reachability options imply (the tier and role keys). */
export function modelOptionsOf(options: ReachabilityOptions) {
    return { tierTagKey: options.tierTagKey, internalTiers: options.internalTiers, roleTagKey: options.roleTagKey, useRouteHeuristic: options.useRouteHeuristic };
}

/** The endpoints of `snapshot` and, for every pair and every opened protocol/port range, whether and why. */
export function buildReachability(snapshot: ModelSnapshot, options: ReachabilityOptions = {}): Reachability {
    return evaluate(buildNetworkModel(snapshot, modelOptionsOf(options)), options);
}

/** The same from a model already built (with `modelOptionsOf(options)`). */
export function reachabilityOf(model: NetworkModel, options: ReachabilityOptions = {}): Reachability {
    return evaluate(model, options);
}

export {
    /** `(reachability, from, to, protocol, port)` -> the row covering it, or a `no` row saying nothing opens it. */
    queryPath,
    /** `tcp 22`, `tcp 1025-65535`, `udp all ports`, `all traffic`. */
    portsLabel,
    /** The pack's `PolicyResource`s (props behind the unknown-checking proxy) -> a `ModelSnapshot`, unknowns kept as such. */
    fromPolicyResources,
};
