/**
 * The model's hosts as reachability endpoints: every instance, network interface, load balancer and
 * Instance Connect endpoint with its subnet, VPC, security groups and addresses. The endpoints outside
 * the VPCs are in outside-endpoints.ts.
 */
import { Block, Host as ModelHost, NetworkModel, Subnet, Traffic, Verdict, Vpc, block } from "../model";
import { Endpoint, EndpointKind } from "./types";

/** An endpoint with what the evaluation needs beyond the public shape. */
export interface Host {
    endpoint: Endpoint;
    subnets: Subnet[];
    /** Why the subnet is not known, when it is not. */
    subnetMissing?: string;
    vpc?: Vpc;
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

const KINDS: Partial<Record<ModelHost["kind"], EndpointKind>> = {
    "instance": "instance", "network-interface": "network-interface", "load-balancer": "load-balancer", "instance-connect-endpoint": "instance-connect-endpoint",
};

export function hostsOf(model: NetworkModel): Host[] {
    const out: Host[] = [];
    for (const h of model.hosts) {
        const kind = KINDS[h.kind];
        if (!kind) continue;
        const subnets = h.subnets.urns.map((u) => model.byUrn.get(u) as Subnet | undefined).filter((s): s is Subnet => s !== undefined && "tier" in s);
        const subnet = subnets[0];
        const vpc = subnet && subnet.vpc.urns.length > 0 ? (model.byUrn.get(subnet.vpc.urns[0]) as Vpc | undefined) : undefined;
        const subnetBlocks = subnets.map((s) => s.block).filter((b): b is Block => b !== undefined);
        const { tag: tier, internal } = h.tier;
        const ips = h.privateIps.map(block).filter((b): b is Block => b !== undefined);
        const hidden = kind === "instance-connect-endpoint" && !(h.preserveClientIp?.known && h.preserveClientIp.value === false);
        const endpoint: Endpoint = {
            id: h.urn,
            kind,
            label: h.label,
            urn: h.urn,
            role: h.role.known ? h.role.value : undefined,
            tier,
            internal,
            vpcUrn: vpc?.urn,
            subnetUrn: subnet?.urn,
            subnetCidrs: subnetBlocks.map((b) => b.cidr),
            addresses: h.addresses.slice(),
            securityGroupUrns: h.groupKeys.filter((k) => !k.startsWith("id:")),
            outside: false,
            internetAddress: false,
            sourceOnly: kind === "instance-connect-endpoint",
        };
        out.push({
            endpoint, subnets, subnetMissing: h.subnetMissing, vpc, vpcBlock: vpc?.block,
            // With the client's IP preserved, hosts see the client, not the endpoint: no group rule matches it.
            groupKeys: hidden ? [] : h.groupKeys, groupsUnknown: h.groupsUnknown, groupsWhy: h.groupsWhy,
            privateBlocks: hidden ? [] : ips.length > 0 ? ips : subnetBlocks, privateExact: !hidden && ips.length > 0,
            publicVerdict: h.publicAddress.verdict,
            ...(h.listeners ? { listenerOpenings: h.listeners } : {}),
        });
    }
    return out;
}

/** The VPCs' own blocks: traffic to them stays inside. */
export function vpcBlocks(model: NetworkModel): Block[] {
    return model.vpcs.map((v) => v.block).filter((b): b is Block => b !== undefined);
}
