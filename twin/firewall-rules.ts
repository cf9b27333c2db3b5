/**
 * Security groups as a host enforces them: every ingress and egress rule of every group the host is
 * in, with group sources resolved to the member hosts' PRIVATE addresses (as AWS does), `self` included.
 */
import { AdmitRule, AdmitSource } from "../offline/artifacts/admit-rules";
import { SecurityGroupNode } from "../offline/artifacts/network-model";
import { ResourceIndex } from "../offline/artifacts/resource-index";
import { list, num, record, str } from "../offline/artifacts/wire-value";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

export interface FirewallRule {
    direction: "in" | "out";
    /** `all`, `tcp`, `udp`, `icmp` or a protocol number. */
    protocol: string;
    fromPort?: number;
    toPort?: number;
    /** The other end: address ranges, or member hosts' private addresses (empty: the group has no host here). */
    peers: string[];
    /** The rule's name and what it admits, carried into the nftables comment. */
    comment: string;
}

/** The egress counterpart of `admitRules`: same shapes, `destination` where ingress has `source`. */
export function egressRules(idx: ResourceIndex): AdmitRule[] {
    const rules: AdmitRule[] = [];
    const base = (urn: string, target: string, protocol: string, p: Record<string, unknown>) => ({
        sgUrn: target,
        ruleUrn: urn,
        protocol: protocol.toLowerCase(),
        fromPort: num(p.fromPort),
        toPort: num(p.toPort),
        description: str(p.description),
    });
    for (const r of idx.ofType(EGRESS_RULE)) {
        const target = idx.ref(r, "securityGroupId", [SG]);
        if (!target) continue;
        const peer = idx.ref(r, "referencedSecurityGroupId", [SG]);
        const cidr = str(r.inputs.cidrIpv4) ?? str(r.inputs.cidrIpv6);
        const source: AdmitSource | undefined = peer ? { kind: "sg", sgUrn: peer.urn } : cidr ? { kind: "cidr", cidr } : undefined;
        if (source) rules.push({ ...base(r.urn, target.urn, str(r.inputs.ipProtocol) ?? "-1", r.inputs), source });
    }
    const blocks: { urn: string; target: string; p: Record<string, unknown>; groupProp: string }[] = [];
    for (const r of idx.ofType(LEGACY_RULE)) {
        const target = idx.ref(r, "securityGroupId", [SG]);
        if (str(r.inputs.type) === "egress" && target) blocks.push({ urn: r.urn, target: target.urn, p: r.inputs, groupProp: "sourceSecurityGroupId" });
    }
    for (const sg of idx.ofType(SG)) for (const raw of list(sg.inputs.egress)) blocks.push({ urn: sg.urn, target: sg.urn, p: record(raw), groupProp: "securityGroups" });
    for (const b of blocks) {
        const protocol = str(b.p.protocol) ?? "-1";
        for (const c of [...list(b.p.cidrBlocks), ...list(b.p.ipv6CidrBlocks)]) if (typeof c === "string") rules.push({ ...base(b.urn, b.target, protocol, b.p), source: { kind: "cidr", cidr: c } });
        if (b.p.self === true) rules.push({ ...base(b.urn, b.target, protocol, b.p), source: { kind: "sg", sgUrn: b.target } });
        const raw = b.p[b.groupProp];
        for (const id of (Array.isArray(raw) ? list(raw) : [raw]).map(str)) {
            if (!id) continue;
            const found = idx.withId(id, SG);
            rules.push({ ...base(b.urn, b.target, protocol, b.p), source: found ? { kind: "sg", sgUrn: found.urn } : { kind: "external", label: id } });
        }
    }
    return rules;
}

/** `-1`/`all` -> `all`; protocol numbers of tcp/udp/icmp -> their names. */
export function normalizeProtocol(p: string): string {
    const names: Record<string, string> = { "-1": "all", all: "all", "6": "tcp", "17": "udp", "1": "icmp", tcp: "tcp", udp: "udp", icmp: "icmp" };
    return names[p.toLowerCase()] ?? p.toLowerCase();
}

function ruleName(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}

/** The host's rules, both directions; groups it is not in are ignored, unresolvable sources noted. */
export function hostFirewall(
    sgUrns: string[],
    ingress: AdmitRule[],
    egress: AdmitRule[],
    members: (sgUrn: string) => string[],
    groups: SecurityGroupNode[],
    notes: string[],
): FirewallRule[] {
    const out: FirewallRule[] = [];
    const convert = (r: AdmitRule, direction: "in" | "out") => {
        if (!sgUrns.includes(r.sgUrn)) return;
        let peers: string[];
        if (r.source.kind === "cidr") peers = r.source.cidr.includes(":") ? [] : [r.source.cidr];
        else if (r.source.kind === "sg") {
            const sgUrn = r.source.sgUrn;
            peers = members(sgUrn).map((ip) => `${ip}/32`);
            const label = groups.find((g) => g.urn === sgUrn)?.label ?? ruleName(sgUrn);
            if (peers.length === 0) notes.push(`rule ${ruleName(r.ruleUrn)} names group ${label}, which has no host in the twin: it admits nothing here`);
        } else {
            notes.push(`rule ${ruleName(r.ruleUrn)} names ${r.source.label} (outside the snapshot): not modelled`);
            return;
        }
        if (r.source.kind === "cidr" && r.source.cidr.includes(":")) {
            notes.push(`rule ${ruleName(r.ruleUrn)} is IPv6 (${r.source.cidr}): the twin is IPv4 only`);
            return;
        }
        out.push({ direction, protocol: normalizeProtocol(r.protocol), fromPort: r.fromPort, toPort: r.toPort, peers, comment: ruleName(r.ruleUrn) });
    };
    for (const r of ingress) convert(r, "in");
    for (const r of egress) convert(r, "out");
    return out;
}
