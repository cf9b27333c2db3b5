/**
 * The hosts of a snapshot: every instance, network interface, load balancer and Instance Connect
 * endpoint with its subnet, VPC, security groups and addresses (private; public IP, Elastic IP,
 * internet-facing load balancer). The endpoints outside the VPCs are in outside-endpoints.ts.
 */
import { Block, block } from "../model/ipv4-block";
import { LB_TYPES, SG_TYPES, T } from "./aws-types";
import { ResourceIndex } from "./resource-index";
import { Routing } from "./routes";
import { Traffic, trafficOf } from "./traffic";
import { Endpoint, EndpointAddress, EndpointKind, ModelResource, ReachabilityOptions, Verdict } from "./types";
import { UNK, bool, labelOf, list, prop, record, setting, str, tag } from "./values";

/** An endpoint with what the evaluation needs beyond the public shape. */
export interface Host {
    endpoint: Endpoint;
    subnets: ModelResource[];
    /** Why the subnet is not known, when it is not. */
    subnetMissing?: string;
    vpc?: ModelResource;
    vpcBlock?: Block;
    groupKeys: string[];
    groupsUnknown: boolean;
    /** Why the groups are not known, when that is not a preview value. */
    groupsWhy?: string;
    /** Own private addresses, or (not known yet / assigned by AWS) the subnets' blocks. */
    privateBlocks: Block[];
    privateExact: boolean;
    publicVerdict: Verdict;
    /** Load balancers: what their listeners in the snapshot accept (empty: none is in the snapshot). */
    listenerOpenings?: Traffic[];
    /** CIDR and internet endpoints. */
    block?: Block;
}

export interface EndpointSet {
    hosts: Host[];
    outside: Host[];
}

const LISTENER_TYPES = [T.listener, T.albListener];

function ipBlock(ip: unknown): Block | undefined {
    const s = str(ip);
    return typeof s === "string" ? block(s) : undefined;
}

export class EndpointReader {
    readonly vpcBlocks: Block[] = [];

    constructor(private readonly idx: ResourceIndex, private readonly routing: Routing, private readonly opts: Required<Omit<ReachabilityOptions, "operatorCidrs" | "sources">> & { operatorCidrs: readonly string[] }) {
        for (const v of idx.ofType(T.vpc)) {
            const b = ipBlock(prop(v, "cidrBlock"));
            if (b) this.vpcBlocks.push(b);
        }
    }

    private vpcOf(subnet: ModelResource): ModelResource | undefined {
        return this.idx.ref(subnet, "vpcId", [T.vpc]).found[0];
    }

    private groups(r: ModelResource, keys: string[]): { keys: string[]; unknown: boolean } {
        const out: string[] = [];
        let unknown = false;
        for (const k of keys) {
            // An instance's `securityGroups` holds group names and repeats `vpcSecurityGroupIds` in a VPC.
            if (k === "securityGroups" && r.type === T.instance && out.length > 0) continue;
            const ref = this.idx.ref(r, k, SG_TYPES);
            out.push(...ref.found.map((g) => g.urn));
            for (const id of ref.external) {
                const byName = k === "securityGroups" && r.type === T.instance ? this.idx.ofType(T.sg).find((g) => str(prop(g, "name")) === id) : undefined;
                out.push(byName ? byName.urn : `id:${id}`);
            }
            unknown ||= ref.unknown;
        }
        return { keys: [...new Set(out)], unknown };
    }

    /** Is the host in an internal subnet: by tier tag, else (untagged) by the absence of an internet-gateway route. */
    private internal(subnet: ModelResource | undefined, vpc: ModelResource | undefined, r: ModelResource): { tier?: string; internal: Verdict } {
        const tier = (subnet && tag(subnet, this.opts.tierTagKey)) ?? tag(r, this.opts.tierTagKey);
        if (tier !== undefined) return { tier, internal: this.opts.internalTiers.includes(tier) ? "yes" : "no" };
        if (!subnet || !this.opts.useRouteHeuristic) return { internal: subnet ? "no" : "unknown" };
        const table = this.routing.tableOf(subnet, vpc);
        if ("unknown" in table) return { internal: "unknown" };
        const d = this.routing.decide(table, undefined, "internet");
        return { internal: d.verdict === "yes" ? "no" : d.verdict === "no" ? "yes" : "unknown" };
    }

    /** The subnets `r.props[key]` names, or why none is known. */
    private subnetsOf(r: ModelResource, key: string): { subnets: ModelResource[]; missing?: string } {
        const ref = this.idx.ref(r, key, [T.subnet]);
        if (ref.found.length > 0) return { subnets: ref.found };
        const missing = ref.unknown ? `the subnet of ${labelOf(r)} is not known yet`
            : ref.external.length > 0 ? `the subnet of ${labelOf(r)} (${ref.external[0]}) is not in the snapshot`
            : `${labelOf(r)} names no subnet (the default VPC's, not in the snapshot)`;
        return { subnets: [], missing };
    }

