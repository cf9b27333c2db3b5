/**
 * The VPC's default security group carries no rules, so nothing attached to it by accident is
 * reachable: neither inline `ingress`/`egress` of `aws.ec2.DefaultSecurityGroup` nor separate rule
 * resources (`aws.vpc.SecurityGroupIngressRule`/`EgressRule`, `aws.ec2.SecurityGroupRule`) attached
 * to it — by reference to the `DefaultSecurityGroup`, or to a VPC's `defaultSecurityGroupId`. A stack
 * policy, because a separate rule's group is another resource. Reads only the network model.
 */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { AwsTypes, propsByUrn, stackModel } from "../model";
import { flag, ruleOptions } from "../lib/rule-options";
import { Unknowns } from "../lib/unknowns";

const options = ruleOptions({
    allowEgress: flag("Permit egress rules on the default group (ingress is never permitted).", false),
});

/** Rule resources in the order they are judged (and reported). */
const RESOURCE_FORMS = ["SecurityGroupRule", "SecurityGroupIngressRule", "SecurityGroupEgressRule"];

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const { allowEgress } = options.read(args.getConfig());
    const model = stackModel(args.resources);
    const propsOf = propsByUrn(args.resources);
    const unknowns = new Unknowns();
    const waitFor = (urn: string, ...path: string[]) => unknowns.unresolved(propsOf.get(urn), ...path);
    const directions: string[] = allowEgress ? ["ingress"] : ["ingress", "egress"];
    for (const g of model.securityGroups.filter((x) => x.type === AwsTypes.DefaultSecurityGroup)) {
        if (g.stateMissing) waitFor(g.urn, g.name);
        for (const dir of directions as ("ingress" | "egress")[]) {
            // The whole list is not known yet (a list the program did not give reads as none: the
            // provider's own, whose separate rule resources are checked below).
            if (g.unknownInline.includes(dir) && g.unknownBlocks[dir] === 0) {
                waitFor(g.urn, dir);
                continue;
            }
            // An unknown block is still a block.
            const n = g[dir].filter((r) => r.form === "inline" && r.urn === g.urn).length + g.unknownBlocks[dir];
            if (n > 0) reportViolation(`${g.name} has ${n} ${dir} rule${n > 1 ? "s" : ""}; the default security group must have none.`, g.urn);
        }
    }
    for (const form of RESOURCE_FORMS) {
        for (const r of model.rules.filter((x) => x.form === form)) {
            if (!r.direction.known) {
                waitFor(r.urn, "type");
                continue;
            }
            const dir = r.direction.value;
            if (dir === undefined || !directions.includes(dir)) continue;
            if (r.toDefaultGroup === "yes") reportViolation(`${r.resourceName} adds an ${dir} rule to the VPC's default security group, which must have none.`, r.urn);
            else if (r.toDefaultGroup === "unknown") waitFor(r.urn, r.resourceName, "securityGroupId");
        }
    }
    unknowns.settle();
}

export const defaultSgNoRules: StackValidationPolicy = {
    name: "default-sg-no-rules",
    description: "The default security group of a VPC must have no ingress or egress rules, inline or as separate rule resources.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Manage the group with `aws.ec2.DefaultSecurityGroup` and give it no `ingress`/`egress`, and attach no rule resources to it; put hosts in purpose-built groups.",
    configSchema: options.configSchema,
    validateStack,
};
