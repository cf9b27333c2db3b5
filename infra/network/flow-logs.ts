import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resourceName, tagsFor } from "../naming";

export interface FlowLogsArgs {
    prefix: string;
    vpcId: pulumi.Input<string>;
    retentionDays: number;
}

/** All VPC traffic (accepted and rejected) to a CloudWatch log group, through a role that may write only there. */
export class FlowLogs extends pulumi.ComponentResource {
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: FlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bastion-network:network:FlowLogs", name, {}, opts);
        const child = { parent: this };
        const p = args.prefix;

        const logGroup = new aws.cloudwatch.LogGroup(resourceName(p, "log", "flowlogs"), {
            name: `/${p}/vpc/flow-logs`,
            retentionInDays: args.retentionDays,
            tags: tagsFor(resourceName(p, "log", "flowlogs")),
        }, child);

        const role = new aws.iam.Role(resourceName(p, "role", "flowlogs"), {
            assumeRolePolicy: JSON.stringify(flowLogsTrustPolicy()),
            tags: tagsFor(resourceName(p, "role", "flowlogs")),
        }, child);

        new aws.iam.RolePolicy(resourceName(p, "policy", "flowlogs"), {
            role: role.id,
            policy: logGroup.arn.apply((arn) => JSON.stringify(flowLogsWritePolicy(arn))),
        }, child);

        new aws.ec2.FlowLog(resourceName(p, "flowlog", "vpc"), {
            vpcId: args.vpcId,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: role.arn,
            tags: tagsFor(resourceName(p, "flowlog", "vpc")),
        }, child);

        this.logGroupName = logGroup.name;
        this.registerOutputs({ logGroupName: this.logGroupName });
    }
}

export function flowLogsTrustPolicy() {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

/** Least privilege: write streams and events into this one log group (and its streams), nothing else. */
export function flowLogsWritePolicy(logGroupArn: string) {
    const group = logGroupArn.replace(/:\*$/, "");
    return {
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [group, `${group}:*`],
        }],
    };
}