    private host(r: ModelResource, kind: EndpointKind, where: { subnets: ModelResource[]; missing?: string }, groupKeys: string[]): Host {
        const { subnets, missing: subnetMissing } = where;
        const subnet = subnets[0];
        const vpc = subnet ? this.vpcOf(subnet) : undefined;
        const g = this.groups(r, groupKeys);
        let groupsWhy: string | undefined;
        if (g.keys.length === 0 && !g.unknown && (kind === "instance" || kind === "network-interface")) {
            // Launched without a group: the VPC's default group, whose rules are known only if it is managed here.
            const vpcOfHost = subnets[0] ? this.vpcOf(subnets[0]) : undefined;
            const dflt = vpcOfHost && this.idx.ofType(T.defaultSg).find((d) => this.idx.ref(d, "vpcId", [T.vpc]).found.includes(vpcOfHost));
            if (dflt) g.keys.push(dflt.urn);
            else {
                g.unknown = true;
                groupsWhy = `${labelOf(r)} uses its VPC's default security group, which is not in the snapshot`;
            }
        }
        const firstGroup = g.keys.map((k) => this.idx.get(k)).find((x) => x !== undefined);
        const { tier, internal } = this.internal(subnet, vpc, r);
        const subnetBlocks = subnets.map((s) => ipBlock(prop(s, "cidrBlock"))).filter((b): b is Block => b !== undefined);
        const endpoint: Endpoint = {
            id: r.urn,
            kind,
            label: labelOf(r),
            urn: r.urn,
            role: tag(r, this.opts.roleTagKey) ?? (firstGroup ? tag(firstGroup, this.opts.roleTagKey) : undefined),
            tier,
            internal,
            vpcUrn: vpc?.urn,
            subnetUrn: subnet?.urn,
            subnetCidrs: subnetBlocks.map((b) => b.cidr),
            addresses: [],
            securityGroupUrns: g.keys.filter((k) => !k.startsWith("id:")),
            outside: false,
            internetAddress: false,
            sourceOnly: kind === "instance-connect-endpoint",
        };
        return {
            endpoint, subnets, subnetMissing, vpc, vpcBlock: vpc ? ipBlock(prop(vpc, "cidrBlock")) : undefined,
            groupKeys: g.keys, groupsUnknown: g.unknown, groupsWhy, privateBlocks: subnetBlocks, privateExact: false, publicVerdict: "no",
        };
    }

    private setPrivate(h: Host, ips: unknown[]): void {
        const blocks = ips.map(ipBlock).filter((b): b is Block => b !== undefined);
        for (const ip of ips) {
            const s = str(ip);
            if (typeof s === "string") h.endpoint.addresses.push({ kind: "private", ip: s, known: true, sourceUrn: h.endpoint.urn });
        }
        if (blocks.length > 0) {
            h.privateBlocks = blocks;
            h.privateExact = true;
        } else h.endpoint.addresses.push({ kind: "private", known: true, sourceUrn: h.endpoint.urn });
    }

    private eipsByHost?: Map<string, EndpointAddress[]>;

    /** Elastic IPs bound to `r` directly (`instance`/`networkInterface`) or through an `EipAssociation`; indexed once. */
    private elasticIps(r: ModelResource): EndpointAddress[] {
        if (!this.eipsByHost) {
            const map = new Map<string, EndpointAddress[]>();
            const bind = (host: ModelResource, a: EndpointAddress) => map.set(host.urn, [...(map.get(host.urn) ?? []), a]);
            const address = (eip: ModelResource): EndpointAddress => {
                const v = str(prop(eip, "publicIp"));
                return { kind: "elastic-ip", ip: typeof v === "string" ? v : undefined, known: true, sourceUrn: eip.urn };
            };
            for (const eip of this.idx.ofType(T.eip)) {
                for (const h of [...this.idx.ref(eip, "instance", [T.instance]).found, ...this.idx.ref(eip, "networkInterface", [T.eni]).found]) bind(h, address(eip));
            }
            for (const a of this.idx.ofType(T.eipAssociation)) {
                const eip = this.idx.ref(a, "allocationId", [T.eip]).found[0];
                const pub = str(prop(a, "publicIp"));
                const addr = eip ? address(eip) : { kind: "elastic-ip" as const, ip: typeof pub === "string" ? pub : undefined, known: true, sourceUrn: a.urn };
                for (const h of [...this.idx.ref(a, "instanceId", [T.instance]).found, ...this.idx.ref(a, "networkInterfaceId", [T.eni]).found]) bind(h, addr);
            }
            this.eipsByHost = map;
        }
        return this.eipsByHost.get(r.urn) ?? [];
    }

