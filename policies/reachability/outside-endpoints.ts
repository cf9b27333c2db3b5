/**
 * The endpoints outside every VPC: the internet (any internet address no rule names) and each IPv4
 * range outside the VPCs that an ingress rule names, labelled `operator` when it lies in an operator range.
 */
import { Block, block, isInternetBlock, within } from "../model/ipv4-block";
import { Host } from "./endpoints";
import { GroupRules } from "./security-groups";
import { EndpointKind } from "./types";

/** The internet, then every IPv4 block outside all VPCs that an ingress rule names (prefix lists' entries too). */
export function outsideEndpoints(rules: Map<string, GroupRules>, vpcBlocks: readonly Block[], operatorCidrs: readonly string[]): Host[] {
    const seen = new Map<string, Block>();
    for (const g of rules.values()) {
        for (const r of g.ingress) {
            const blocks = r.peer.kind === "cidr" ? [r.peer.block] : r.peer.kind === "prefix-list" ? (r.peer.blocks ?? []) : [];
            for (const b of blocks) {
                if (!b || b.prefix === 0 || vpcBlocks.some((v) => within([b], v) === "yes")) continue;
                seen.set(`${b.start}/${b.prefix}`, b);
            }
        }
    }
    const make = (id: string, kind: EndpointKind, label: string, b: Block | undefined, internetAddress: boolean): Host => ({
        endpoint: {
            id, kind, label, internal: "no", subnetCidrs: [], cidr: b?.cidr, addresses: [], securityGroupUrns: [], outside: true, internetAddress, sourceOnly: false,
        },
        subnets: [], groupKeys: [], groupsUnknown: false, privateBlocks: b ? [b] : [], privateExact: false, publicVerdict: "no", block: b,
    });
    const operators = operatorCidrs.map(block).filter((b): b is Block => b !== undefined);
    const blocks = [...seen.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.prefix - b.prefix));
    return [
        make("internet", "internet", "internet", undefined, true),
        ...blocks.map((b) => {
            const operator = operators.some((o) => within([b], o) === "yes");
            return make(`cidr:${b.cidr}`, "cidr", operator ? `operator ${b.cidr}` : b.cidr, b, isInternetBlock(b));
        }),
    ];
}
