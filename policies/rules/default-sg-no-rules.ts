/** The VPC's default security group carries no rules, so nothing attached to it by accident is reachable. */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { optionsOf } from "../lib/rule-config";
import { DefaultSecurityGroupType } from "../lib/rule-entries";
import { asList } from "../lib/shape";
import { Unknowns, read } from "../lib/unknowns";

const configSchema = {
    properties: {
        allowEgress: { type: "boolean" as const, default: false, description: "Permit egress rules on the default group (ingress is never permitted)." },
    },
};

function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (args.type !== DefaultSecurityGroupType) return;
    const { allowEgress } = optionsOf<{ allowEgress: boolean }>(configSchema, args.getConfig());
    const unknowns = new Unknowns();
    for (const dir of allowEgress ? ["ingress"] : ["ingress", "egress"]) {
        // Count entries without reading them: an unknown entry is still an entry.
        const list = read(() => {
            const v = args.props[dir];
            return Array.isArray(v) ? v.length : asList(v).length;
        });
        const n = unknowns.take(list);
        if (n !== undefined && n > 0) reportViolation(`${args.name} has ${n} ${dir} rule${n > 1 ? "s" : ""}; the default security group must have none.`);
    }
    unknowns.settle();
}

export const defaultSgNoRules: ResourceValidationPolicy = {
    name: "default-sg-no-rules",
    description: "The default security group of a VPC must have no ingress or egress rules.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Manage the group with `aws.ec2.DefaultSecurityGroup` and give it no `ingress`/`egress`; put hosts in purpose-built groups.",
    configSchema,
    validateResource,
};
