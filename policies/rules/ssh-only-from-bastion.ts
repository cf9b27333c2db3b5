/**
 * Rule 1: SSH (TCP 22) may only come from a security group whose role is an SSH source (the
 * bastion, the EC2 Instance Connect endpoint). The bastion's own group instead admits CIDRs no
 * wider than a configured prefix, never the whole internet.
 *
 * A stack policy, because the groups on both ends of a rule are identified through
 * `propertyDependencies` and tags of other resources — ids are unknown during a preview.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { SshSourceRoles, TagKeys } from "../vocabulary";
import { CidrSet, Family, cidrSet, hasInternetAddresses, parseRange, unionOf, worldOpenFamilies } from "../model/cidr-set";
import { Answer, GroupMatcher, GroupTypes, compilePatterns, describeReference, groupMatches, referencedGroupMatches } from "../lib/group-role";
import { admitsTcpPort } from "../lib/ports";
import { integer, regexList, ruleOptions, stringList, text } from "../lib/rule-options";
import { RuleBearingTypes, RuleEntries, RuleEntry, Source, TargetGroupProp, ruleEntries } from "../lib/rule-entries";
import { StackIndex, indexStack, ofType, resolveReference, setByProgram, stateMissing } from "../lib/stack-index";
import { Unknowns, read } from "../lib/unknowns";

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
    index: StackIndex;
    source: GroupMatcher;
    bastion: GroupMatcher;
    unknowns: Unknowns;
    report: (r: PolicyResource, msg: string) => void;
    /** Per group, the families whose whole internet its SSH rules admit together (AWS admits on any rule). */
    worldOpen: Map<string, Family[]>;
}

/** The group an entry opens: the holder for inline blocks, the referenced group for a rule resource. */
function groupKey(index: StackIndex, r: PolicyResource, e: RuleEntry): string {
    if (e.inline) return r.urn;
    const ref = resolveReference(index, r, TargetGroupProp, read(() => r.props[TargetGroupProp]), GroupTypes);
    if (ref.candidates.length === 1) return ref.candidates[0].urn;
    if (ref.externalId !== undefined) return `id:${ref.externalId}`;
    return r.urn; // not known which group: judged on its own ranges
}

/** Does this ingress entry admit SSH (known protocol and range only)? */
function admitsSsh(e: RuleEntry, port: number): boolean {
    if (!e.direction.known || e.direction.value !== "ingress" || !e.protocol.known) return false;
    if (e.protocol.value === "all") return true;
    return e.protocol.value === "tcp" && e.range.known && admitsTcpPort("tcp", e.range.value, port);
}

/** The known CIDR sources of an entry, read without recording unknowns (the checks record them). */
function knownCidrs(e: RuleEntry): CidrSet {
    return cidrSet(e.sources.filter((s) => s.kind === "cidr" && s.value.known).map((s) => (s.value as { value: unknown }).value));
}

/** Is the group this entry opens the bastion's? */
function targetIsBastion(c: Checker, r: PolicyResource, e: RuleEntry): Answer {
    if (e.inline) return groupMatches(r, c.bastion);
    return referencedGroupMatches(c.index, r, TargetGroupProp, read(() => r.props[TargetGroupProp]), c.bastion);
}