    private instance(r: ModelResource): Host {
        const h = this.host(r, "instance", this.subnetsOf(r, "subnetId"), ["vpcSecurityGroupIds", "securityGroups"]);
        const priv = prop(r, "privateIp");
        const secondary = list(prop(r, "secondaryPrivateIps"));
        this.setPrivate(h, [priv, ...(secondary === UNK ? [] : secondary)]);
        const eips = this.elasticIps(r);
        const pub = str(prop(r, "publicIp"));
        let auto: Verdict;
        if (typeof pub === "string") {
            // A deployed host's own public IP; an Elastic IP replaces it, so it is not listed twice.
            const isEip = eips.some((e) => e.ip === pub);
            if (!isEip) h.endpoint.addresses.push({ kind: "public-ip", ip: pub, known: true, sourceUrn: r.urn });
            auto = "yes";
        } else if (pub === undefined && r.outputs && "publicIp" in r.outputs) auto = "no";
        else auto = this.autoPublic(r, h.subnets[0]);
        if (auto === "yes" && typeof pub !== "string") h.endpoint.addresses.push({ kind: "public-ip", known: true, sourceUrn: r.urn });
        if (auto === "unknown") h.endpoint.addresses.push({ kind: "public-ip", known: false, sourceUrn: r.urn });
        h.endpoint.addresses.push(...eips);
        h.publicVerdict = eips.length > 0 || auto === "yes" ? "yes" : auto;
        return h;
    }

    /** Does launch give the instance a public IP: its own setting, else the subnet's `mapPublicIpOnLaunch`. */
    private autoPublic(r: ModelResource, subnet: ModelResource | undefined): Verdict {
        const own = bool(setting(r, "associatePublicIpAddress"));
        if (own === UNK) return "unknown";
        if (own !== undefined) return own ? "yes" : "no";
        if (!subnet) return "unknown";
        const map = bool(setting(subnet, "mapPublicIpOnLaunch"));
        return map === UNK ? "unknown" : map === true ? "yes" : "no";
    }

    private eni(r: ModelResource): Host {
        const h = this.host(r, "network-interface", this.subnetsOf(r, "subnetId"), ["securityGroups"]);
        const ips = list(prop(r, "privateIps"));
        this.setPrivate(h, [prop(r, "privateIp"), ...(ips === UNK ? [] : ips)]);
        const eips = this.elasticIps(r);
        h.endpoint.addresses.push(...eips);
        h.publicVerdict = eips.length > 0 ? "yes" : "no";
        return h;
    }

    private loadBalancer(r: ModelResource): Host {
        let where = this.subnetsOf(r, "subnets");
        const mappings = list(prop(r, "subnetMappings"));
        if (where.subnets.length === 0 && mappings !== UNK && mappings.length > 0) {
            const found = mappings.flatMap((m) => {
                const f = record(m);
                return f === UNK ? [] : this.idx.resolve(r, "subnetMappings", f.subnetId, [T.subnet]).found;
            });
            if (found.length > 0) where = { subnets: found };
        }
        const h = this.host(r, "load-balancer", where, ["securityGroups"]);
        h.endpoint.addresses.push({ kind: "private", known: true, sourceUrn: r.urn });
        const internal = bool(setting(r, "internal"));
        h.publicVerdict = internal === UNK ? "unknown" : internal === true ? "no" : "yes";
        if (h.publicVerdict !== "no") h.endpoint.addresses.push({ kind: "load-balancer", known: h.publicVerdict === "yes", sourceUrn: r.urn });
        // A load balancer answers only on its listeners' ports, whatever its groups admit.
        h.listenerOpenings = this.listeners(r);
        return h;
    }

    /** The ports the listeners of a load balancer accept on. */
    private listeners(lb: ModelResource): Traffic[] {
        const out: Traffic[] = [];
        for (const l of this.idx.ofType(...LISTENER_TYPES)) {
            if (!this.idx.ref(l, "loadBalancerArn", LB_TYPES).found.includes(lb)) continue;
            const p = str(prop(l, "protocol"));
            const proto = typeof p === "string" && /udp/i.test(p) && !/tcp_udp/i.test(p) ? "udp" : "tcp";
            out.push(trafficOf(proto, prop(l, "port"), prop(l, "port")));
        }
        return out;
    }

    private instanceConnect(r: ModelResource): Host {
        const h = this.host(r, "instance-connect-endpoint", this.subnetsOf(r, "subnetId"), ["securityGroupIds"]);
        h.endpoint.addresses.push({ kind: "private", known: true, sourceUrn: r.urn });
        if (bool(setting(r, "preserveClientIp")) !== false) {
            // With the client's IP preserved, hosts see the client, not the endpoint: no group rule matches it.
            h.groupKeys = [];
            h.privateBlocks = [];
        }
        return h;
    }

    /** Every host of the snapshot, in snapshot order. */
    hosts(): Host[] {
        const out: Host[] = [];
        for (const r of this.idx.resources) {
            if (r.type === T.instance) out.push(this.instance(r));
            else if (r.type === T.eni) out.push(this.eni(r));
            else if (LB_TYPES.includes(r.type as (typeof LB_TYPES)[number])) out.push(this.loadBalancer(r));
            else if (r.type === T.eice) out.push(this.instanceConnect(r));
        }
        return out;
    }
}
