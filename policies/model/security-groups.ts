/**
 * Every security group rule of a snapshot in one shape, whichever way it was written: inline
 * `ingress`/`egress` blocks of `aws.ec2.SecurityGroup` / `DefaultSecurityGroup`, `aws.ec2.SecurityGroupRule`
 * (lists of CIDRs, a source group or `self`) and `aws.vpc.SecurityGroupIngressRule`/`EgressRule` (one peer
 * each). Each field is read on its own, so an unknown in one does not hide what the others decide.
 * Groups outside the snapshot are keyed `id:<sg-id>` so rules written against them still apply to hosts.
 */
import { AwsTypes, SECURITY_GROUP_TYPES } from "./aws-types";
import { ModelContext } from "./context";
import { block } from "./ipv4-block";
import { declared, prop, readString, readValue, stateMissing } from "./resource-index";
import { ModelResource } from "./snapshot";
import { normalizeProtocol, trafficOf } from "./traffic";
import { Link, Peer, RuleForm, SecurityGroup, SecurityGroupRule, Verdict } from "./types";
import { Read, UNK, bool, known, list, num, record, str, unknown } from "./wire";

type Direction = "ingress" | "egress";

const UNKNOWN_LINK: Link = { urns: [], external: [], unknown: true };

/**
 * Is the group a rule resource attaches to a VPC's default group? It may be named by the
 * `DefaultSecurityGroup`, or by a VPC's `defaultSecurityGroupId` (a VPC's only security-group output):
 * in a preview through the dependency on the VPC, once known by the id the VPC reports.
 */
function defaultGroupVerdict(c: ModelContext, r: ModelResource): Verdict {
    const vpcTypes = [AwsTypes.Vpc, AwsTypes.DefaultVpc];
    const ref = c.idx.ref(r, "securityGroupId", [AwsTypes.DefaultSecurityGroup, AwsTypes.SecurityGroup, ...vpcTypes]);
    if (ref.found.length > 0) {
        const kinds = new Set(ref.found.map((f) => (f.type === AwsTypes.SecurityGroup ? "no" : "yes")));
        return kinds.size === 1 ? [...kinds][0] as Verdict : "unknown";
    }
    if (ref.external.length > 0) {
        const ids = new Set(c.idx.ofType(...vpcTypes).map((v) => str(prop(v, "defaultSecurityGroupId"))));
        return ref.external.some((id) => ids.has(id)) ? "yes" : "no";
    }
    return ref.unknown ? "unknown" : "no";
}

/** The key a rule's group is filed under: its URN, or `id:<sg-id>` outside the snapshot; undefined when not known. */
export function groupKeyOf(link: Link): string | undefined {
    if (link.urns.length === 1) return link.urns[0];
    if (link.urns.length === 0 && link.external.length === 1) return `id:${link.external[0]}`;
    return undefined;
}

function cidrPeers(v: unknown, property: string, what: string): Peer[] {
    const items = list(v);
    if (items === UNK) return [{ kind: "unknown", property, what }];
    const out: Peer[] = [];
    for (const c of items) {
        const s = str(c);
        if (s === UNK) out.push({ kind: "unknown", property, what });
        else if (typeof s === "string") out.push({ kind: "cidr", property, cidr: s, version: s.includes(":") ? 6 : 4, block: block(s) });
    }
    return out;
}

/** A prefix list by id, or (preview) by the dependencies recorded under `depKey` when they name exactly one. */
function prefixListPeer(c: ModelContext, holder: ModelResource, property: string, id: unknown, depKey = property): Peer {
    const ref = c.idx.resolve(holder, depKey, id, [AwsTypes.ManagedPrefixList], depKey !== property);
    if (ref.found.length === 1) {
        const pl = ref.found[0];
        const entries = list(prop(pl, "entries"));
        const cidrs = entries === UNK ? undefined : entries.map((e) => str(record(e) === UNK ? UNK : (record(e) as Record<string, unknown>).cidr)).filter((x): x is string => typeof x === "string");
        const blocks = cidrs?.map(block).filter((b): b is NonNullable<typeof b> => b !== undefined);
        return { kind: "prefix-list", property, id: c.label(pl), urn: pl.urn, entries: cidrs, blocks, value: readValue(id, str) };
    }
    const s = str(id);
    return typeof s === "string" ? { kind: "prefix-list", property, id: s, value: known(s) } : { kind: "unknown", property, what: "prefix list" };
}

interface BlockFields {
    cidrBlocks?: unknown;
    ipv6CidrBlocks?: unknown;
    prefixListIds?: unknown;
    self?: unknown;
    groups?: unknown;
}

/**
 * The peers of a legacy rule or an inline block. `groupsKey` is where the groups' dependencies are
 * recorded (an inline block's: under the whole `ingress`/`egress`, with its prefix lists'); `shared`:
 * they cover several blocks, so an unknown id may be any of them.
 */
