/**
 * No security group admits an administrative or database port from the whole internet. AWS admits a
 * packet when any rule of the group matches, so the question is asked of the UNION of the ranges that
 * open the port on the group — every inline block and every separate rule resource together:
 * `0.0.0.0/1` in one rule and `128.0.0.0/1` in another are the whole internet. A stack policy, because
 * the rules of one group are separate resources.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { CidrSet, cidrSet, describeWorldOpen, hasInternetAddresses, isWorldOpen, unionOf, worldOpenFamilies } from "../model/cidr-set";
import { GroupTypes } from "../lib/group-role";
import { admitsTcpPort } from "../lib/ports";
import { portList, ruleOptions } from "../lib/rule-options";
import { RuleBearingTypes, RuleEntry, TargetGroupProp, ruleEntries } from "../lib/rule-entries";
import { indexStack, ofType, resolveReference, setByProgram, stateMissing } from "../lib/stack-index";
import { Unknowns, read } from "../lib/unknowns";

export const DefaultAdminPorts = [22, 3389, 3306, 5432, 6379, 27017];

const options = ruleOptions({
    ports: portList("TCP ports that must never be open to the world.", DefaultAdminPorts),
});

/** One ingress entry's known CIDR sources and the admin ports it opens. */
interface Opening {
    holder: PolicyResource;
    entry: RuleEntry;
    ranges: CidrSet;
    ports: number[];
}

/** The group an entry opens: the holder itself for inline blocks, the referenced group for a rule resource. */
function groupKey(index: ReturnType<typeof indexStack>, r: PolicyResource, e: RuleEntry): string {
    if (e.inline) return r.urn;
    const ref = resolveReference(index, r, TargetGroupProp, read(() => r.props[TargetGroupProp]), GroupTypes);
    if (ref.candidates.length === 1) return ref.candidates[0].urn;
    if (ref.externalId !== undefined) return `id:${ref.externalId}`;
    return r.urn; // not known which group: judged on its own ranges
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const { ports } = options.read(args.getConfig());
    const index = indexStack(args.resources);
    const unknowns = new Unknowns();
    const openings = new Map<string, Opening[]>();
    for (const r of ofType(index, ...RuleBearingTypes)) {
        if (stateMissing(r)) {
            unknowns.unresolved(r.props, r.name);
            continue;
        }
        const { entries, unknownBlocks } = ruleEntries(r.type, r.props, (prop) => setByProgram(r, prop));
        unknownBlocks.forEach((err) => unknowns.note({ known: false, error: err }));
        for (const e of entries) {
            if (unknowns.take(e.direction) !== "ingress") continue;
            const values = e.sources.filter((s) => s.kind === "cidr").map((s) => unknowns.take(s.value));
            e.unknownSources.forEach((err) => unknowns.note({ known: false, error: err }));
            const ranges = cidrSet(values);
            if (!ranges.members.some(hasInternetAddresses)) continue;
            const protocol = unknowns.take(e.protocol);
            const range = unknowns.take(e.range);
            if (!e.protocol.known || (protocol === "tcp" && !range)) continue;
            const open = ports.filter((p) => admitsTcpPort(protocol, range ?? { from: 0, to: 65535 }, p));
            if (open.length === 0) continue;
            const key = groupKey(index, r, e);
            openings.set(key, [...(openings.get(key) ?? []), { holder: r, entry: e, ranges, ports: open }]);
        }
    }
    for (const group of openings.values()) {
        // Per entry, the ports for which the group's union is world-open, and the families it completes.
        const reported = new Map<Opening, number[]>();
        for (const port of ports) {
            const opening = group.filter((o) => o.ports.includes(port));
            const union = unionOf(opening.map((o) => o.ranges));
            const families = worldOpenFamilies(union);
            if (families.length === 0) continue;
            for (const o of opening) {
                if (o.ranges.members.some((m) => families.includes(m.family) && hasInternetAddresses(m))) reported.set(o, [...(reported.get(o) ?? []), port]);
            }
        }
        for (const [o, open] of reported) {
            const label = (x: Opening) => `${x.holder.name}${x.entry.inline ? ` ${x.entry.where}` : ""}`;
            const ports = `port${open.length > 1 ? "s" : ""} ${open.join(", ")}`;
            if (isWorldOpen(o.ranges)) {
                reportViolation(`${label(o)} opens ${ports} to ${describeWorldOpen(o.ranges)}.`, o.holder.urn);
                continue;
            }
            const together = group.filter((x) => x.ports.some((p) => open.includes(p)));
            const others = together.filter((x) => x !== o).map(label).join(", ");
            const whole = worldOpenFamilies(unionOf(together.map((x) => x.ranges))).map((f) => `IPv${f}`).join(" and ");
            const own = o.ranges.members.filter(hasInternetAddresses).map((m) => m.text).join(", ");
            reportViolation(`${label(o)} opens ${ports} to ${own}; with ${others} that is the whole ${whole} internet.`, o.holder.urn);
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
