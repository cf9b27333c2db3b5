/** Every security group rule says why it exists: reviewers and incident responders read these. */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { integer, ruleOptions } from "../lib/rule-options";
import { RuleBearingTypes, ruleEntries } from "../lib/rule-entries";
import { Unknowns } from "../lib/unknowns";

const options = ruleOptions({
    minLength: integer("Shortest acceptable description (after trimming).", 1, 1, 255),
});

function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (!RuleBearingTypes.includes(args.type)) return;
    const { minLength } = options.read(args.getConfig());
    const unknowns = new Unknowns();
    const { entries, unknownBlocks } = ruleEntries(args.type, args.props);
    const missing: string[] = [];
    for (const e of entries) {
        const d = unknowns.take(e.description);
        if (!e.description.known) continue;
        if (typeof d !== "string" || d.trim().length < minLength) missing.push(e.inline ? e.where : "the rule");
    }
    if (missing.length > 0) reportViolation(`${args.name}: ${missing.join(", ")} ha${missing.length > 1 ? "ve" : "s"} no description${minLength > 1 ? ` of at least ${minLength} characters` : ""}.`);
    unknownBlocks.forEach((err) => unknowns.note({ known: false, error: err }));
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
