/**
 * Every security group rule of a snapshot in one shape, whichever way it was written: inline
 * `ingress`/`egress` blocks, `aws.vpc.SecurityGroupIngressRule`/`EgressRule` (one peer each) and
 * `aws.ec2.SecurityGroupRule` (lists of CIDRs, a source group or `self`). Groups outside the snapshot
 * are keyed `id:<sg-id>` so rules written against them still apply to hosts that use them.
 */
import { SG_TYPES, T } from "./aws-types";
import { Block, block } from "../model/ipv4-block";
import { ResourceIndex } from "./resource-index";
import { Traffic, trafficLabel, trafficOf } from "./traffic";
import { ModelResource } from "./types";
import { UNK, bool, declared, labelOf, list, prop, record, str } from "./values";

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

/** The group a rule's `securityGroupId` names: key and label, or undefined when not known. */
function groupKeyOf(idx: ResourceIndex, r: ModelResource, key: string): { key: string; label: string } | undefined {
    const ref = idx.ref(r, key, SG_TYPES);
    if (ref.found.length === 1) return { key: ref.found[0].urn, label: groupLabel(ref.found[0]) };
    if (ref.external.length === 1) return { key: `id:${ref.external[0]}`, label: ref.external[0] };
    return undefined;
}

/** The Name tag, else the group's `name`, else its logical name. */
export function groupLabel(sg: ModelResource): string {
    const tagged = labelOf(sg);
    if (tagged !== sg.name) return tagged;
    const n = str(prop(sg, "name"));
    return typeof n === "string" ? n : sg.name;
}

function cidrPeers(v: unknown, what: string): Peer[] {
    const items = list(v);
    if (items === UNK) return [{ kind: "unknown", what }];
    return items.map((c) => {
        const s = str(c);
        if (s === UNK) return { kind: "unknown", what } as Peer;
        return typeof s === "string" ? ({ kind: "cidr", cidr: s, block: block(s) } as Peer) : undefined;
    }).filter((p): p is Peer => p !== undefined);
}

function prefixListPeer(idx: ResourceIndex, holder: ModelResource, key: string, id: unknown): Peer {
    const ref = idx.resolve(holder, key, id, [T.prefixList]);
    if (ref.found.length === 1) {
        const entries = list(prop(ref.found[0], "entries"));
        const blocks = entries === UNK ? undefined : entries.map((e) => (e && typeof e === "object" ? str((e as Record<string, unknown>).cidr) : undefined)).filter((c): c is string => typeof c === "string").map(block).filter((b): b is Block => b !== undefined);
        return { kind: "prefix-list", id: labelOf(ref.found[0]), blocks };
    }
    const s = str(id);
    return typeof s === "string" ? { kind: "prefix-list", id: s } : { kind: "unknown", what: "prefix list" };
}

function groupPeers(idx: ResourceIndex, holder: ModelResource, key: string, value: unknown): Peer[] {
    const ref = idx.resolve(holder, key, value, SG_TYPES);
    const out: Peer[] = ref.found.map((sg) => ({ kind: "sg", key: sg.urn, label: groupLabel(sg) }));
    for (const id of ref.external) out.push({ kind: "sg", key: `id:${id}`, label: id });
    if (ref.unknown) out.push({ kind: "unknown", what: "source security group" });
    return out;
}

function add(map: Map<string, GroupRules>, rule: SgRule): void {
    let g = map.get(rule.groupKey);
    if (!g) map.set(rule.groupKey, (g = { ingress: [], egress: [] }));
    g[rule.direction].push(rule);
}

function ruleLabel(name: string, traffic: Traffic, direction: "ingress" | "egress", peer: Peer): string {
    return `${name} (${trafficLabel(traffic)} ${direction === "ingress" ? "from" : "to"} ${peerLabel(peer)})`;
}

/** `aws.vpc.SecurityGroupIngressRule` / `EgressRule`: exactly one peer, named by which property is set. */
function vpcRules(idx: ResourceIndex, map: Map<string, GroupRules>, notes: string[]): void {
    for (const [type, direction] of [[T.ingressRule, "ingress"], [T.egressRule, "egress"]] as const) {
        for (const r of idx.ofType(type)) {
            const group = groupKeyOf(idx, r, "securityGroupId");
            if (!group) {
                notes.push(`${r.name}: the security group it belongs to is not known; its rule is not evaluated.`);
                continue;
            }
            const traffic = trafficOf(prop(r, "ipProtocol"), prop(r, "fromPort"), prop(r, "toPort"));
            const set = (k: string) => prop(r, k) !== undefined || (r.propertyDependencies?.[k] ?? []).length > 0;
            let peer: Peer;
            if (set("referencedSecurityGroupId")) peer = groupPeers(idx, r, "referencedSecurityGroupId", prop(r, "referencedSecurityGroupId"))[0];
            else if (set("prefixListId")) peer = prefixListPeer(idx, r, "prefixListId", prop(r, "prefixListId"));
            else if (set("cidrIpv4")) peer = cidrPeers(prop(r, "cidrIpv4"), "source CIDR")[0];
            else if (set("cidrIpv6")) peer = cidrPeers(prop(r, "cidrIpv6"), "source CIDR")[0];
            else peer = { kind: "unknown", what: "peer" };
            if (!peer) continue;
            add(map, { groupKey: group.key, direction, traffic, peer, urn: r.urn, label: ruleLabel(labelOf(r), traffic, direction, peer) });
        }
    }
}

