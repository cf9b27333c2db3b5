/**
 * A database group admits its database ports only from the application tier's groups: a group
 * reference, not an address range of the public network. Reads only the network model.
 */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { TagKeys } from "../vocabulary";
import { CidrSet, cidrSet, containsRange, parseRange } from "../model/cidr-set";
import { NetworkModel, SecurityGroupRule, Verdict, propsByUrn, stackModel, tcpPortsOpened } from "../model";
import { GroupMatcher, compilePatterns, linkMatches, peerGroups, urnMatches } from "../model/group-match";
import { flag, portList, regexList, ruleOptions, stringList, text } from "../lib/rule-options";
import { Unknowns } from "../lib/unknowns";

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
    model: NetworkModel;
    /** `allowedCidrs` as one set: a source inside their union is allowed, even when no single range holds it. */
    allowed: CidrSet;
    app: GroupMatcher;
    db: GroupMatcher;
    waitFor: (urn: string, ...path: string[]) => void;
    report: ReportViolation;
}

/** Rule forms in the order they are judged (and reported): groups' inline blocks, then rule resources. */
const FORMS = ["inline", "SecurityGroupRule", "SecurityGroupIngressRule", "SecurityGroupEgressRule"];

function isDbTarget(c: Ctx, r: SecurityGroupRule): Verdict {
    return r.form === "inline" ? urnMatches(c.model, r.urn, c.db) : linkMatches(c.model, r.group, c.db);
}

/** The database ports an ingress rule opens; undefined when its direction, protocol or ports are not known yet. */
function dbPortsOpened(c: Ctx, r: SecurityGroupRule): number[] | undefined {
    if (!r.direction.known) {
        c.waitFor(r.urn, "type");
        return undefined;
    }
    if (r.direction.value !== "ingress") return [];
    // Every field is waited for, even the ports of an all-protocols rule.
    const { protocol: p, fromPort: from, toPort: to } = r;
    if (!p.known || !from.known || !to.known) {
        c.waitFor(r.urn, r.where, p.known ? "fromPort" : "protocol");
        return undefined;
    }
    return tcpPortsOpened(r, c.opts.ports);
}

function checkRule(c: Ctx, r: SecurityGroupRule): void {
    const ports = dbPortsOpened(c, r);
    if (!ports || ports.length === 0) return;
    const target = isDbTarget(c, r);
    if (target === "no") return;
    const at = `${r.resourceName}${r.form === "inline" ? ` ${r.where}` : ""}`;
    const bad: string[] = [];
    let undecided = false;
    const own = () => {
        if (!c.opts.allowSelf) bad.push("its own members");
    };
    // A rule's own members ('self') are judged after its other sources.
    const peers = [...r.peers.filter((p) => !(p.kind === "group" && p.self)), ...r.peers.filter((p) => p.kind === "group" && p.self)];
    for (const p of peers) {
        if (p.kind === "unknown") {
            if (p.property === "self") undecided = true;
            else c.waitFor(r.urn, r.where, p.property);
        } else if (p.kind === "group" && p.self) {
            own();
        } else if (p.kind === "group") {
            // A rule resource whose source is the group it opens: the same as `self`.
            const same = r.form !== "inline" && p.group.urns.length === 1 && r.group.urns.length === 1 && p.group.urns[0] === r.group.urns[0];
            if (same) {
                own();
                continue;
            }
            for (const g of peerGroups(c.model, p, c.app)) {
                if (g.answer === "no") bad.push(`group ${g.label}`);
                if (g.answer === "unknown") undecided = true;
            }
        } else if (p.kind === "prefix-list") {
            const v = p.value ?? { known: true, value: p.id };
            if (!v.known) c.waitFor(r.urn, r.where, p.property);
            else bad.push(`prefix list ${String(v.value)}`);
        } else {
            const cidr = parseRange(p.cidr);
            if (!cidr || containsRange(c.allowed, cidr)) continue;
            bad.push(`address range ${p.cidr}`);
        }
    }
    if (bad.length > 0 && target === "yes") {
        c.report(`${at} admits database port${ports.length > 1 ? "s" : ""} ${ports.join(", ")} from ${bad.join(", ")}; only application-tier groups (${c.opts.appRoles.join(", ")}) may.`, r.urn);
    } else if ((bad.length > 0 && target === "unknown") || undecided) {
        c.waitFor(r.urn, r.resourceName, r.where);
    }
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const model = stackModel(args.resources, { roleTagKey: opts.roleTagKey });
    const propsOf = propsByUrn(args.resources);
    const unknowns = new Unknowns();
    const c: Ctx = {
        opts,
        model,
        allowed: cidrSet(opts.allowedCidrs),
        waitFor: (urn, ...path) => unknowns.unresolved(propsOf.get(urn), ...path),
        report: reportViolation,
        app: { roles: opts.appRoles, namePatterns: compilePatterns(opts.appGroupNamePatterns), ids: [] },
        db: { roles: opts.dbRoles, namePatterns: compilePatterns(opts.dbGroupNamePatterns), ids: [] },
    };
    for (const g of model.securityGroups) {
        if (g.stateMissing) c.waitFor(g.urn, g.name);
        for (const d of g.unknownInline) c.waitFor(g.urn, d);
    }
    for (const form of FORMS) {
        for (const r of model.rules.filter((x) => x.form === form)) {
            if (r.stateMissing) c.waitFor(r.urn, r.resourceName);
            else checkRule(c, r);
        }
    }
    unknowns.settle();
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
