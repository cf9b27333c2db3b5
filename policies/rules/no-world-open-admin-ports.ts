/**
 * No security group admits an administrative or database port from the whole internet. AWS admits a
 * packet when any rule of the group matches, so the question is asked of the UNION of the ranges that
 * open the port on the group — every inline block and every separate rule resource together:
 * `0.0.0.0/1` in one rule and `128.0.0.0/1` in another are the whole internet. A stack policy, because
 * the rules of one group are separate resources. Reads only the network model.
 */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { CidrSet, cidrSet, describeWorldOpen, hasInternetAddresses, isWorldOpen, unionOf, worldOpenFamilies } from "../model/cidr-set";
import { SecurityGroupRule, propsByUrn, stackModel } from "../model";
import { portList, ruleOptions } from "../lib/rule-options";
import { Unknowns } from "../lib/unknowns";

export const DefaultAdminPorts = [22, 3389, 3306, 5432, 6379, 27017];

const options = ruleOptions({
    ports: portList("TCP ports that must never be open to the world.", DefaultAdminPorts),
});

/** One ingress rule's internet-holding CIDR sources and the admin ports it opens. */
interface Opening {
    rule: SecurityGroupRule;
    ranges: CidrSet;
    ports: number[];
    /** Its protocol or ports are not known yet. */
    pending: boolean;
}

const label = (r: SecurityGroupRule) => `${r.resourceName}${r.form === "inline" ? ` ${r.where}` : ""}`;

/** The admin ports a rule opens; undefined when its protocol or ports are not known yet. */
function opens(r: SecurityGroupRule, ports: number[]): number[] | undefined {
    const t = r.traffic;
    if (t.protocol === "?") return undefined;
    if (t.protocol === "all") return ports;
    if (t.protocol !== "tcp") return [];
    return ports.filter((p) => !t.ports || (t.ports.from <= p && p <= t.ports.to));
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const { ports } = options.read(args.getConfig());
    const model = stackModel(args.resources);
    const propsOf = propsByUrn(args.resources);
    const unknowns = new Unknowns();
    const waitFor = (urn: string, ...path: string[]) => unknowns.unresolved(propsOf.get(urn), ...path);
    for (const g of model.securityGroups) for (const d of g.unknownInline) waitFor(g.urn, d);
    const openings = new Map<string, Opening[]>();
    for (const r of model.rules) {
        if (!r.direction.known) {
            waitFor(r.urn, "type");
            continue;
        }
        if (r.direction.value !== "ingress") continue;
        for (const p of r.peers) if (p.kind === "unknown") waitFor(r.urn, r.where, p.property);
        const ranges = cidrSet(r.peers.flatMap((p) => (p.kind === "cidr" ? [p.cidr] : [])));
        if (!ranges.members.some(hasInternetAddresses)) continue;
        const open = opens(r, ports);
        if (open && open.length === 0) continue;
        // A rule whose group is not known yet is judged on its own ranges.
        const key = r.groupKey ?? r.urn;
        openings.set(key, [...(openings.get(key) ?? []), { rule: r, ranges, ports: open ?? [], pending: open === undefined }]);
    }
    for (const all of openings.values()) {
        const group = all.filter((o) => !o.pending);
        // A rule whose ports are not known yet matters only if, opening a port, it would complete the internet.
        for (const o of all.filter((x) => x.pending)) {
            const completes = ports.some((port) => {
                const families = worldOpenFamilies(unionOf([...group.filter((x) => x.ports.includes(port)).map((x) => x.ranges), o.ranges]));
                return o.ranges.members.some((m) => families.includes(m.family) && hasInternetAddresses(m));
            });
            if (completes) waitFor(o.rule.urn, o.rule.where, "protocol");
        }
        // Per rule, the ports for which the group's union is world-open in a family it contributes to.
        const reported = new Map<Opening, number[]>();
        for (const port of ports) {
            const opening = group.filter((o) => o.ports.includes(port));
            const families = worldOpenFamilies(unionOf(opening.map((o) => o.ranges)));
            if (families.length === 0) continue;
            for (const o of opening) {
                if (o.ranges.members.some((m) => families.includes(m.family) && hasInternetAddresses(m))) reported.set(o, [...(reported.get(o) ?? []), port]);
            }
        }
        for (const [o, open] of reported) {
            const what = `port${open.length > 1 ? "s" : ""} ${open.join(", ")}`;
            if (isWorldOpen(o.ranges)) {
                reportViolation(`${label(o.rule)} opens ${what} to ${describeWorldOpen(o.ranges)}.`, o.rule.urn);
                continue;
            }
            const together = group.filter((x) => x.ports.some((p) => open.includes(p)));
            const others = together.filter((x) => x !== o).map((x) => label(x.rule)).join(", ");
            const whole = worldOpenFamilies(unionOf(together.map((x) => x.ranges))).map((f) => `IPv${f}`).join(" and ");
            const own = o.ranges.members.filter(hasInternetAddresses).map((m) => m.text).join(", ");
            reportViolation(`${label(o.rule)} opens ${what} to ${own}; with ${others} that is the whole ${whole} internet.`, o.rule.urn);
        }
    }
    unknowns.settle();
}

export const noWorldOpenAdminPorts: StackValidationPolicy = {
    name: "no-world-open-admin-ports",
    description: "Administrative and database ports must not be open to the whole internet (0.0.0.0/0, ::/0, or ranges that together cover it).",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Narrow the rule's source to a security group (e.g. the bastion's) or a specific address; never 0.0.0.0/0 or ::/0 for these ports, nor ranges that add up to them (0.0.0.0/1 + 128.0.0.0/1).",
    configSchema: options.configSchema,
    validateStack,
};
