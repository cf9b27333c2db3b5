/**
 * The network model's public entities: plain data, no Pulumi imports. Every reference between
 * entities is a URN (look it up in `NetworkModel.byUrn` or the entity's own map); a reference the
 * snapshot cannot resolve says why instead (`Link`). Values a preview leaves unknown are `Read`s.
 */
import { Block } from "./ipv4-block";
import { Read } from "./wire";
import { EipAssociation, ElasticIp, Host, KeyPair, LaunchConfiguration, LaunchSettings, LaunchTemplate, TlsKey, Volume } from "./host-types";
import type { FlowLog } from "./flow-logs";

export type * from "./host-types";

export type Verdict = "yes" | "no" | "unknown";

/** A resolved reference: the resources it may be (one when certain), ids outside the snapshot, or unknown. */
export interface Link {
    urns: string[];
    /** Known ids that name nothing in the snapshot. */
    external: string[];
    /** Some part could not be resolved yet (preview) and no dependency tells. */
    unknown: boolean;
}

export interface Entity {
    urn: string;
    type: string;
    /** Logical name. */
    name: string;
    /** The Name tag, else the logical name. */
    label: string;
    /** Known tags, the provider's `defaultTags` under the resource's own. */
    tags: Record<string, string>;
    /**
     * The snapshot gave it no inputs and no outputs at all (a provider that cannot preview it): nothing
     * about it is known, whatever its other fields say.
     */
    stateMissing: boolean;
}

export interface Vpc extends Entity {
    cidr: Read<string | undefined>;
    block?: Block;
}

/** Is a subnet internal, and what decided it. */
export interface TierVerdict {
    /** The tier tag's value (`Tier` by default), when present. */
    tier: Read<string | undefined>;
    internal: Verdict;
    /** `tag`, `routes` (its route table's route to an internet gateway or inspection endpoint), or `none` (heuristic off / table outside the snapshot). */
    decidedBy: "tag" | "routes" | "none";
}

export interface Subnet extends Entity {
    vpc: Link;
    cidr: Read<string | undefined>;
    block?: Block;
    ipv6Cidr: Read<string | undefined>;
    /** Its availability zone's name, else the zone's id. */
    az: Read<string | undefined>;
    mapPublicIpOnLaunch: Read<boolean | undefined>;
    tier: TierVerdict;
    /** The route table it uses: explicit association, else the VPC's main table (implicit: only routes naming the VPC). */
    routeTable: SubnetRouteTable;
    /** The network ACL it uses; `undefined` when the VPC's default ACL as AWS makes it (allow all). */
    networkAcl: string | "unknown" | undefined;
}

export type SubnetRouteTable =
    | { kind: "table"; urn: string; main: boolean }
    /** A VPC made in this stack starts with a main table holding only the local route. */
    | { kind: "implicit-main"; vpcUrn: string; routes: Route[] }
    /** Not known yet (preview). */
    | { kind: "unknown"; why: string }
    /** Its VPC (so its main table) is not in the snapshot. */
    | { kind: "outside"; why: string };

export type RouteTargetKind = "igw" | "nat" | "local" | "endpoint" | "other" | "none" | "unknown";

export interface RouteTarget {
    kind: RouteTargetKind;
    /** `mhson-igw (internet gateway)`, `a gateway not known yet`, a transit gateway id... */
    label: string;
    urn?: string;
    /** For `unknown`: what it may turn out to be. */
    could?: ("igw" | "endpoint")[];
}

export interface Route {
    /** The resource that holds it: the route table (inline) or the `aws.ec2.Route`. */
    urn: string;
    /** `routes[2]` for an inline route; undefined for a route resource. */
    inline?: string;
    destination: Read<string | undefined>;
    destinationIpv6: Read<string | undefined>;
    /** The IPv4 destination as a block, when known. */
    block?: Block;
    target: RouteTarget;
}

export interface RouteTable extends Entity {
    vpc: Link;
    /** Inline routes and the `aws.ec2.Route`s naming it; unknown when the inline list is. */
    routes: Read<Route[]>;
    isDefault: boolean;
}

export interface Gateway extends Entity {
    kind: "igw" | "nat" | "vpc-endpoint" | "network-firewall";
    vpc: Link;
    subnet: Link;
    /** NAT: `public` or `private` connectivity. */
    connectivity?: Read<string | undefined>;
    /** NAT: the Elastic IP it uses. */
    allocation?: Link;
    /** NAT: its own addresses, as a deployed gateway reports them. */
    privateIp?: Read<string | undefined>;
    publicIp?: Read<string | undefined>;
    /** VPC endpoint: `Interface`, `Gateway`, `GatewayLoadBalancer`. */
    endpointType?: Read<string | undefined>;
}

export type Protocol = string;

export interface PortRange {
    from: number;
    to: number;
}

/**
 * What a rule or ACL entry opens: `all`, `tcp`, `udp`, `icmp`, `icmpv6`, another protocol number as a
 * string, or `?` (unknown); ports absent = every port (ICMP: the type).
 */
export interface Traffic {
    protocol: Protocol;
    ports?: PortRange;
}

