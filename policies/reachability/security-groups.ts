/**
 * The model's security group rules as reachability evaluates them: one rule per peer (a rule naming
 * three CIDRs is three ways in), each peer a CIDR, a prefix list's entries, a group's members, or
 * unknown. Groups outside the snapshot are keyed `id:<sg-id>` so rules written against them still
 * apply to hosts that use them.
 */
import { Block, NetworkModel, Peer as ModelPeer, SecurityGroup, SecurityGroupRule, Traffic, trafficLabel } from "../model";

export type Peer =
    | { kind: "cidr"; cidr: string; block?: Block }
    | { kind: "sg"; key: string; label: string }
    | { kind: "prefix-list"; id: string; blocks?: Block[] }
    | { kind: "unknown"; what: string };

export interface SgRule {
    /** The group the rule belongs to: its URN, or `id:<sg-id>` for a group outside the snapshot. */
    groupKey: string;
    direction: "ingress" | "egress";
    traffic: Traffic;
    peer: Peer;
    urn: string;
    /** `mhson-sgr-db-22-from-bastion (tcp 22 from sg mhson-sg-bastion)`. */
    label: string;
}

export interface GroupRules {
    ingress: SgRule[];
    egress: SgRule[];
}

export function peerLabel(p: Peer): string {
    switch (p.kind) {
        case "cidr": return p.cidr;
        case "sg": return `sg ${p.label}`;
        case "prefix-list": return `prefix list ${p.id}`;
        case "unknown": return `${p.what} (not known yet)`;
    }
}

/** The Name tag, else the group's `name`, else its logical name. */
export function groupLabel(sg: SecurityGroup): string {
    if (sg.label !== sg.name) return sg.label;
    return sg.groupName.known && sg.groupName.value ? sg.groupName.value : sg.name;
}

/** A group key's label: its group's (`groupLabel`), else the id of a group outside the snapshot (or the key as is). */
export function groupKeyLabel(model: NetworkModel, key: string): string {
    const g = model.byUrn.get(key);
    return g && "groupName" in g ? groupLabel(g as SecurityGroup) : key.replace(/^id:/, "");
}

function peersOf(model: NetworkModel, rule: SecurityGroupRule, p: ModelPeer): Peer[] {
    const label = (key: string) => groupKeyLabel(model, key);
    switch (p.kind) {
        case "cidr": return [{ kind: "cidr", cidr: p.cidr, block: p.block }];
        case "prefix-list": return [{ kind: "prefix-list", id: p.id, blocks: p.blocks }];
        case "unknown": return [{ kind: "unknown", what: p.what }];
        case "group": {
            if (p.self) return [{ kind: "sg", key: rule.groupKey!, label: label(rule.groupKey!) }];
            // One group among several it may be: which one is not known yet.
            if (p.candidates) return [{ kind: "unknown", what: "source security group" }];
            const out: Peer[] = p.group.urns.map((u) => ({ kind: "sg", key: u, label: label(u) }));
            for (const id of p.group.external) out.push({ kind: "sg", key: `id:${id}`, label: id });
            if (p.group.unknown) out.push({ kind: "unknown", what: "source security group" });
            return out;
        }
    }
}

/** Every rule the model files under a group, by group key, one per peer. */
export function securityGroupRules(model: NetworkModel): Map<string, GroupRules> {
    const map = new Map<string, GroupRules>();
    const add = (key: string, rule: SgRule) => {
        let g = map.get(key);
        if (!g) map.set(key, (g = { ingress: [], egress: [] }));
        g[rule.direction].push(rule);
    };
    for (const sg of model.securityGroups) {
        for (const direction of sg.unknownInline) {
            add(sg.urn, { groupKey: sg.urn, direction, traffic: { protocol: "?" }, peer: { kind: "unknown", what: `inline ${direction}` }, urn: sg.urn, label: `${sg.label} inline ${direction} (not known yet)` });
        }
    }
    for (const [key, rules] of model.rulesByGroup) {
        for (const r of [...rules.ingress, ...rules.egress]) {
            const direction = r.direction.known && r.direction.value ? r.direction.value : "ingress";
            for (const m of r.peers) {
                for (const peer of peersOf(model, r, m)) {
                    const label = `${r.label} (${trafficLabel(r.traffic)} ${direction === "ingress" ? "from" : "to"} ${peerLabel(peer)})`;
                    add(key, { groupKey: key, direction, traffic: r.traffic, peer, urn: r.urn, label });
                }
            }
        }
    }
    return map;
}
