/**
 * The twin's plan, pure: which namespaces exist, their addresses, links, route tables, address
 * translations and the security groups each host enforces — all taken from the network model
 * (policies/model) of a snapshot, nothing run and no resource props read here.
 */
import { Address4 } from "ip-address";
import type { Host, NetworkModel } from "../policies/model";
import { StackSnapshot } from "../offline/snapshot";
import { natPublicIp, networkOf, operatorCidrsOf, routesOf, shown } from "../offline/snapshot-network";
import { FirewallRule, hostFirewall } from "./firewall-rules";
import { NS_PREFIX } from "./names";

export interface TwinSubnet {
    index: number;
    label: string;
    tier?: string;
    cidr: string;
    /** The VPC router's address in the subnet (network + 1, as in AWS). */
    gateway: string;
    prefixLength: number;
    /** Routes beyond the VPC-local ones: destination -> internet gateway or a NAT (by index). */
    routes: { destination: string; via: { kind: "igw" } | { kind: "nat"; nat: number } }[];
}

export interface TwinHost {
    ns: string;
    urn: string;
    label: string;
    role?: string;
    subnet: number;
    privateIp: string;
    publicIp?: string;
    firewall: FirewallRule[];
}

export interface TwinNat {
    ns: string;
    label: string;
    subnet: number;
    privateIp: string;
    publicIp?: string;
}

export interface Topology {
    vpcCidr: string;
    subnets: TwinSubnet[];
    hosts: TwinHost[];
    /** EC2 Instance Connect endpoints: only start connections (no sshd), members of their groups. */
    endpoints: TwinHost[];
    nats: TwinNat[];
    hasIgw: boolean;
    /** The operator: the first operator CIDR's address. */
    operatorIp: string;
    /** An internet address outside every operator CIDR. */
    clientIp: string;
    /** Private <-> public 1:1 translations the internet gateway performs. */
    publicMap: { privateIp: string; publicIp: string }[];
    /** What the twin could not model, said plainly. */
    notes: string[];
}

/** Addresses of the links between router, internet gateway and internet: inside the twin only. */
export const TRANSIT = { routerIgw: "100.127.255.1", igwRouter: "100.127.255.2", igwInet: "100.127.255.5", inetIgw: "100.127.255.6", prefix: 30 };
const CLIENT_CANDIDATES = ["198.51.100.99", "192.0.2.99", "198.51.100.199"];

export class TopologyError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "TopologyError";
    }
}

function addrAt(cidr: string, offset: number): string {
    const net = new Address4(cidr);
    return Address4.fromBigInt(net.startAddress().bigInt() + BigInt(offset)).correctForm();
}

export function inCidr(ip: string, cidr: string): boolean {
    return new Address4(ip).isInSubnet(new Address4(cidr));
}

function lastUsable(cidr: string, taken: Set<string>): string {
    const net = new Address4(cidr);
    // AWS keeps the last address; walk down from the one before it
    for (let a = net.endAddress().bigInt() - 1n; a > net.startAddress().bigInt() + 3n; a--) {
        const ip = Address4.fromBigInt(a).correctForm();
        if (!taken.has(ip)) return ip;
    }
    throw new TopologyError(`subnet ${cidr} has no free address left for the NAT gateway`);
}

/** The operator's address: a /32 as written, a wider range's first usable address. */
export function operatorAddress(cidr: string): string {
    const a = new Address4(cidr);
    return a.subnetMask >= 31 ? a.startAddress().correctForm() : addrAt(cidr, 1);
}

function safeNsName(base: string, used: Set<string>): string {
    let name = `${NS_PREFIX}${base.replace(/[^a-z0-9]/gi, "").slice(0, 10).toLowerCase() || "h"}`;
    for (let i = 2; used.has(name); i++) name = `${NS_PREFIX}h${i}`;
    used.add(name);
    return name;
}

/** A host's public address as the internet sees it: an Elastic IP, else its own public IP. */
function publicIpOf(h: Host): string | undefined {
    return (h.addresses.find((a) => a.kind === "elastic-ip" && a.ip) ?? h.addresses.find((a) => a.kind === "public-ip" && a.ip))?.ip;
}

/** The routes beyond the VPC-local ones that each subnet's route table holds (explicit association, else the main table). */
function subnetRoutes(model: NetworkModel, subnets: TwinSubnet[], subnetIndex: Map<string, number>, natUrns: string[]): void {
    for (const s of model.subnets) {
        const subnet = subnetIndex.get(s.urn);
        if (subnet === undefined) continue;
        for (const r of routesOf(model, s) ?? []) {
            const destination = shown(r.destination);
            if (!destination || !r.target.urn) continue;
            const nat = natUrns.indexOf(r.target.urn);
            if (r.target.kind === "nat" && nat >= 0) subnets[subnet].routes.push({ destination, via: { kind: "nat", nat } });
            else if (r.target.kind === "igw") subnets[subnet].routes.push({ destination, via: { kind: "igw" } });
        }
    }
}

