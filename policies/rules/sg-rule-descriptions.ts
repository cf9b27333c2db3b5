/** Every security group rule says why it exists: reviewers and incident responders read these. Reads only the network model. */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { RULE_BEARING_TYPES } from "../model";
import { resourceModel } from "../model/resource-model";
import { integer, ruleOptions } from "../lib/rule-options";
import { Unknowns } from "../lib/unknowns";

const options = ruleOptions({
    minLength: integer("Shortest acceptable description (after trimming).", 1, 1, 255),
});

const ruleBearing: ReadonlySet<string> = new Set(RULE_BEARING_TYPES);

function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (!ruleBearing.has(args.type)) return;
    const { minLength } = options.read(args.getConfig());
    const model = resourceModel(args);
    const unknowns = new Unknowns();
    const missing: string[] = [];
    for (const r of model.rules) {
        const d = r.description;
        if (!d.known) {
            unknowns.unresolved(args.props, r.where, "description");
            continue;
        }
        if (d.value === undefined || d.value.trim().length < minLength) missing.push(r.form === "inline" ? r.where : "the rule");
    }
    if (missing.length > 0) reportViolation(`${args.name}: ${missing.join(", ")} ha${missing.length > 1 ? "ve" : "s"} no description${minLength > 1 ? ` of at least ${minLength} characters` : ""}.`);
    for (const g of model.securityGroups) for (const d of g.unknownInline) unknowns.unresolved(args.props, d);
    unknowns.settle();
}

export const sgRuleDescriptions: ResourceValidationPolicy = {
    name: "sg-rule-descriptions",
    description: "Every security group rule must carry a description.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Set `description` on each SecurityGroupIngressRule/EgressRule, SecurityGroupRule, and inline ingress/egress block (e.g. \"SSH from bastion\").",
    configSchema: options.configSchema,
    validateResource,
};
