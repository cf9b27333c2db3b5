import { T } from "../../policies/reachability/aws-types";
import { ResourceSnapshot, StackSnapshot } from "../snapshot";
import { admitRules, AdmitRule } from "./admit-rules";
import { ResourceIndex } from "./resource-index";
import { list, record, str } from "./wire-value";

// One table of type tokens for every reader of the network: the reachability model's.
export { T };

export interface VpcNode { urn: string; label: string; cidr?: string }
export interface SubnetNode { urn: string; label: string; tier?: string; az?: string; cidr?: string; vpcUrn?: string }
export interface HostNode { urn: string; label: string; role?: string; subnetUrn?: string; privateIp?: string; sgUrns: string[] }
export interface GatewayNode { urn: string; kind: "igw" | "nat"; label: string; vpcUrn?: string; subnetUrn?: string; publicIp?: string }
/** An EC2 Instance Connect endpoint: a network interface in one subnet, behind its own groups. */
export interface EndpointNode { urn: string; label: string; subnetUrn?: string; sgUrns: string[] }
/** A load balancer spans subnets (one per AZ), so it belongs to the VPC rather than to one subnet. */
export interface LoadBalancerNode { urn: string; label: string; internal: boolean; subnetUrns: string[]; sgUrns: string[] }
export interface SecurityGroupNode { urn: string; label: string; role?: string; vpcUrn?: string }
/** Traffic leaving a subnet for a gateway (a route table entry, resolved through its association). */
export interface RouteEdge { subnetUrn: string; gatewayUrn: string; destination: string }

/** The network as a diagram needs it; every link already resolved to URNs. */
export interface NetworkModel {
    vpcs: VpcNode[];
    subnets: SubnetNode[];
    hosts: HostNode[];
    gateways: GatewayNode[];
    endpoints: EndpointNode[];
    loadBalancers: LoadBalancerNode[];
    securityGroups: SecurityGroupNode[];
    admits: AdmitRule[];
    routes: RouteEdge[];
}

function tag(r: ResourceSnapshot, key: string): string | undefined {
    return str(record(r.inputs.tags ?? r.outputs.tags)[key]);
}

function prop(r: ResourceSnapshot, key: string): string | undefined {
    return str(r.inputs[key]) ?? str(r.outputs[key]);
}

function label(r: ResourceSnapshot): string {
    return tag(r, "Name") ?? r.name;
}

/** Reads VPCs, subnets, hosts, gateways, security groups and what they admit out of any snapshot. */
export function networkModel(snapshot: StackSnapshot): NetworkModel {
    const idx = new ResourceIndex(snapshot.resources);
    const vpcs = idx.ofType(T.vpc).map((r) => ({ urn: r.urn, label: label(r), cidr: prop(r, "cidrBlock") }));
    const subnets = subnetNodes(idx);
    const hosts = idx.ofType(T.instance).map((r) => ({
        urn: r.urn,
        label: label(r),
        role: tag(r, "Role"),
        subnetUrn: idx.ref(r, "subnetId", [T.subnet])?.urn,
        privateIp: str(r.outputs.privateIp) ?? str(r.inputs.privateIp),
        sgUrns: [...idx.refs(r, "vpcSecurityGroupIds", [T.sg]), ...idx.refs(r, "securityGroups", [T.sg])].map((s) => s.urn),
    }));
    const gateways: GatewayNode[] = [
        ...idx.ofType(T.igw).map((r) => ({ urn: r.urn, kind: "igw" as const, label: label(r), vpcUrn: idx.ref(r, "vpcId", [T.vpc])?.urn })),
        ...idx.ofType(T.nat).map((r) => {
            const eip = idx.ref(r, "allocationId", [T.eip]);
            return {
                urn: r.urn,
                kind: "nat" as const,
                label: label(r),
                subnetUrn: idx.ref(r, "subnetId", [T.subnet])?.urn,
                publicIp: str(r.outputs.publicIp) ?? (eip ? str(eip.outputs.publicIp) : undefined),
            };
        }),
    ];
    const securityGroups = idx.ofType(T.sg).map((r) => ({
        urn: r.urn,
        label: str(r.inputs.name) ?? label(r),
        role: tag(r, "Role"),
        vpcUrn: idx.ref(r, "vpcId", [T.vpc])?.urn,
    }));
    const endpoints = idx.ofType(T.eice).map((r) => ({
        urn: r.urn,
        label: label(r),
        subnetUrn: idx.ref(r, "subnetId", [T.subnet])?.urn,
        sgUrns: idx.refs(r, "securityGroupIds", [T.sg]).map((s) => s.urn),
    }));
    const loadBalancers = [...idx.ofType(T.lb), ...idx.ofType(T.alb)].map((r) => ({
        urn: r.urn,
        label: label(r),
        internal: r.inputs.internal === true,
        subnetUrns: idx.refs(r, "subnets", [T.subnet]).map((s) => s.urn),
        sgUrns: idx.refs(r, "securityGroups", [T.sg]).map((s) => s.urn),
    }));
    return { vpcs, subnets, hosts, gateways, endpoints, loadBalancers, securityGroups, admits: admitRules(idx), routes: routeEdges(idx) };
}

