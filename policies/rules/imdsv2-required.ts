/**
 * Instances, spot requests, launch templates and launch configurations require IMDSv2 session tokens
 * (`metadataOptions.httpTokens = "required"`). An instance that launches from a template and sets no
 * metadata options of its own takes the template's, and the template is checked instead. Reads only
 * the network model.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { AwsTypes, Read } from "../model";
import { resourceModel } from "../model/resource-model";
import { flag, ruleOptions } from "../lib/rule-options";
import { unknownErrorAt } from "../lib/unknowns";

const types: string[] = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest, AwsTypes.LaunchTemplate, AwsTypes.LaunchConfiguration];
const fromTemplate: string[] = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest];

const options = ruleOptions({
    allowEndpointDisabled: flag("Accept `httpEndpoint: \"disabled\"` (no metadata service at all) instead of required tokens.", true),
});

function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (!types.includes(args.type)) return;
    const opts = options.read(args.getConfig());
    const launch = resourceModel(args).launchSettings.find((s) => s.urn === args.urn);
    if (!launch) return;
    // Nothing is decided from a value a preview leaves open: the engine's own unknown error says so.
    const value = <T>(r: Read<T>): T => {
        if (!r.known) throw unknownErrorAt(args.props, r.at?.path ?? []);
        return r.value;
    };
    const md = value(launch.metadata);
    if (!md && fromTemplate.includes(args.type) && value(launch.fromTemplate)) return;
    if (md && opts.allowEndpointDisabled && value(md.httpEndpoint) === "disabled") return;
    const tokens = md ? value(md.httpTokens) : undefined;
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
