/**
 * The reachability model's public data: what goes in (a snapshot of resources) and what comes out
 * (endpoints and one row per source, target and opened protocol/port range). Plain data, no Pulumi
 * imports: the policy pack, the offline report, the diagram and the network twin all read it.
 */

import type { PortRange } from "../model";

/** What goes in: a snapshot of resources, read by the network model. */
export type { ModelResource, ModelSnapshot, PortRange } from "../model";

/** Can traffic get there? `unknown` when a value that decides it is not known (a preview) or not in the snapshot. */
export type Verdict = "yes" | "no" | "unknown";

export type EndpointKind =
    | "internet"
    /** An address range outside every VPC of the snapshot that some rule names (e.g. an operator's /32). */
    | "cidr"
    | "instance"
    | "network-interface"
    | "load-balancer"
    | "instance-connect-endpoint";

/** How an endpoint can be addressed. `ip` is absent when AWS assigns it (a load balancer) or it is unknown. */
export interface EndpointAddress {
    kind: "private" | "public-ip" | "elastic-ip" | "load-balancer";
    ip?: string;
    /** false: whether this address exists at all is not known yet (preview). */
    known: boolean;
    /** The resource that gives the address (an `aws.ec2.Eip`, the instance itself...). */
    sourceUrn?: string;
}

export interface Endpoint {
    /** Stable id: `internet`, `cidr:<block>`, or the resource's URN. */
    id: string;
    kind: EndpointKind;
    /** For people: the Name tag or logical name, `internet`, `operator 203.0.113.10/32`. */
    label: string;
    urn?: string;
    /** The `Role` tag of the host (or of its security group), when present. */
    role?: string;
    /** The tier of its subnet (`Tier` tag), when present. */
    tier?: string;
    /**
     * Is it in an internal subnet: the subnet's tier is an internal tier, or — untagged — the subnet's
     * route table has no route to an internet gateway. `no` for the internet and CIDR endpoints.
     */
    internal: Verdict;
    vpcUrn?: string;
    subnetUrn?: string;
    /** The subnets' CIDRs: where an address not yet known (preview, load balancer) will come from. */
    subnetCidrs: string[];
    /** CIDR endpoints: the block. */
    cidr?: string;
    addresses: EndpointAddress[];
    securityGroupUrns: string[];
    /** Outside every VPC of the snapshot (the internet, CIDR endpoints). */
    outside: boolean;
    /** An internet address: the internet endpoint and CIDR endpoints outside the private ranges. */
    internetAddress: boolean;
    /** Only starts connections (an Instance Connect endpoint): never a row's target. */
    sourceOnly: boolean;
}


/** A step of the evaluation, in the order AWS applies them to the first packet. */
export type PathStage = "address" | "route" | "nacl" | "egress" | "ingress" | "listener";

export interface PathStep {
    stage: PathStage;
    /** One line, for people. */
    text: string;
    /** The resource that decides this step (a rule, a route table, an Elastic IP). */
    urn?: string;
}

/** What lets the traffic through, when the verdict is `yes`. */
export interface PathVia {
    /** The destination address used, e.g. `10.0.0.148 (private)` or `203.0.113.72 (elastic-ip)`. */
    address: string;
    /** The route that carries it, e.g. `local route of 10.0.0.0/24`, `mhson-rt-admin 0.0.0.0/0 -> igw`. */
    route: string;
    /** The ingress rule that admits it, e.g. `mhson-sgr-db-22-from-bastion (tcp 22 from sg mhson-sg-bastion)`. */
    rule: string;
    ruleUrn?: string;
    /** The source's egress rule, for sources that have security groups. */
    egressRule?: string;
    egressRuleUrn?: string;
}

export interface ReachabilityRow {
    /** Endpoint id of the source. */
    from: string;
    /** Endpoint id of the target. */
    to: string;
    /** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, another IP protocol number as a string, or `?` when unknown. */
    protocol: string;
    /** Absent when every port is meant (`all` traffic) or ports do not apply. ICMP: type..code as AWS stores it. */
    ports?: PortRange;
    verdict: Verdict;
    /** One line: what allows it, or the first thing that blocks it, or the value that is not known. */
    reason: string;
    via?: PathVia;
    /** The step that decided a `no` or `unknown`. */
    decidedBy?: PathStep;
    /** Every step evaluated, in order. */
    steps: PathStep[];
    /** `unknown` only: true when it is unknown because of a preview (not because something is outside the snapshot). */
    preview?: boolean;
}

export interface Reachability {
    endpoints: Endpoint[];
    rows: ReachabilityRow[];
    /** What the model could not read (a rule on a group outside the snapshot, an IPv6-only path...). */
    notes: string[];
}

export interface ReachabilityOptions {
    /** CIDR endpoints inside these blocks are labelled `operator <cidr>`. */
    operatorCidrs?: readonly string[];
    /** Tag key of a subnet's tier (default `Tier`). */
    tierTagKey?: string;
    /** Tier values that mean internal (default `["internal"]`). */
    internalTiers?: readonly string[];
    /** Tag key of a host's role (default `Role`). */
    roleTagKey?: string;
    /** For untagged subnets: internal when no route leads to an internet gateway (default true). */
    useRouteHeuristic?: boolean;
    /** `outside`: only rows from the internet and CIDR endpoints (what the pack's path rules need; cheaper). Default `all`. */
    sources?: "all" | "outside";
}