/** Standalone `aws.ec2.Route`s (awsx and hand-written stacks use them) as inline-route-shaped records, by table. */
function standaloneRoutes(idx: ResourceIndex): Map<string, Record<string, unknown>[]> {
    const byTable = new Map<string, Record<string, unknown>[]>();
    for (const r of idx.ofType(T.route)) {
        const table = idx.ref(r, "routeTableId", [T.routeTable]);
        if (!table) continue;
        const gw = idx.ref(r, "gatewayId", [T.igw]) ?? idx.ref(r, "natGatewayId", [T.nat]);
        const entry = { cidrBlock: r.inputs.destinationCidrBlock, ipv6CidrBlock: r.inputs.destinationIpv6CidrBlock, gatewayUrn: gw?.urn };
        byTable.set(table.urn, [...(byTable.get(table.urn) ?? []), entry]);
    }
    return byTable;
}

/** Just the subnets: what the report's subnet table needs, without reading the rest of a large stack. */
export function subnetNodes(idx: ResourceIndex): SubnetNode[] {
    return idx.ofType(T.subnet).map((r) => ({
        urn: r.urn,
        label: label(r),
        tier: tag(r, "Tier"),
        az: prop(r, "availabilityZone") ?? prop(r, "availabilityZoneId"),
        cidr: prop(r, "cidrBlock"),
        vpcUrn: idx.ref(r, "vpcId", [T.vpc])?.urn,
    }));
}

function routeEdges(idx: ResourceIndex): RouteEdge[] {
    const edges: RouteEdge[] = [];
    const extra = standaloneRoutes(idx);
    for (const assoc of idx.ofType(T.association)) {
        const subnet = idx.ref(assoc, "subnetId", [T.subnet]);
        const table = idx.ref(assoc, "routeTableId", [T.routeTable]);
        if (!subnet || !table) continue;
        for (const route of extra.get(table.urn) ?? []) {
            const destination = str(route.cidrBlock) ?? str(route.ipv6CidrBlock) ?? "?";
            if (typeof route.gatewayUrn === "string") edges.push({ subnetUrn: subnet.urn, gatewayUrn: route.gatewayUrn, destination });
        }
        for (const raw of list(table.inputs.routes ?? table.outputs.routes)) {
            const route = record(raw);
            const destination = str(route.cidrBlock) ?? str(route.ipv6CidrBlock) ?? "?";
            const viaId = str(route.gatewayId) ?? str(route.natGatewayId);
            // by key, not value: in a preview the id is unknown (str() gives undefined) but the key says NAT
            const viaNat = route.natGatewayId !== undefined && route.natGatewayId !== null;
            const gateway = routeTarget(idx, table, viaId, viaNat ? T.nat : T.igw);
            if (gateway) edges.push({ subnetUrn: subnet.urn, gatewayUrn: gateway.urn, destination });
        }
    }
    return edges;
}

/** A route's gateway by id, or — when ids are unknown in a preview — the table's one dependency of that type. */
function routeTarget(idx: ResourceIndex, table: ResourceSnapshot, id: string | undefined, type: string): ResourceSnapshot | undefined {
    const byId = idx.withId(id, type);
    if (byId) return byId;
    const candidates = (table.propertyDependencies.routes ?? table.dependencies).map((u) => idx.get(u)).filter((r) => r?.type === type);
    return candidates.length === 1 ? candidates[0] : undefined;
}