function blockPeers(c: ModelContext, holder: ModelResource, f: BlockFields, groupProp: string, groupsKey: string, shared: boolean, own: Link): Peer[] {
    const inline = groupProp === "securityGroups";
    const peers: Peer[] = [...cidrPeers(f.cidrBlocks, "cidrBlocks", "CIDR blocks"), ...cidrPeers(f.ipv6CidrBlocks, "ipv6CidrBlocks", "IPv6 CIDR blocks")];
    const pls = list(f.prefixListIds);
    if (pls === UNK) peers.push({ kind: "unknown", property: "prefixListIds", what: "prefix lists" });
    else for (const p of pls) if (str(p) !== undefined) peers.push(prefixListPeer(c, holder, "prefixListIds", p, inline ? groupsKey : "prefixListIds"));
    const self = bool(f.self);
    if (self === UNK) peers.push({ kind: "unknown", property: "self", what: "self" });
    else if (self === true) peers.push({ kind: "group", property: "self", group: own, self: true, candidates: false });
    if (f.groups === undefined || f.groups === null) return peers;
    const items = list(f.groups);
    if (!shared || items === UNK) {
        const link = c.link(c.idx.resolve(holder, groupsKey, f.groups, SECURITY_GROUP_TYPES, shared));
        const fromDependencies = items === UNK || items.some((x) => str(x) === UNK);
        if (link.urns.length > 0 || link.external.length > 0 || link.unknown) peers.push({ kind: "group", property: groupProp, group: link, self: false, candidates: shared, fromDependencies });
        return peers;
    }
    // Dependencies shared by several blocks: a known id is what it names; an unknown one may be any of them.
    const knownIds = items.filter((x) => typeof str(x) === "string");
    if (knownIds.length > 0) peers.push({ kind: "group", property: groupProp, group: c.link(c.idx.resolve(holder, groupsKey, knownIds, SECURITY_GROUP_TYPES, true)), self: false, candidates: false });
    if (items.some((x) => str(x) === UNK)) {
        const deps = c.idx.dependencies(holder, groupsKey, SECURITY_GROUP_TYPES);
        peers.push({ kind: "group", property: groupProp, group: { urns: deps.map((d) => d.urn), external: [], unknown: deps.length === 0 }, self: false, candidates: true, fromDependencies: true });
    }
    return peers;
}

function rule(c: ModelContext, base: Omit<SecurityGroupRule, "traffic" | "label" | "protocol" | "fromPort" | "toPort" | "description">, label: string, f: Record<string, unknown>, protocolKey: string): SecurityGroupRule {
    const protocol = normalizeProtocol(f[protocolKey]);
    const number = (v: unknown): Read<number | undefined> => readValue(v, num);
    return Object.assign(base, {
        protocol: protocol === UNK ? unknown("preview", { urn: base.urn, path: [base.where, protocolKey] }) : known(protocol),
        fromPort: number(f.fromPort),
        toPort: number(f.toPort),
        traffic: trafficOf(f[protocolKey], f.fromPort, f.toPort),
        description: readValue(f.description, str),
        label,
    });
}

function inlineRules(c: ModelContext, sg: ModelResource, own: Link, out: SecurityGroupRule[], unknownInline: Direction[], unknownBlocks: Record<Direction, number>): void {
    const key = groupKeyOf(own);
    for (const direction of ["ingress", "egress"] as const) {
        const blocks = list(declared(sg, direction));
        if (blocks === UNK) {
            unknownInline.push(direction);
            continue;
        }
        // The group's dependencies for `ingress` name the groups of all its blocks together: they pin
        // down an unknown id only when a single block has one.
        const unknownGroups = (b: unknown) => {
            const f = record(b);
            const g = f === UNK ? UNK : list(f.securityGroups);
            return g === UNK || g.some((x) => str(x) === UNK);
        };
        const sharedUnknowns = blocks.filter(unknownGroups).length > 1;
        const label = c.label(sg);
        blocks.forEach((raw, i) => {
            const f = record(raw);
            if (f === UNK) {
                if (!unknownInline.includes(direction)) unknownInline.push(direction);
                unknownBlocks[direction]++;
                return;
            }
            const where = `${direction}[${i}]`;
            const peers = blockPeers(c, sg, { ...f, groups: f.securityGroups }, "securityGroups", direction, sharedUnknowns || !unknownGroups(raw), own);
            const toDefaultGroup: Verdict = sg.type === AwsTypes.DefaultSecurityGroup ? "yes" : "no";
            const base = { groupKey: key, group: own, direction: known(direction), peers, urn: sg.urn, resourceName: sg.name, form: "inline" as RuleForm, where, toDefaultGroup, stateMissing: false };
            out.push(rule(c, base, `${label} inline ${direction} #${i + 1}`, f, "protocol"));
        });
    }
}