export function buildTopology(snapshot: StackSnapshot, operatorCidrs: string[] = operatorCidrsOf(networkOf(snapshot))): Topology {
    const model = networkOf(snapshot);
    const notes: string[] = [];
    const vpcCidr = model.vpcs.length === 1 ? shown(model.vpcs[0].cidr) : undefined;
    if (!vpcCidr) throw new TopologyError(`the snapshot has ${model.vpcs.length} VPCs with a known CIDR; the twin models exactly one`);
    const subnetIndex = new Map<string, number>();
    const subnets: TwinSubnet[] = model.subnets.map((s, index) => {
        const cidr = shown(s.cidr);
        if (!cidr) throw new TopologyError(`subnet ${s.label} has no known CIDR (a --preview snapshot?); run the twin on an update or export`);
        subnetIndex.set(s.urn, index);
        return { index, label: s.label, tier: shown(s.tier.tier), cidr, gateway: addrAt(cidr, 1), prefixLength: new Address4(cidr).subnetMask, routes: [] };
    });
    const used = new Set<string>();
    const taken = new Set<string>();
    const instances = model.hosts.filter((h) => h.kind === "instance");
    const publicMap: Topology["publicMap"] = [];
    const hosts: TwinHost[] = instances.map((h) => {
        const subnet = h.subnets.urns.length === 1 ? subnetIndex.get(h.subnets.urns[0]) : undefined;
        const privateIp = h.privateIps[0];
        if (subnet === undefined || !privateIp) throw new TopologyError(`host ${h.label} has no known subnet or private IP; the twin needs both`);
        if (!inCidr(privateIp, subnets[subnet].cidr)) throw new TopologyError(`host ${h.label}'s private IP ${privateIp} is outside its subnet ${subnets[subnet].cidr}`);
        taken.add(privateIp);
        const publicIp = publicIpOf(h);
        if (publicIp) publicMap.push({ privateIp, publicIp });
        const role = shown(h.role);
        return { ns: safeNsName(role ?? h.label, used), urn: h.urn, label: h.label, role, subnet, privateIp, publicIp, firewall: [] };
    });
    const natUrns: string[] = [];
    const nats: TwinNat[] = [];
    for (const g of model.gateways.filter((x) => x.kind === "nat")) {
        const subnet = g.subnet.urns.length === 1 ? subnetIndex.get(g.subnet.urns[0]) : undefined;
        if (subnet === undefined) {
            notes.push(`NAT gateway ${g.label} has no known subnet: not modelled`);
            continue;
        }
        const given = shown(g.privateIp);
        const privateIp = given ?? lastUsable(subnets[subnet].cidr, taken);
        if (!given) notes.push(`NAT gateway ${g.label} has no private IP in the snapshot; the twin gives it ${privateIp}`);
        taken.add(privateIp);
        const publicIp = natPublicIp(model, g);
        natUrns.push(g.urn);
        nats.push({ ns: `${NS_PREFIX}nat${nats.length}`, label: g.label, subnet, privateIp, publicIp });
        if (publicIp) publicMap.push({ privateIp, publicIp });
    }
    const hasIgw = model.gateways.some((g) => g.kind === "igw");
    subnetRoutes(model, subnets, subnetIndex, natUrns);
    const endpointGroups: string[][] = [];
    const endpoints: TwinHost[] = [];
    for (const e of model.hosts.filter((h) => h.kind === "instance-connect-endpoint")) {
        const subnet = e.subnets.urns.length === 1 ? subnetIndex.get(e.subnets.urns[0]) : undefined;
        if (subnet === undefined) {
            notes.push(`Instance Connect endpoint ${e.label} has no known subnet: not modelled`);
            continue;
        }
        // the endpoint's network interface: AWS picks its address; the twin takes a free one in the subnet
        const privateIp = lastUsable(subnets[subnet].cidr, taken);
        taken.add(privateIp);
        notes.push(`Instance Connect endpoint ${e.label} gets ${privateIp} in the twin (AWS assigns it)`);
        endpointGroups.push(e.groupKeys);
        endpoints.push({ ns: `${NS_PREFIX}eice${endpoints.length}`, urn: e.urn, label: e.label, role: "instance-connect-endpoint", subnet, privateIp, firewall: [] });
    }
    const members = (groupKey: string) => [
        ...instances.filter((h) => h.groupKeys.includes(groupKey) && h.privateIps.length > 0).map((h) => h.privateIps[0]),
        ...endpoints.filter((_, i) => endpointGroups[i].includes(groupKey)).map((e) => e.privateIp),
    ];
    instances.forEach((h, i) => {
        hosts[i].firewall = hostFirewall(model, h.groupKeys, members, notes);
    });
    endpoints.forEach((e, i) => {
        e.firewall = hostFirewall(model, endpointGroups[i], members, notes);
    });
    const firstOperator = operatorCidrs[0];
    if (!firstOperator) throw new TopologyError("no operator CIDR found (the bastion's security group admits SSH from no address range); the twin needs one to place the operator");
    const operatorIp = operatorAddress(firstOperator);
    const clientIp = CLIENT_CANDIDATES.find((c) => !operatorCidrs.some((o) => inCidr(c, o)) && !inCidr(c, vpcCidr));
    if (!clientIp) throw new TopologyError(`the operator CIDRs ${operatorCidrs.join(", ")} cover every address the twin uses for an unrelated client`);
    for (const ip of [operatorIp, clientIp, ...publicMap.map((m) => m.publicIp)]) {
        if (inCidr(ip, vpcCidr)) throw new TopologyError(`${ip} is both a public or operator address and inside the VPC ${vpcCidr}`);
        if (inCidr(ip, "100.127.255.0/24")) throw new TopologyError(`${ip} collides with the twin's own link addresses (100.127.255.0/24)`);
    }
    if (inCidr(TRANSIT.routerIgw, vpcCidr)) throw new TopologyError(`the VPC ${vpcCidr} overlaps the twin's link addresses (100.127.255.0/24)`);
    return { vpcCidr, subnets, hosts, endpoints, nats, hasIgw, operatorIp, clientIp, publicMap, notes: [...new Set(notes)] };
}
