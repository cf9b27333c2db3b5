/**
 * Security groups as a host enforces them, transcribed from the network model's rules (every form of
 * rule, both directions, already in one shape): group peers become the member hosts' PRIVATE addresses
 * (as AWS matches them), `self` included. Deciding what gets through is left to Linux — nftables and
 * its connection tracking — so the twin checks the rules' meaning independently of our path evaluation.
 */
import type { NetworkModel, Peer, SecurityGroupRule } from "../policies/model";
import { shown } from "../offline/snapshot-network";

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

/** Member addresses of a security group (its URN, or `id:<sg-id>` for one outside the snapshot). */
export type Members = (groupKey: string) => string[];

/** The addresses a peer stands for in the twin, or why it stands for none. */
function peerAddresses(model: NetworkModel, rule: SecurityGroupRule, peer: Peer, members: Members, notes: string[]): string[] {
    const name = rule.label;
    switch (peer.kind) {
        case "cidr":
            if (peer.version === 6) notes.push(`rule ${name} is IPv6 (${peer.cidr}): the twin is IPv4 only`);
            return peer.version === 4 ? [peer.cidr] : [];
        case "prefix-list": {
            const v4 = (peer.entries ?? []).filter((c) => !c.includes(":"));
            if (v4.length === 0) notes.push(`rule ${name} names prefix list ${peer.id}, whose IPv4 entries are not in the snapshot: not modelled`);
            return v4;
        }
        case "group": {
            if (peer.group.unknown || peer.candidates) {
                notes.push(`rule ${name} names a group the snapshot does not pin down: not modelled`);
                return [];
            }
            const keys = [...peer.group.urns, ...peer.group.external.map((id) => `id:${id}`)];
            const ips = keys.flatMap(members).map((ip) => `${ip}/32`);
            if (ips.length === 0) {
                const labels = keys.map((k) => model.securityGroups.find((g) => g.urn === k)?.label ?? k.replace(/^id:/, ""));
                notes.push(`rule ${name} names group ${labels.join(", ")}, which has no host in the twin: it admits nothing here`);
            }
            return ips;
        }
        case "unknown":
            notes.push(`rule ${name}: its ${peer.what} are not known: not modelled`);
            return [];
    }
}

/** The host's rules, both directions, from every group it is in; what cannot be transcribed is noted. */
export function hostFirewall(model: NetworkModel, groupKeys: string[], members: Members, notes: string[]): FirewallRule[] {
    const out: FirewallRule[] = [];
    for (const key of groupKeys) {
        const rules = model.rulesByGroup.get(key);
        const both: [FirewallRule["direction"], SecurityGroupRule[]][] = [["in", rules?.ingress ?? []], ["out", rules?.egress ?? []]];
        for (const [direction, list] of both) {
            for (const r of list) {
                if (!r.protocol.known || !r.fromPort.known || !r.toPort.known) {
                    notes.push(`rule ${r.label}: its protocol or ports are not known: not modelled`);
                    continue;
                }
                const peers = [...new Set(r.peers.flatMap((p) => peerAddresses(model, r, p, members, notes)))];
                out.push({ direction, protocol: shown(r.protocol) ?? "all", fromPort: shown(r.fromPort), toPort: shown(r.toPort), peers, comment: r.label });
            }
        }
    }
    return out;
}
