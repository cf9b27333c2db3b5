/**
 * Instances, spot requests, launch templates and launch configurations require IMDSv2 session tokens
 * (`metadataOptions.httpTokens = "required"`). An instance that launches from a template and sets no
 * metadata options of its own takes the template's, and the template is checked instead.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { AwsTypes } from "../model";
import { flag, ruleOptions } from "../lib/rule-options";
import { asObject, asString } from "../lib/shape";

const types: string[] = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest, AwsTypes.LaunchTemplate, AwsTypes.LaunchConfiguration];
const fromTemplate: string[] = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest];

const options = ruleOptions({
    allowEndpointDisabled: flag("Accept `httpEndpoint: \"disabled\"` (no metadata service at all) instead of required tokens.", true),
});

function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (!types.includes(args.type)) return;
    const opts = options.read(args.getConfig());
    const md = asObject(args.props.metadataOptions);
    if (!md && fromTemplate.includes(args.type) && asObject(args.props.launchTemplate)) return;
    if (md && opts.allowEndpointDisabled && asString(md.httpEndpoint) === "disabled") return;
    const tokens = md ? asString(md.httpTokens) : undefined;
    if (tokens !== "required") {
        reportViolation(`${args.name}: metadataOptions.httpTokens is ${tokens === undefined ? "not set (IMDSv1 stays enabled)" : `'${tokens}'`}; set it to "required".`);
    }
}

export const imdsv2Required: ResourceValidationPolicy = {
    name: "imdsv2-required",
    description: "EC2 instances, spot requests, launch templates and launch configurations must require IMDSv2 tokens.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Set `metadataOptions: { httpTokens: \"required\", httpEndpoint: \"enabled\" }` on the instance or launch template.",
    configSchema: options.configSchema,
    validateResource,
};
