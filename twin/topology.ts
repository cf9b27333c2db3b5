/**
 * The twin's plan, pure: which namespaces exist, their addresses, links, route tables, address
 * translations and the security groups each host enforces — all read from a snapshot, nothing run.
 */
import { Address4 } from "ip-address";
import { networkModel, T } from "../offline/artifacts/network-model";
import { ResourceIndex } from "../offline/artifacts/resource-index";
import { StackSnapshot } from "../offline/snapshot";
import { str } from "../offline/artifacts/wire-value";
import { egressRules, FirewallRule, hostFirewall } from "./firewall-rules";
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
const EICE = "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint";
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

/** Operator CIDRs: the bastion group's SSH sources by CIDR, in snapshot order (config is not in an export). */
export function operatorCidrsOf(snapshot: StackSnapshot): string[] {
    const model = networkModel(snapshot);
    const bastionSgs = new Set(model.hosts.filter((h) => h.role === "bastion").flatMap((h) => h.sgUrns));
    return model.admits
        .filter((r) => bastionSgs.has(r.sgUrn) && r.source.kind === "cidr" && !r.source.cidr.includes(":") && (r.fromPort ?? 0) <= 22 && (r.toPort ?? 65535) >= 22)
        .map((r) => (r.source.kind === "cidr" ? r.source.cidr : ""))
        .filter((c) => new Address4(c).subnetMask > 0);
}

export function buildTopology(snapshot: StackSnapshot, operatorCidrs: string[] = operatorCidrsOf(snapshot)): Topology {
    const idx = new ResourceIndex(snapshot.resources);
    const model = networkModel(snapshot);
    const notes: string[] = [];
    if (model.vpcs.length !== 1 || !model.vpcs[0].cidr) throw new TopologyError(`the snapshot has ${model.vpcs.length} VPCs with a known CIDR; the twin models exactly one`);
    const vpcCidr = model.vpcs[0].cidr;
    const subnetIndex = new Map<string, number>();
    const subnets: TwinSubnet[] = model.subnets.map((s, index) => {
        if (!s.cidr) throw new TopologyError(`subnet ${s.label} has no known CIDR (a --preview snapshot?); run the twin on an update or export`);
        subnetIndex.set(s.urn, index);
        const net = new Address4(s.cidr);
        return { index, label: s.label, tier: s.tier, cidr: s.cidr, gateway: addrAt(s.cidr, 1), prefixLength: net.subnetMask, routes: [] };
    });
    const used = new Set<string>();
    const taken = new Set<string>();
    const hostsRaw = model.hosts.map((h) => {
        const subnet = h.subnetUrn === undefined ? undefined : subnetIndex.get(h.subnetUrn);
        if (subnet === undefined || !h.privateIp) throw new TopologyError(`host ${h.label} has no known subnet or private IP; the twin needs both`);
        if (!inCidr(h.privateIp, subnets[subnet].cidr)) throw new TopologyError(`host ${h.label}'s private IP ${h.privateIp} is outside its subnet ${subnets[subnet].cidr}`);
        taken.add(h.privateIp);
        return { h, subnet };
    });
    const publicMap: Topology["publicMap"] = [];
    const hostPublicIp = new Map<string, string>();
    for (const eip of idx.ofType(T.eip)) {
        const instance = idx.ref(eip, "instance", [T.instance]);
        const ip = str(eip.outputs.publicIp);
        if (instance && ip) hostPublicIp.set(instance.urn, ip);
    }
    const hosts: TwinHost[] = hostsRaw.map(({ h, subnet }) => {
        const publicIp = hostPublicIp.get(h.urn) ?? str(idx.get(h.urn)?.outputs.publicIp);
        if (publicIp) publicMap.push({ privateIp: h.privateIp as string, publicIp });
        return { ns: safeNsName(h.role ?? h.label, used), urn: h.urn, label: h.label, role: h.role, subnet, privateIp: h.privateIp as string, publicIp, firewall: [] };
    });
    const natUrns: string[] = [];
    const nats: TwinNat[] = [];
    for (const g of model.gateways.filter((x) => x.kind === "nat")) {
        const subnet = g.subnetUrn === undefined ? undefined : subnetIndex.get(g.subnetUrn);
        if (subnet === undefined) {
            notes.push(`NAT gateway ${g.label} has no known subnet: not modelled`);
            continue;
        }
        const given = str(idx.get(g.urn)?.outputs.privateIp);
        const privateIp = given ?? lastUsable(subnets[subnet].cidr, taken);
        if (!given) notes.push(`NAT gateway ${g.label} has no private IP in the snapshot; the twin gives it ${privateIp}`);
        taken.add(privateIp);
        natUrns.push(g.urn);
        nats.push({ ns: `${NS_PREFIX}nat${nats.length}`, label: g.label, subnet, privateIp, publicIp: g.publicIp });
        if (g.publicIp) publicMap.push({ privateIp, publicIp: g.publicIp });
    }
    const hasIgw = model.gateways.some((g) => g.kind === "igw");
    for (const r of model.routes) {
        const subnet = subnetIndex.get(r.subnetUrn);
        if (subnet === undefined || r.destination.includes(":") || r.destination === "?") continue;
        const nat = natUrns.indexOf(r.gatewayUrn);
        if (nat >= 0) subnets[subnet].routes.push({ destination: r.destination, via: { kind: "nat", nat } });
        else if (model.gateways.some((g) => g.urn === r.gatewayUrn && g.kind === "igw")) subnets[subnet].routes.push({ destination: r.destination, via: { kind: "igw" } });
    }
    const endpointSgs: string[][] = [];
    const endpoints: TwinHost[] = [];
    for (const r of idx.ofType(EICE)) {
        const subnetRes = idx.ref(r, "subnetId", [T.subnet]);
        const subnet = subnetRes ? subnetIndex.get(subnetRes.urn) : undefined;
        if (subnet === undefined) {
            notes.push(`Instance Connect endpoint ${r.name} has no known subnet: not modelled`);
            continue;
        }
        // the endpoint's network interface: AWS picks its address; the twin takes a free one in the subnet
        const privateIp = lastUsable(subnets[subnet].cidr, taken);
        taken.add(privateIp);
        notes.push(`Instance Connect endpoint ${r.name} gets ${privateIp} in the twin (AWS assigns it)`);
        endpointSgs.push(idx.refs(r, "securityGroupIds", [T.sg]).map((g) => g.urn));
        endpoints.push({ ns: `${NS_PREFIX}eice${endpoints.length}`, urn: r.urn, label: r.name, role: "instance-connect-endpoint", subnet, privateIp, firewall: [] });
    }
    const members = (sgUrn: string) => [
        ...model.hosts.filter((h) => h.sgUrns.includes(sgUrn) && h.privateIp).map((h) => h.privateIp as string),
        ...endpoints.filter((_, i) => endpointSgs[i].includes(sgUrn)).map((e) => e.privateIp),
    ];
    const egress = egressRules(idx);
    model.hosts.forEach((h, i) => {
        hosts[i].firewall = hostFirewall(h.sgUrns, model.admits, egress, members, model.securityGroups, notes);
    });
    endpoints.forEach((e, i) => {
        e.firewall = hostFirewall(endpointSgs[i], model.admits, egress, members, model.securityGroups, notes);
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
    return { vpcCidr, subnets, hosts, endpoints, nats, hasIgw, operatorIp, clientIp, publicMap, notes };
}