/** The peers of a legacy rule or an inline block (`groupProp`: `sourceSecurityGroupId` or `securityGroups`). */
function blockPeers(idx: ResourceIndex, holder: ModelResource, fields: Record<string, unknown>, groupProp: string, depKey: string | undefined, selfKey: string, selfLabel: string): Peer[] {
    const peers: Peer[] = [...cidrPeers(fields.cidrBlocks, "CIDR blocks"), ...cidrPeers(fields.ipv6CidrBlocks, "IPv6 CIDR blocks")];
    const pls = list(fields.prefixListIds);
    if (pls === UNK) peers.push({ kind: "unknown", what: "prefix lists" });
    else for (const p of pls) peers.push(prefixListPeer(idx, holder, "prefixListIds", p));
    const self = bool(fields.self);
    if (self === UNK) peers.push({ kind: "unknown", what: "self" });
    else if (self === true) peers.push({ kind: "sg", key: selfKey, label: selfLabel });
    const groups = fields[groupProp];
    if (groups === undefined || groups === null) return peers;
    // Without a dependency key of its own (an inline block among several), an unknown id stays unknown.
    if (depKey !== undefined) peers.push(...groupPeers(idx, holder, depKey, groups));
    else {
        const items = list(groups);
        for (const item of items === UNK ? [UNK] : items) {
            const id = str(item);
            const hit = typeof id === "string" ? idx.withId(id, SG_TYPES) : undefined;
            if (hit) peers.push({ kind: "sg", key: hit.urn, label: groupLabel(hit) });
            else if (typeof id === "string") peers.push({ kind: "sg", key: `id:${id}`, label: id });
            else if (id === UNK) peers.push({ kind: "unknown", what: "source security group" });
        }
    }
    return peers;
}

function legacyRules(idx: ResourceIndex, map: Map<string, GroupRules>, notes: string[]): void {
    for (const r of idx.ofType(T.legacyRule)) {
        const type = str(prop(r, "type"));
        const group = groupKeyOf(idx, r, "securityGroupId");
        if (type === UNK || (type !== "ingress" && type !== "egress") || !group) {
            notes.push(`${r.name}: its direction or security group is not known; its rule is not evaluated.`);
            continue;
        }
        const traffic = trafficOf(prop(r, "protocol"), prop(r, "fromPort"), prop(r, "toPort"));
        const fields: Record<string, unknown> = {};
        for (const k of ["cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "self", "sourceSecurityGroupId"]) fields[k] = prop(r, k);
        if (fields.sourceSecurityGroupId === undefined && (r.propertyDependencies?.sourceSecurityGroupId ?? []).length > 0) fields.sourceSecurityGroupId = UNK;
        for (const peer of blockPeers(idx, r, fields, "sourceSecurityGroupId", "sourceSecurityGroupId", group.key, group.label)) {
            add(map, { groupKey: group.key, direction: type, traffic, peer, urn: r.urn, label: ruleLabel(labelOf(r), traffic, type, peer) });
        }
    }
}

function inlineRules(idx: ResourceIndex, map: Map<string, GroupRules>, notes: string[]): void {
    for (const sg of idx.ofType(...SG_TYPES)) {
        for (const direction of ["ingress", "egress"] as const) {
            const blocks = list(declared(sg, direction));
            if (blocks === UNK) {
                notes.push(`${labelOf(sg)}: its inline ${direction} rules are not known yet.`);
                add(map, { groupKey: sg.urn, direction, traffic: { protocol: "?" }, peer: { kind: "unknown", what: `inline ${direction}` }, urn: sg.urn, label: `${labelOf(sg)} inline ${direction} (not known yet)` });
                continue;
            }
            // The group's dependencies for `ingress` name the groups of all its blocks together: they
            // pin down an unknown id only when a single block has one.
            const unknownGroups = (b: unknown) => {
                const f = record(b);
                const g = f === UNK ? UNK : list(f.securityGroups);
                return g === UNK || g.some((x) => str(x) === UNK);
            };
            const withUnknownGroups = blocks.filter(unknownGroups).length;
            blocks.forEach((raw, i) => {
                const fields = record(raw);
                const name = `${labelOf(sg)} inline ${direction} #${i + 1}`;
                if (fields === UNK) {
                    add(map, { groupKey: sg.urn, direction, traffic: { protocol: "?" }, peer: { kind: "unknown", what: `inline ${direction}` }, urn: sg.urn, label: `${name} (not known yet)` });
                    return;
                }
                const traffic = trafficOf(fields.protocol, fields.fromPort, fields.toPort);
                const depKey = withUnknownGroups === 1 && unknownGroups(raw) ? direction : undefined;
                for (const peer of blockPeers(idx, sg, fields, "securityGroups", depKey, sg.urn, groupLabel(sg))) {
                    add(map, { groupKey: sg.urn, direction, traffic, peer, urn: sg.urn, label: ruleLabel(name, traffic, direction, peer) });
                }
            });
        }
    }
}

/** Every rule, by group key. `notes` receives what could not be read. */
export function securityGroupRules(idx: ResourceIndex, notes: string[]): Map<string, GroupRules> {
    const map = new Map<string, GroupRules>();
    inlineRules(idx, map, notes);
    vpcRules(idx, map, notes);
    legacyRules(idx, map, notes);
    return map;
}
