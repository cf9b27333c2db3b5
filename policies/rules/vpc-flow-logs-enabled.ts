/** Every VPC has a flow log, so rejected and accepted connections can be investigated afterwards. Reads only the network model. */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { propsByUrn, stackModel } from "../model";
import { ruleOptions } from "../lib/rule-options";
import { z } from "zod";
import { Unknowns } from "../lib/unknowns";

const options = ruleOptions({
    acceptedTrafficTypes: z.array(z.enum(["ALL", "ACCEPT", "REJECT"])).default(["ALL", "ACCEPT", "REJECT"]).describe("Flow log traffic types that count."),
});

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const { acceptedTrafficTypes } = options.read(args.getConfig());
    const model = stackModel(args.resources);
    const propsOf = propsByUrn(args.resources);
    const unknowns = new Unknowns();
    const covered = new Set<string>();
    let unresolved = false;
    for (const fl of model.flowLogs) {
        const traffic = fl.trafficType;
        // A traffic type not known yet still records the VPC; the unknown is raised once the rest is decided.
        if (!traffic.known) unknowns.unresolved(propsOf.get(fl.urn), ...(traffic.at?.path ?? ["trafficType"]));
        else if (traffic.value !== undefined && !(acceptedTrafficTypes as readonly string[]).includes(traffic.value)) continue;
        if (fl.vpc.urns.length === 1) covered.add(fl.vpc.urns[0]);
        else if (fl.vpc.unknown || fl.vpc.urns.length > 1) unresolved = true;
    }
    // A stack that adopts the default VPC (`aws.ec2.DefaultVpc`) owns it as much as one it creates: both are model VPCs.
    for (const vpc of model.vpcs) {
        if (covered.has(vpc.urn)) continue;
        if (unresolved) unknowns.unresolved(propsOf.get(vpc.urn), vpc.name, "flowLog");
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