/** The other side of a security group rule. A rule written with several sources gives one peer each. */
export type Peer =
    | { kind: "cidr"; property: string; cidr: string; version: 4 | 6; block?: Block }
    /** A managed prefix list: its entries when it is in the snapshot and they are known. */
    | { kind: "prefix-list"; property: string; id: string; urn?: string; entries?: string[]; blocks?: Block[]; value?: Read<string | undefined> }
    /**
     * Security groups: `group.urns` are each a source (`candidates` false), or the one it may be among
     * several (`candidates` true: an unknown id whose dependencies are shared with other blocks).
     */
    | {
          kind: "group"; property: string; group: Link; self: boolean; candidates: boolean;
          /**
           * Some id is not known yet and `group.urns` are the dependencies it came from: each of them may
           * be the source or not. A rule that must know the source decides only when they all agree.
           */
          fromDependencies?: boolean;
      }
    | { kind: "unknown"; property: string; what: string };

export type RuleForm = "inline" | "SecurityGroupRule" | "SecurityGroupIngressRule" | "SecurityGroupEgressRule";

export interface SecurityGroupRule {
    /** The group it belongs to (its URN, or `id:<sg-id>` for a group outside the snapshot); undefined: not known. */
    groupKey?: string;
    /** The group it belongs to as resolved: the candidates when only dependencies tell. */
    group: Link;
    direction: Read<"ingress" | "egress" | undefined>;
    /** Normalized: `all` (also -1), `tcp`, `udp`, `icmp`, `icmpv6`, else the number as written. */
    protocol: Read<Protocol | undefined>;
    fromPort: Read<number | undefined>;
    toPort: Read<number | undefined>;
    /** What it opens, as reachability evaluates it (`?` when the protocol or a port is unknown). */
    traffic: Traffic;
    peers: Peer[];
    description: Read<string | undefined>;
    /** The resource that holds it, and its logical name. */
    urn: string;
    resourceName: string;
    form: RuleForm;
    /** `ingress[1]` for an inline block; `rule` for a rule resource. */
    where: string;
    /** `mhson-sgr-db-22-from-bastion`, `mhson-sg-web inline ingress #1`. */
    label: string;
    /**
     * Is its group a VPC's default group: a `DefaultSecurityGroup`, or (rule resources) a VPC's
     * `defaultSecurityGroupId` by dependency or by id; `unknown` when the candidates disagree or the group is not known.
     */
    toDefaultGroup: Verdict;
    /** A rule resource with no state at all (a provider that cannot preview it): nothing about it is known. */
    stateMissing: boolean;
}

export interface SecurityGroup extends Entity {
    isDefault: boolean;
    vpc: Link;
    /** The group's `name`, when known. */
    groupName: Read<string | undefined>;
    /** Its id (`sg-...`), once known. */
    groupId: Read<string | undefined>;
    /** Its role tag (`roleTagKey`, the provider's defaultTags included). */
    role: Read<string | undefined>;
    /** Inline blocks and rule resources alike. */
    ingress: SecurityGroupRule[];
    egress: SecurityGroupRule[];
    /** Inline lists (or blocks) that are unknown as a whole. */
    unknownInline: ("ingress" | "egress")[];
    /** How many blocks of a known inline list are unknown as a whole (each is still a rule). */
    unknownBlocks: { ingress: number; egress: number };
}

export interface NaclEntry {
    ruleNo: number;
    allow: boolean;
    traffic: Traffic;
    cidr: Read<string | undefined>;
    /** Undefined: IPv6 (not a block) or not known. */
    block?: Block;
    /** Every field that decides it is known. */
    known: boolean;
    label: string;
    urn: string;
}

export interface NetworkAcl extends Entity {
    isDefault: boolean;
    vpc: Link;
    /** Sorted by rule number; unknown when the inline list is. */
    ingress: Read<NaclEntry[]>;
    egress: Read<NaclEntry[]>;
}

export interface ModelOptions {
    /** Tag key of a subnet's tier (default `Tier`). */
    tierTagKey?: string;
    /** Tier values that mean internal (default `["internal"]`). */
    internalTiers?: readonly string[];
    /** Tag key of a host's role (default `Role`). */
    roleTagKey?: string;
    /** For untagged subnets: internal when no route leads to an internet gateway (default true). */
    useRouteHeuristic?: boolean;
}

export interface NetworkModel {
    options: Required<ModelOptions>;
    vpcs: Vpc[];
    subnets: Subnet[];
    routeTables: RouteTable[];
    gateways: Gateway[];
    securityGroups: SecurityGroup[];
    /** Every rule, also those on groups outside the snapshot (`groupKey` `id:...`) or of unknown group. */
    rules: SecurityGroupRule[];
    networkAcls: NetworkAcl[];
    hosts: Host[];
    launchTemplates: LaunchTemplate[];
    launchConfigurations: LaunchConfiguration[];
    elasticIps: ElasticIp[];
    eipAssociations: EipAssociation[];
    keyPairs: KeyPair[];
    tlsKeys: TlsKey[];
    flowLogs: FlowLog[];
    /** Metadata options, EBS devices and user data of instances, spot requests, launch templates and configurations. */
    launchSettings: LaunchSettings[];
    volumes: Volume[];
    /** Any entity by URN. */
    byUrn: Map<string, Entity>;
    /** Rules by group key (`urn` or `id:<sg-id>`). */
    rulesByGroup: Map<string, { ingress: SecurityGroupRule[]; egress: SecurityGroupRule[] }>;
    /** What the model could not read (a rule whose group is not known...). */
    notes: string[];
}
