/**
 * THE network model: a snapshot of resources parsed once into typed AWS entities, which every rule,
 * the reachability paths, the report, the diagram and the twin read instead of raw props.
 *
 * How to use it
 * - Build: `buildNetworkModel(snapshot, options)`. A snapshot is `{ resources: ModelResource[] }`
 *   (urn, type, name, id?, inputs?, outputs?, propertyDependencies?, provider?) — offline's
 *   `StackSnapshot` is one as is; a policy's `args.resources` become one through
 *   `fromPolicyResources` (the proxy's target is read, unknowns stay unknown, providers come along for
 *   their `defaultTags`). Options: tier/role tag keys, internal tiers, `useRouteHeuristic`.
 *   A stack rule does not build it itself: `stackModel(args.resources, options)` builds it once per
 *   `AnalyzeStack` (through once-per-stack.ts) and hands every rule with the same options the same model;
 *   a resource rule asks `resourceModel(args, options)`, the model of its one resource (and provider),
 *   shared by the resource rules of one `Analyze` call.
 * - Read entities, not props: `vpcs`, `subnets` (cidr, `tier.internal`, route table, ACL,
 *   `mapPublicIpOnLaunch`), `routeTables` (routes with a classified target), `gateways`,
 *   `securityGroups` and `rules` (every form — inline `ingress[i]`, `aws.ec2.SecurityGroupRule`,
 *   `aws.vpc.SecurityGroupIngressRule`/`EgressRule` — in one `SecurityGroupRule` shape whose `peers`
 *   are CIDRs, prefix lists, groups or `self`), `networkAcls`, `hosts` (instances, spot requests,
 *   ENIs, load balancers, Instance Connect endpoints, auto scaling groups, with their subnets, groups,
 *   addresses and `publicAddress`), `launchTemplates`, `launchConfigurations`, `elasticIps`,
 *   `keyPairs`, `tlsKeys`, `flowLogs` (the VPC each records), `launchSettings` (metadata options, EBS
 *   devices, decoded user data of instances, spot requests, templates, configurations), `volumes`;
 *   any of them by URN in `byUrn`.
 * - References are `Link`s: `urns` (one when certain; several when only shared dependencies say
 *   which), `external` (known ids outside the snapshot), `unknown` (preview, nothing tells).
 * - Values a preview may leave open are `Read<T>`: `{ known: true, value, secret }` or
 *   `{ known: false, reason: "preview" | "secret", at?: { urn, path } }`. A rule reports what the known
 *   values decide and, for an unknown, raises the engine's own unknown error at `at` (its
 *   `unknownErrorAt(props, path)`), never a violation. A setting the program did not give (a preview's
 *   unknown computed output with no dependency) reads as not set, `known(undefined)`.
 * - Tags include the provider's `defaultTags`: `entity.tags` holds the known ones; where an unknown
 *   tag matters it is a `Read` (`subnet.tier.tier`, `host.role`).
 * - Wire values (unknown sentinels, secret wrappers) are read only by `wire.ts`; type tokens come only
 *   from `aws-types.ts`. Neither is compared anywhere else.
 */
export { buildNetworkModel } from "./build";
export { stackModel } from "./stack-model";
export { resourceModel } from "./resource-model";
export { DEFAULT_OPTIONS, linkVerdict } from "./context";
export { fromPolicyResources, propsByUrn, unwrapProps } from "./policy-resources";
export type { PolicyResourceLike } from "./policy-resources";
export type { ModelResource, ModelSnapshot } from "./snapshot";
export type * from "./types";
export type { FlowLog } from "./flow-logs";
export type { Known, Read, Unknown, ValueAt } from "./wire";
export * from "./aws-types";
export { covers, intersect, normalizeProtocol, portRange, tcpPortsOpened, trafficKey, trafficLabel, trafficOf } from "./traffic";
export { userDataText } from "./instance-settings";
export { stateMissing } from "./resource-index";
export { block, isInternetBlock, overlaps, within } from "./ipv4-block";
export type { Block } from "./ipv4-block";
