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
            // The account and region come from the log group's ARN: no extra lookup, and the same partition.
            assumeRolePolicy: logGroup.arn.apply((arn) => JSON.stringify(flowLogsTrustPolicy(arnParts(arn)))),
            tags: tagsFor(resourceName(p, "role", "flowlogs")),
        }, child);

        const policy = new aws.iam.RolePolicy(resourceName(p, "policy", "flowlogs"), {
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
            // Without the policy in place the first deliveries fail and the flow log reports an access error.
        }, { ...child, dependsOn: [policy] });

        this.logGroupName = logGroup.name;
        this.registerOutputs({ logGroupName: this.logGroupName });
    }
}

export interface ArnParts {
    partition: string;
    region: string;
    account: string;
}

/** `arn:aws:logs:ap-northeast-2:123456789012:log-group:/x` -> its partition, region and account. */
export function arnParts(arn: string): ArnParts {
    const [, partition, , region, account] = arn.split(":");
    return { partition, region, account };
}

/**
 * Only the flow logs service may assume the role, and only on behalf of this account's flow logs in this
 * region (AWS's confused-deputy guidance: aws:SourceAccount and aws:SourceArn).
 */
export function flowLogsTrustPolicy(at: ArnParts) {
    return {
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": at.account },
                ArnLike: { "aws:SourceArn": `arn:${at.partition}:ec2:${at.region}:${at.account}:vpc-flow-log/*` },
            },
        }],
    };
}

/**
 * The permissions AWS's own example role grants the service, with the writes held to this one log group
 * (and its streams); only the read-only DescribeLogGroups, a list call, is not scoped to it.
 */
export function flowLogsWritePolicy(logGroupArn: string) {
    const group = logGroupArn.replace(/:\*$/, "");
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WriteThisLogGroup",
                Effect: "Allow",
                Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [group, `${group}:*`],
            },
            { Sid: "ListLogGroups", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: ["*"] },
        ],
    };
}
