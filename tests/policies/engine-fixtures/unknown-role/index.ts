// An engine fixture: during a preview the group's role tag is computed, so whether its /32 SSH
// source is allowed cannot be known yet — the analyzer must say "can't run" (advisory), never a violation.
// The group sets no inline rules: the provider leaves its `ingress` unknown, which must not count as one.
import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("unknown-role-vpc", { cidrBlock: "10.4.0.0/16" });
const group = new aws.ec2.SecurityGroup("unknown-role-sg", { vpcId: vpc.id, tags: { Role: vpc.id.apply(() => "bastion") } });
new aws.vpc.SecurityGroupIngressRule("unknown-role-ssh", {
    securityGroupId: group.id,
    ipProtocol: "tcp",
    fromPort: 22,
    toPort: 22,
    cidrIpv4: "198.51.100.7/32",
    description: "operator",
});
new aws.ec2.FlowLog("unknown-role-flow", { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::fixture-flow-logs" });