function checkSource(c: Checker, r: PolicyResource, e: RuleEntry, s: Source, bastion: Answer): void {
    const at = `${r.name}${e.inline ? ` ${e.where}` : ""}`;
    if (s.kind === "self") {
        const self = e.inline ? groupMatches(r, c.source) : referencedGroupMatches(c.index, r, TargetGroupProp, read(() => r.props[TargetGroupProp]), c.source);
        if (self === "no") c.report(r, `${at} admits SSH from its own members ('self'), and the group is not an SSH source.`);
        if (self === "unknown") c.unknowns.unresolved(r.props, r.name, e.where, "self");
        return;
    }
    if (s.kind === "sg") {
        // An inline block's references are recorded under the whole `ingress` property.
        const depProp = e.inline ? "ingress" : s.prop;
        const ok = referencedGroupMatches(c.index, r, depProp, s.value, c.source, e.inline);
        if (ok === "no") c.report(r, `${at} admits SSH from security group ${describeReference(c.index, r, depProp, s.value, e.inline)}, which is not an SSH source (roles: ${c.opts.sshSourceRoles.join(", ")}).`);
        else if (ok === "unknown") c.unknowns.unresolved(r.props, r.name, e.where, s.prop);
        return;
    }
    const v = c.unknowns.take(s.value);
    if (!s.value.known) return;
    if (s.kind === "prefixList") {
        const listed = typeof v === "string" && c.opts.bastionAllowedPrefixListIds.includes(v);
        if (bastion === "no" || (bastion === "yes" && !listed)) c.report(r, `${at} admits SSH from prefix list '${String(v)}'; only the bastion's group may take SSH from addresses, and only from allowed lists.`);
        else if (bastion === "unknown" && listed) c.unknowns.unresolved(r.props, r.name, TargetGroupProp);
        else if (bastion === "unknown") c.report(r, `${at} admits SSH from prefix list '${String(v)}', which is allowed on no group but the bastion's, and then only when listed.`);
        return;
    }
    const cidr = parseRange(v);
    if (!cidr) return; // not an address AWS would accept; nothing true to say about it here
    const min = cidr.family === 4 ? c.opts.bastionMinPrefixIpv4 : c.opts.bastionMinPrefixIpv6;
    const world = c.worldOpen.get(groupKey(c.index, r, e)) ?? [];
    if (cidr.prefix === 0) c.report(r, `${at} admits SSH from the whole internet (${cidr.text}).`);
    else if (world.includes(cidr.family) && hasInternetAddresses(cidr)) c.report(r, `${at} admits SSH from ${cidr.text}, which with the group's other SSH rules admits the whole IPv${cidr.family} internet.`);
    else if (bastion === "no") c.report(r, `${at} admits SSH from address range ${cidr.text}; only the bastion's group may take SSH from addresses, others only from an SSH source group.`);
    else if (cidr.prefix < min) c.report(r, `${at} admits SSH from ${cidr.text}, wider than the allowed /${min}.`);
    else if (bastion === "unknown") c.unknowns.unresolved(r.props, r.name, TargetGroupProp);
}

function checkEntry(c: Checker, r: PolicyResource, e: RuleEntry): void {
    const dir = c.unknowns.take(e.direction);
    if (!e.direction.known || dir !== "ingress") return;
    const protocol = c.unknowns.take(e.protocol);
    if (!e.protocol.known) return;
    if (protocol === "tcp") {
        const range = c.unknowns.take(e.range);
        if (!range || !admitsTcpPort(protocol, range, c.opts.sshPort)) return;
    } else if (protocol !== "all") {
        return;
    }
    const bastion = targetIsBastion(c, r, e);
    for (const s of e.sources) checkSource(c, r, e, s, bastion);
    for (const err of e.unknownSources) c.unknowns.note({ known: false, error: err });
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const index = indexStack(args.resources);
    const c: Checker = {
        opts,
        index,
        unknowns: new Unknowns(),
        source: { roleTagKey: opts.roleTagKey, roles: opts.sshSourceRoles, namePatterns: compilePatterns(opts.sshSourceGroupNamePatterns), ids: opts.sshSourceGroupIds },
        bastion: { roleTagKey: opts.roleTagKey, roles: opts.bastionRoles, namePatterns: compilePatterns(opts.bastionGroupNamePatterns), ids: opts.bastionGroupIds },
        report: (r, msg) => reportViolation(msg, r.urn),
        worldOpen: new Map(),
    };
    const all: [PolicyResource, RuleEntries][] = [];
    const sshRanges = new Map<string, CidrSet[]>();
    for (const r of ofType(index, ...RuleBearingTypes)) {
        if (stateMissing(r)) {
            c.unknowns.unresolved(r.props, r.name);
            continue;
        }
        const found = ruleEntries(r.type, r.props, (prop) => setByProgram(r, prop));
        all.push([r, found]);
        for (const e of found.entries.filter((x) => admitsSsh(x, opts.sshPort))) {
            const key = groupKey(index, r, e);
            sshRanges.set(key, [...(sshRanges.get(key) ?? []), knownCidrs(e)]);
        }
    }
    for (const [key, sets] of sshRanges) c.worldOpen.set(key, worldOpenFamilies(unionOf(sets)));
    for (const [r, { entries, unknownBlocks }] of all) {
        for (const e of entries) checkEntry(c, r, e);
        for (const err of unknownBlocks) c.unknowns.note({ known: false, error: err });
    }
    c.unknowns.settle();
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
