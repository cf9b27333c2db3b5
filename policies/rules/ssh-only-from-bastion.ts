/**
 * Rule 1: SSH (TCP 22) may only come from a security group whose role is an SSH source (the
 * bastion, the EC2 Instance Connect endpoint). The bastion's own group instead admits CIDRs no
 * wider than a configured prefix, never the whole internet.
 *
 * A stack policy, because the groups on both ends of a rule are identified through
 * `propertyDependencies` and tags of other resources — ids are unknown during a preview. Reads only
 * the network model.
 */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { SshSourceRoles, TagKeys } from "../vocabulary";
import { CidrSet, Family, cidrSet, hasInternetAddresses, parseRange, unionOf, worldOpenFamilies } from "../model/cidr-set";
import { NetworkModel, Peer, SecurityGroupRule, Verdict, propsByUrn, stackModel, tcpPortsOpened } from "../model";
import { GroupMatcher, compilePatterns, linkMatches, peerGroups, urnMatches } from "../model/group-match";
import { integer, regexList, ruleOptions, stringList, text } from "../lib/rule-options";
import { Unknowns } from "../lib/unknowns";

const options = ruleOptions({
    sshPort: integer("The port treated as SSH.", 22, 1, 65535),
    roleTagKey: text("Tag key holding a group's role.", TagKeys.Role),
    sshSourceRoles: stringList("Roles whose groups may be SSH sources.", [...SshSourceRoles]),
    sshSourceGroupNamePatterns: regexList("Regexes on a group's logical name, `name` or Name tag marking it an SSH source (stacks without Role tags)."),
    sshSourceGroupIds: stringList("Security group ids that are SSH sources (e.g. groups outside the stack)."),
    bastionRoles: stringList("Roles of groups that take SSH from CIDRs (the bastion's own group).", ["bastion"]),
    bastionGroupNamePatterns: regexList("Regexes marking a group as the bastion's, for stacks without Role tags."),
    bastionGroupIds: stringList("Security group ids of bastion groups."),
    bastionMinPrefixIpv4: integer("Narrowest-allowed IPv4 prefix: CIDR sources on the bastion must be at least this long.", 32, 1, 32),
    bastionMinPrefixIpv6: integer("Same for IPv6.", 128, 1, 128),
    bastionAllowedPrefixListIds: stringList("Managed prefix lists allowed as SSH sources on the bastion's group."),
});
type Options = ReturnType<typeof options.read>;

interface Checker {
    opts: Options;
    model: NetworkModel;
    source: GroupMatcher;
    bastion: GroupMatcher;
    unknowns: Unknowns;
    waitFor: (urn: string, ...path: string[]) => void;
    report: (r: SecurityGroupRule, msg: string) => void;
    /** Per group, the families whose whole internet its SSH rules admit together (AWS admits on any rule). */
    worldOpen: Map<string, Family[]>;
}

/** Rule forms in the order they are judged (and reported): groups' inline blocks, then rule resources. */
const FORMS = ["inline", "SecurityGroupRule", "SecurityGroupIngressRule", "SecurityGroupEgressRule"];

/** The group a rule opens; a rule whose group is not known yet is judged on its own ranges. */
const groupKey = (r: SecurityGroupRule) => r.groupKey ?? r.urn;

/** Does this ingress rule admit SSH: "unknown" when its direction, protocol or (TCP) ports are not known yet. */
function admitsSsh(r: SecurityGroupRule, port: number): Verdict {
    const open = tcpPortsOpened(r, [port]);
    return open === undefined ? "unknown" : open.length > 0 ? "yes" : "no";
}

/** Is the group this rule opens the bastion's? */
function targetIs(c: Checker, r: SecurityGroupRule, m: GroupMatcher): Verdict {
    return r.form === "inline" ? urnMatches(c.model, r.urn, m) : linkMatches(c.model, r.group, m);
}

