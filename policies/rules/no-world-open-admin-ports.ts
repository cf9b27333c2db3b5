/** No ingress opens an administrative or database port to the whole internet (0.0.0.0/0 or ::/0). */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { parseCidr } from "../lib/cidr";
import { admitsTcpPort } from "../lib/ports";
import { portList, ruleOptions } from "../lib/rule-options";
import { RuleBearingTypes, ruleEntries } from "../lib/rule-entries";
import { Unknowns } from "../lib/unknowns";

export const DefaultAdminPorts = [22, 3389, 3306, 5432, 6379, 27017];

const options = ruleOptions({
    ports: portList("TCP ports that must never be open to the world.", DefaultAdminPorts),
});

function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (!RuleBearingTypes.includes(args.type)) return;
    const { ports } = options.read(args.getConfig());
    const unknowns = new Unknowns();
    const { entries, unknownBlocks } = ruleEntries(args.type, args.props);
    for (const e of entries) {
        const dir = unknowns.take(e.direction);
        if (dir !== "ingress") continue;
        const world: string[] = [];
        for (const s of e.sources) {
            const cidr = s.kind === "cidr" ? parseCidr(unknowns.take(s.value)) : undefined;
            if (cidr?.world) world.push(cidr.cidr);
        }
        e.unknownSources.forEach((err) => unknowns.note({ known: false, error: err }));
        if (world.length === 0) continue;
        const protocol = unknowns.take(e.protocol);
        const range = unknowns.take(e.range);
        if (!e.protocol.known || (protocol === "tcp" && !range)) continue;
        const open = ports.filter((p) => admitsTcpPort(protocol, range ?? { from: 0, to: 65535 }, p));
        if (open.length > 0) {
            reportViolation(`${args.name}${e.inline ? ` ${e.where}` : ""} opens port${open.length > 1 ? "s" : ""} ${open.join(", ")} to ${world.join(", ")}.`);
        }
    }
    unknownBlocks.forEach((err) => unknowns.note({ known: false, error: err }));
    unknowns.settle();
}

export const noWorldOpenAdminPorts: ResourceValidationPolicy = {
    name: "no-world-open-admin-ports",
    description: "Administrative and database ports must not be open to 0.0.0.0/0 or ::/0.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Narrow the rule's source to a security group (e.g. the bastion's) or a specific address; never 0.0.0.0/0 or ::/0 for these ports.",
    configSchema: options.configSchema,
    validateResource,
};
