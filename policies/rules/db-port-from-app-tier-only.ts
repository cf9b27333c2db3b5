/**
 * A database group admits its database ports only from the application tier's groups (seed 004:
 * "internal: 3306 from the public network", expressed as a group reference per §7-3).
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { TagKeys } from "../vocabulary";
import { CidrSet, cidrSet, containsRange, parseRange } from "../model/cidr-set";
import { Answer, GroupMatcher, GroupTypes, compilePatterns, describeReference, groupMatches, referencedGroupMatches } from "../lib/group-role";
import { admitsTcpPort } from "../lib/ports";
import { flag, portList, regexList, ruleOptions, stringList, text } from "../lib/rule-options";
import { RuleBearingTypes, RuleEntry, TargetGroupProp, ruleEntries } from "../lib/rule-entries";
import { StackIndex, indexStack, ofType, resolveReference, setByProgram, stateMissing } from "../lib/stack-index";
import { Maybe, Unknowns, read } from "../lib/unknowns";

const options = ruleOptions({
    ports: portList("Database ports.", [3306, 5432, 1433, 1521, 6379, 27017]),
    roleTagKey: text("Tag key holding a group's role.", TagKeys.Role),
    dbRoles: stringList("Roles of database groups.", ["db"]),
    dbGroupNamePatterns: regexList("Regexes marking database groups in stacks without Role tags."),
    appRoles: stringList("Roles of groups allowed to reach the database ports.", ["web"]),
    appGroupNamePatterns: regexList("Regexes marking application groups in stacks without Role tags."),
    allowedCidrs: stringList("Address ranges also allowed (e.g. the application subnets)."),
    allowSelf: flag("Allow the database group's own members (replication).", true),
});
type Options = ReturnType<typeof options.read>;

interface Ctx {
    opts: Options;
    /** `allowedCidrs` as one set: a source inside their union is allowed, even when no single range holds it. */
    allowed: CidrSet;
    index: StackIndex;
    app: GroupMatcher;
    db: GroupMatcher;
    unknowns: Unknowns;
    report: ReportViolation;
}

function isDbTarget(c: Ctx, r: PolicyResource, e: RuleEntry): Answer {
    return e.inline ? groupMatches(r, c.db) : referencedGroupMatches(c.index, r, TargetGroupProp, read(() => r.props[TargetGroupProp]), c.db);
}

/** A standalone rule whose source is the group it opens: the same as `self`. */
function sameGroup(c: Ctx, r: PolicyResource, depProp: string, value: Maybe<unknown>): boolean {
    const src = resolveReference(c.index, r, depProp, value, GroupTypes);
    const dst = resolveReference(c.index, r, TargetGroupProp, read(() => r.props[TargetGroupProp]), GroupTypes);
    return src.candidates.length === 1 && dst.candidates.length === 1 && src.candidates[0] === dst.candidates[0];
}

function checkEntry(c: Ctx, r: PolicyResource, e: RuleEntry): void {
    if (c.unknowns.take(e.direction) !== "ingress") return;
    const protocol = c.unknowns.take(e.protocol);
    const range = c.unknowns.take(e.range);
    if (!e.protocol.known || !range) return;
    const ports = c.opts.ports.filter((p) => admitsTcpPort(protocol, range, p));
    if (ports.length === 0) return;
    const target = isDbTarget(c, r, e);
    if (target === "no") return;
    const at = `${r.name}${e.inline ? ` ${e.where}` : ""}`;
    const bad: string[] = [];
    let undecided = e.unknownSources.length > 0;
    for (const s of e.sources) {
        if (s.kind === "self") {
            if (!c.opts.allowSelf) bad.push("its own members");
        } else if (s.kind === "sg") {
            const depProp = e.inline ? "ingress" : s.prop;
            if (!e.inline && sameGroup(c, r, depProp, s.value)) {
                if (!c.opts.allowSelf) bad.push("its own members");
                continue;
            }
            const a = referencedGroupMatches(c.index, r, depProp, s.value, c.app, e.inline);
            if (a === "no") bad.push(`group ${describeReference(c.index, r, depProp, s.value, e.inline)}`);
            if (a === "unknown") undecided = true;
        } else {
            const v = c.unknowns.take(s.value);
            if (!s.value.known) continue;
            const cidr = s.kind === "cidr" ? parseRange(v) : undefined;
            if (s.kind === "cidr" && !cidr) continue;
            if (cidr && containsRange(c.allowed, cidr)) continue;
            bad.push(s.kind === "cidr" ? `address range ${String(v)}` : `prefix list ${String(v)}`);
        }
    }
    if (bad.length > 0 && target === "yes") {
        c.report(`${at} admits database port${ports.length > 1 ? "s" : ""} ${ports.join(", ")} from ${bad.join(", ")}; only application-tier groups (${c.opts.appRoles.join(", ")}) may.`, r.urn);
    } else if ((bad.length > 0 && target === "unknown") || undecided) {
        c.unknowns.unresolved(r.props, r.name, e.where);
    }
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const index = indexStack(args.resources);
    const c: Ctx = {
        opts,
        allowed: cidrSet(opts.allowedCidrs),
        index,
        unknowns: new Unknowns(),
        report: reportViolation,
        app: { roleTagKey: opts.roleTagKey, roles: opts.appRoles, namePatterns: compilePatterns(opts.appGroupNamePatterns), ids: [] },
        db: { roleTagKey: opts.roleTagKey, roles: opts.dbRoles, namePatterns: compilePatterns(opts.dbGroupNamePatterns), ids: [] },
    };
    for (const r of ofType(index, ...RuleBearingTypes)) {
        if (stateMissing(r)) {
            c.unknowns.unresolved(r.props, r.name);
            continue;
        }
        const { entries, unknownBlocks } = ruleEntries(r.type, r.props, (prop) => setByProgram(r, prop));
        for (const e of entries) checkEntry(c, r, e);
        unknownBlocks.forEach((err) => c.unknowns.note({ known: false, error: err }));
    }
    c.unknowns.settle();
}

export const dbPortFromAppTierOnly: StackValidationPolicy = {
    name: "db-port-from-app-tier-only",
    description: "Database groups admit database ports only from application-tier security groups.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Replace CIDR or other-group sources on the database port with a reference to the web/app tier's security group (referencedSecurityGroupId).",
    configSchema: options.configSchema,
    validateStack,
};