function legacyRule(c: ModelContext, r: ModelResource): SecurityGroupRule {
    const missing = stateMissing(r);
    const group = missing ? UNKNOWN_LINK : c.ref(r, "securityGroupId", SECURITY_GROUP_TYPES);
    const type = missing ? UNK : str(prop(r, "type"));
    const f: Record<string, unknown> = {};
    for (const k of ["cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "self", "sourceSecurityGroupId", "protocol", "fromPort", "toPort", "description"]) f[k] = prop(r, k);
    if (f.sourceSecurityGroupId === undefined && (r.propertyDependencies?.sourceSecurityGroupId ?? []).length > 0) f.sourceSecurityGroupId = UNK;
    const direction: Read<Direction | undefined> = type === UNK ? unknown("preview", { urn: r.urn, path: ["type"] }) : known(type === "ingress" || type === "egress" ? type : undefined);
    const peers = blockPeers(c, r, { ...f, groups: f.sourceSecurityGroupId }, "sourceSecurityGroupId", "sourceSecurityGroupId", false, group);
    const toDefaultGroup: Verdict = missing ? "unknown" : defaultGroupVerdict(c, r);
    return rule(c, { groupKey: groupKeyOf(group), group, direction, peers, urn: r.urn, resourceName: r.name, form: "SecurityGroupRule", where: "rule", toDefaultGroup, stateMissing: missing }, c.label(r), f, "protocol");
}

/** `aws.vpc.SecurityGroupIngressRule` / `EgressRule`: exactly one peer, named by which property is set. */
function vpcRule(c: ModelContext, r: ModelResource, direction: Direction): SecurityGroupRule {
    const missing = stateMissing(r);
    const group = missing ? UNKNOWN_LINK : c.ref(r, "securityGroupId", SECURITY_GROUP_TYPES);
    // The property that holds a value names the peer; only when none does, the one with dependencies.
    const valued = ["referencedSecurityGroupId", "prefixListId", "cidrIpv4", "cidrIpv6"].some((k) => prop(r, k) !== undefined);
    const set = (k: string) => prop(r, k) !== undefined || (!valued && (r.propertyDependencies?.[k] ?? []).length > 0);
    let peers: Peer[];
    if (set("referencedSecurityGroupId")) {
        const fromDependencies = str(prop(r, "referencedSecurityGroupId")) === UNK;
        peers = [{ kind: "group", property: "referencedSecurityGroupId", group: c.ref(r, "referencedSecurityGroupId", SECURITY_GROUP_TYPES), self: false, candidates: false, fromDependencies }];
    }
    else if (set("prefixListId")) peers = [prefixListPeer(c, r, "prefixListId", prop(r, "prefixListId"))];
    else if (set("cidrIpv4")) peers = cidrPeers(prop(r, "cidrIpv4"), "cidrIpv4", "source CIDR");
    else if (set("cidrIpv6")) peers = cidrPeers(prop(r, "cidrIpv6"), "cidrIpv6", "source CIDR");
    else peers = [{ kind: "unknown", property: "cidrIpv4", what: "peer" }];
    const f: Record<string, unknown> = {};
    for (const k of ["ipProtocol", "fromPort", "toPort", "description"]) f[k] = prop(r, k);
    const form: RuleForm = direction === "ingress" ? "SecurityGroupIngressRule" : "SecurityGroupEgressRule";
    const toDefaultGroup: Verdict = missing ? "unknown" : defaultGroupVerdict(c, r);
    return rule(c, { groupKey: groupKeyOf(group), group, direction: known(direction), peers, urn: r.urn, resourceName: r.name, form, where: "rule", toDefaultGroup, stateMissing: missing }, c.label(r), f, "ipProtocol");
}

export interface SecurityGroupsRead {
    groups: SecurityGroup[];
    rules: SecurityGroupRule[];
}

export function readSecurityGroups(c: ModelContext): SecurityGroupsRead {
    const rules: SecurityGroupRule[] = [];
    const groups: SecurityGroup[] = [];
    for (const sg of c.idx.ofType(...SECURITY_GROUP_TYPES)) {
        const own: Link = { urns: [sg.urn], external: [], unknown: false };
        const unknownInline: Direction[] = [];
        const inline: SecurityGroupRule[] = [];
        const unknownBlocks = { ingress: 0, egress: 0 };
        inlineRules(c, sg, own, inline, unknownInline, unknownBlocks);
        rules.push(...inline);
        groups.push(Object.assign(c.entity(sg), { isDefault: sg.type === AwsTypes.DefaultSecurityGroup, vpc: c.ref(sg, "vpcId", [AwsTypes.Vpc, AwsTypes.DefaultVpc]),
            groupName: readString(sg, "name"), groupId: readString(sg, "id"), role: c.tag(sg, c.opts.roleTagKey), ingress: [], egress: [], unknownInline, unknownBlocks,
        }));
    }
    for (const r of c.idx.ofType(AwsTypes.SecurityGroupIngressRule)) rules.push(vpcRule(c, r, "ingress"));
    for (const r of c.idx.ofType(AwsTypes.SecurityGroupEgressRule)) rules.push(vpcRule(c, r, "egress"));
    for (const r of c.idx.ofType(AwsTypes.SecurityGroupRule)) rules.push(legacyRule(c, r));
    const byUrn = new Map(groups.map((g) => [g.urn, g]));
    for (const r of rules) {
        const g = r.groupKey !== undefined ? byUrn.get(r.groupKey) : undefined;
        if (g && r.direction.known && r.direction.value) g[r.direction.value].push(r);
    }
    return { groups, rules };
}
