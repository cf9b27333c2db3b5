/**
 * The VPC's default security group carries no rules, so nothing attached to it by accident is
 * reachable: neither inline `ingress`/`egress` of `aws.ec2.DefaultSecurityGroup` nor separate rule
 * resources (`aws.vpc.SecurityGroupIngressRule`/`EgressRule`, `aws.ec2.SecurityGroupRule`) attached
 * to it — by reference to the `DefaultSecurityGroup`, or to a VPC's `defaultSecurityGroupId`. A stack
 * policy, because a separate rule's group is another resource.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { AwsTypes } from "../model";
import { flag, ruleOptions } from "../lib/rule-options";
import { DefaultSecurityGroupType, EgressRuleType, IngressRuleType, SecurityGroupRuleType, SecurityGroupType, TargetGroupProp } from "../lib/rule-entries";
import { asList, asString } from "../lib/shape";
import { StackIndex, indexStack, ofType, resolveReference, setByProgram, stateMissing } from "../lib/stack-index";
import { Maybe, Unknowns, read } from "../lib/unknowns";

const options = ruleOptions({
    allowEgress: flag("Permit egress rules on the default group (ingress is never permitted).", false),
});

const vpcTypes = [AwsTypes.Vpc, AwsTypes.DefaultVpc];

/** Is the group a separate rule attaches to a default security group? */
function attachedToDefault(index: StackIndex, r: PolicyResource): "yes" | "no" | "unknown" {
    const value = read(() => r.props[TargetGroupProp]);
    const ref = resolveReference(index, r, TargetGroupProp, value, [DefaultSecurityGroupType, SecurityGroupType, ...vpcTypes]);
    if (ref.candidates.length > 0) {
        // A VPC's only security-group output is its default group's id.
        const kinds = new Set(ref.candidates.map((c) => (c.type === SecurityGroupType ? "no" : "yes")));
        return kinds.size === 1 ? [...kinds][0] as "yes" | "no" : "unknown";
    }
    if (ref.externalId !== undefined) {
        const isDefault = ofType(index, ...vpcTypes).some((v) => {
            const id = read(() => asString(v.props.defaultSecurityGroupId));
            return id.known && id.value === ref.externalId;
        });
        return isDefault ? "yes" : "no";
    }
    return ref.unknown ? "unknown" : "no";
}

function directionOf(r: PolicyResource): Maybe<string | undefined> {
    if (r.type === IngressRuleType) return { known: true, value: "ingress" };
    if (r.type === EgressRuleType) return { known: true, value: "egress" };
    return read(() => asString(r.props.type));
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const { allowEgress } = options.read(args.getConfig());
    const index = indexStack(args.resources);
    const unknowns = new Unknowns();
    const directions = allowEgress ? ["ingress"] : ["ingress", "egress"];
    for (const g of ofType(index, DefaultSecurityGroupType)) {
        if (stateMissing(g)) unknowns.unresolved(g.props, g.name);
        for (const dir of directions) {
            // A list the program did not give is the provider's (rules of separate resources, checked below).
            if (!setByProgram(g, dir) && !read(() => g.props[dir]).known) continue;
            // Count entries without reading them: an unknown entry is still an entry.
            const list = read(() => {
                const v = g.props[dir];
                return Array.isArray(v) ? v.length : asList(v).length;
            });
            const n = unknowns.take(list);
            if (n !== undefined && n > 0) reportViolation(`${g.name} has ${n} ${dir} rule${n > 1 ? "s" : ""}; the default security group must have none.`, g.urn);
        }
    }
    for (const r of ofType(index, SecurityGroupRuleType, IngressRuleType, EgressRuleType)) {
        const dir = unknowns.take(directionOf(r));
        if (dir === undefined || !directions.includes(dir)) continue;
        const target = attachedToDefault(index, r);
        if (target === "yes") reportViolation(`${r.name} adds an ${dir} rule to the VPC's default security group, which must have none.`, r.urn);
        else if (target === "unknown") unknowns.unresolved(r.props, r.name, TargetGroupProp);
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
