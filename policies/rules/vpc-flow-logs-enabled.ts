/** Every VPC has a flow log, so rejected and accepted connections can be investigated afterwards. */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { AwsTypes } from "../model";
import { ruleOptions } from "../lib/rule-options";
import { z } from "zod";
import { asString } from "../lib/shape";
import { indexStack, ofType, resolveReference } from "../lib/stack-index";
import { Unknowns, read } from "../lib/unknowns";

const options = ruleOptions({
    acceptedTrafficTypes: z.array(z.enum(["ALL", "ACCEPT", "REJECT"])).default(["ALL", "ACCEPT", "REJECT"]).describe("Flow log traffic types that count."),
});

/** A stack that adopts the default VPC (`aws.ec2.DefaultVpc`) owns it as much as one it creates. */
const vpcTypes = [AwsTypes.Vpc, AwsTypes.DefaultVpc];

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const { acceptedTrafficTypes } = options.read(args.getConfig());
    const index = indexStack(args.resources);
    const unknowns = new Unknowns();
    const covered = new Set<string>();
    let unresolved = false;
    for (const fl of ofType(index, AwsTypes.FlowLog)) {
        const traffic = read(() => asString(fl.props.trafficType));
        if (!traffic.known) unknowns.note(traffic);
        else if (traffic.value !== undefined && !(acceptedTrafficTypes as readonly string[]).includes(traffic.value)) continue;
        const ref = resolveReference(index, fl, "vpcId", read(() => fl.props.vpcId), vpcTypes);
        if (ref.candidates.length === 1) covered.add(ref.candidates[0].urn);
        else if (ref.unknown || ref.candidates.length > 1) unresolved = true;
    }
    for (const vpc of ofType(index, ...vpcTypes)) {
        if (covered.has(vpc.urn)) continue;
        if (unresolved) unknowns.unresolved(vpc.props, vpc.name, "flowLog");
        else reportViolation(`${vpc.name} has no flow log (aws.ec2.FlowLog with vpcId) of type ${acceptedTrafficTypes.join("/")}.`, vpc.urn);
    }
    unknowns.settle();
}

export const vpcFlowLogsEnabled: StackValidationPolicy = {
    name: "vpc-flow-logs-enabled",
    description: "Every VPC must have a flow log.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add new aws.ec2.FlowLog(..., { vpcId: vpc.id, trafficType: \"ALL\", logDestination: <CloudWatch log group or S3 ARN>, iamRoleArn }).",
    configSchema: options.configSchema,
    validateStack,
};