function checkPeer(c: Checker, r: SecurityGroupRule, p: Peer, bastion: Verdict): void {
    const at = `${r.resourceName}${r.form === "inline" ? ` ${r.where}` : ""}`;
    if (p.kind === "unknown") {
        c.waitFor(r.urn, r.where, p.property);
        return;
    }
    if (p.kind === "group" && p.self) {
        const self = targetIs(c, r, c.source);
        if (self === "no") c.report(r, `${at} admits SSH from its own members ('self'), and the group is not an SSH source.`);
        if (self === "unknown") c.waitFor(r.urn, r.resourceName, r.where, "self");
        return;
    }
    if (p.kind === "group") {
        for (const g of peerGroups(c.model, p, c.source)) {
            if (g.answer === "no") c.report(r, `${at} admits SSH from security group ${g.label}, which is not an SSH source (roles: ${c.opts.sshSourceRoles.join(", ")}).`);
            else if (g.answer === "unknown") c.waitFor(r.urn, r.resourceName, r.where, p.property);
        }
        return;
    }
    if (p.kind === "prefix-list") {
        const v = p.value ?? { known: true, value: p.id };
        if (!v.known) {
            c.waitFor(r.urn, r.where, p.property);
            return;
        }
        const listed = typeof v.value === "string" && c.opts.bastionAllowedPrefixListIds.includes(v.value);
        if (bastion === "no" || (bastion === "yes" && !listed)) c.report(r, `${at} admits SSH from prefix list '${String(v.value)}'; only the bastion's group may take SSH from addresses, and only from allowed lists.`);
        else if (bastion === "unknown" && listed) c.waitFor(r.urn, r.resourceName, "securityGroupId");
        else if (bastion === "unknown") c.report(r, `${at} admits SSH from prefix list '${String(v.value)}', which is allowed on no group but the bastion's, and then only when listed.`);
        return;
    }
    const cidr = parseRange(p.cidr);
    if (!cidr) return; // not an address AWS would accept; nothing true to say about it here
    const min = cidr.family === 4 ? c.opts.bastionMinPrefixIpv4 : c.opts.bastionMinPrefixIpv6;
    const world = c.worldOpen.get(groupKey(r)) ?? [];
    if (cidr.prefix === 0) c.report(r, `${at} admits SSH from the whole internet (${cidr.text}).`);
    else if (world.includes(cidr.family) && hasInternetAddresses(cidr)) c.report(r, `${at} admits SSH from ${cidr.text}, which with the group's other SSH rules admits the whole IPv${cidr.family} internet.`);
    else if (bastion === "no") c.report(r, `${at} admits SSH from address range ${cidr.text}; only the bastion's group may take SSH from addresses, others only from an SSH source group.`);
    else if (cidr.prefix < min) c.report(r, `${at} admits SSH from ${cidr.text}, wider than the allowed /${min}.`);
    else if (bastion === "unknown") c.waitFor(r.urn, r.resourceName, "securityGroupId");
}

function checkRule(c: Checker, r: SecurityGroupRule): void {
    const ssh = admitsSsh(r, c.opts.sshPort);
    if (ssh === "unknown") c.waitFor(r.urn, r.where, !r.direction.known ? "type" : "protocol");
    if (ssh !== "yes") return;
    const bastion = targetIs(c, r, c.bastion);
    // A rule's own members ('self') are judged after its other sources.
    const peers = [...r.peers.filter((p) => !(p.kind === "group" && p.self)), ...r.peers.filter((p) => p.kind === "group" && p.self)];
    for (const p of peers) checkPeer(c, r, p, bastion);
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const model = stackModel(args.resources, { roleTagKey: opts.roleTagKey });
    const propsOf = propsByUrn(args.resources);
    const unknowns = new Unknowns();
    const c: Checker = {
        opts,
        model,
        unknowns,
        waitFor: (urn, ...path) => unknowns.unresolved(propsOf.get(urn), ...path),
        source: { roles: opts.sshSourceRoles, namePatterns: compilePatterns(opts.sshSourceGroupNamePatterns), ids: opts.sshSourceGroupIds },
        bastion: { roles: opts.bastionRoles, namePatterns: compilePatterns(opts.bastionGroupNamePatterns), ids: opts.bastionGroupIds },
        report: (r, msg) => reportViolation(msg, r.urn),
        worldOpen: new Map(),
    };
    for (const g of model.securityGroups) {
        if (g.stateMissing) c.waitFor(g.urn, g.name);
        for (const d of g.unknownInline) c.waitFor(g.urn, d);
    }
    const judged: SecurityGroupRule[] = [];
    for (const form of FORMS) {
        for (const r of model.rules.filter((x) => x.form === form)) {
            if (r.stateMissing) c.waitFor(r.urn, r.resourceName);
            else judged.push(r);
        }
    }
    const sshRanges = new Map<string, CidrSet[]>();
    for (const r of judged.filter((x) => admitsSsh(x, opts.sshPort) === "yes")) {
        const cidrs = cidrSet(r.peers.flatMap((p) => (p.kind === "cidr" ? [p.cidr] : [])));
        sshRanges.set(groupKey(r), [...(sshRanges.get(groupKey(r)) ?? []), cidrs]);
    }
    for (const [key, sets] of sshRanges) c.worldOpen.set(key, worldOpenFamilies(unionOf(sets)));
    for (const r of judged) checkRule(c, r);
    unknowns.settle();
}

export const sshOnlyFromBastion: StackValidationPolicy = {
    name: "ssh-only-from-bastion",
    description: "SSH (TCP 22) is admitted only from the bastion or Instance Connect endpoint groups; the bastion only from narrow CIDRs.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Replace the CIDR or foreign-group source of the port-22 rule with a reference to the bastion's security group " +
        "(aws.vpc.SecurityGroupIngressRule with referencedSecurityGroupId = bastion SG). On the bastion's own group, allow only " +
        "the operator's address (/32) — never 0.0.0.0/0 or ::/0. For stacks without Role tags, name the groups in this rule's config.",
    configSchema: options.configSchema,
    validateStack,
};
