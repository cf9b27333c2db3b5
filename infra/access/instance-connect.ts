import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Role, TagKeys, Tier } from "../../policies/vocabulary";
import { instanceConnectPolicyDocument } from "./instance-connect-policy";

/** A host security group the endpoint may reach on 22; `name` keeps the rule's resource name stable. */
export interface HostSecurityGroup {
    name: string;
    id: pulumi.Input<string>;
}

export interface InstanceConnectArgs {
    prefix: string;
    osUser: string;
    /** The stack's instances (and recovered ones): the only targets keys may be pushed to. */
    instanceArns: pulumi.Input<string>[];
    /** Groups the stack creates (AWS answers NoSuchEntity when attaching to a group that does not exist). */
    iamGroups: string[];
    /** Members to add to those groups (existing IAM users). */
    iamGroupMembers?: Record<string, string[]>;
    /** Groups that exist outside the stack: the policy is attached to them by name, nothing else. */
    externalIamGroups?: string[];
    iamUsers: string[];
    endpoint?: {
        vpcId: pulumi.Input<string>;
        /** The internal subnet. */
        subnetId: pulumi.Input<string>;
        /** For the name, e.g. `2a`. */
        az: string;
        hostSecurityGroups: HostSecurityGroup[];
        /** When given, the tunnel permission is limited to these addresses. */
        hostPrivateIps?: pulumi.Input<string>[];
    };
    tags?: Record<string, string>;
}

const ENDPOINT_ROLE: Role = "instance-connect-endpoint";
const ENDPOINT_TIER: Tier = "internal";

/**
 * EC2 Instance Connect: an IAM policy letting the configured groups/users push one-time keys to
 * this stack's instances only, and optionally an Instance Connect Endpoint with its own security group.
 * The lead adds host ingress 22 from `endpointSecurityGroupId`.
 */
export class InstanceConnect extends pulumi.ComponentResource {
    readonly policyArn: pulumi.Output<string>;
    readonly endpointId?: pulumi.Output<string>;
    readonly endpointArn?: pulumi.Output<string>;
    readonly endpointSecurityGroupId?: pulumi.Output<string>;

    constructor(name: string, args: InstanceConnectArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bastion-network:access:InstanceConnect", name, {}, opts);
        const p = args.prefix;
        let endpointInput: pulumi.Output<{ arn: string; privateIps?: string[] } | undefined> = pulumi.output(undefined);

        if (args.endpoint) {
            const ep = args.endpoint;
            const sg = new aws.ec2.SecurityGroup(
                `${p}-sg-eice`,
                {
                    vpcId: ep.vpcId,
                    description: "EC2 Instance Connect Endpoint: SSH out to the host security groups of this stack only",
                    tags: { ...args.tags, [TagKeys.Name]: `${p}-sg-eice`, [TagKeys.Tier]: ENDPOINT_TIER, [TagKeys.Role]: ENDPOINT_ROLE },
                },
                { parent: this },
            );
            for (const host of ep.hostSecurityGroups) {
                new aws.vpc.SecurityGroupEgressRule(
                    `${p}-sgr-eice-to-${host.name}-22`,
                    {
                        securityGroupId: sg.id,
                        description: `SSH from the Instance Connect Endpoint to the ${host.name} hosts`,
                        ipProtocol: "tcp",
                        fromPort: 22,
                        toPort: 22,
                        referencedSecurityGroupId: host.id,
                        tags: { ...args.tags, [TagKeys.Name]: `${p}-sgr-eice-to-${host.name}-22` },
                    },
                    { parent: this },
                );
            }
            const endpoint = new aws.ec2transitgateway.InstanceConnectEndpoint(
                `${p}-eice-internal-${ep.az}`,
                {
                    subnetId: ep.subnetId,
                    securityGroupIds: [sg.id],
                    // Connections then come from the endpoint's own address, which is what an SG-referenced
                    // host rule matches; with the client IP preserved they would not.
                    preserveClientIp: false,
                    tags: { ...args.tags, [TagKeys.Name]: `${p}-eice-internal-${ep.az}`, [TagKeys.Tier]: ENDPOINT_TIER, [TagKeys.Role]: ENDPOINT_ROLE },
                },
                { parent: this },
            );
            this.endpointId = endpoint.id;
            this.endpointArn = endpoint.arn;
            this.endpointSecurityGroupId = sg.id;
            endpointInput = pulumi
                .all([endpoint.arn, pulumi.all(ep.hostPrivateIps ?? [])])
                .apply(([arn, ips]) => ({ arn, privateIps: ips.length > 0 ? ips : undefined }));
        }

        const document = pulumi
            .all([pulumi.all(args.instanceArns), endpointInput])
            .apply(([instanceArns, endpoint]) => JSON.stringify(instanceConnectPolicyDocument({ instanceArns, osUser: args.osUser, endpoint })));
        const policy = new aws.iam.Policy(
            `${p}-iam-policy-instance-connect`,
            {
                description: `EC2 Instance Connect into the instances of stack ${p} as ${args.osUser}`,
                policy: document,
                tags: { ...args.tags, [TagKeys.Name]: `${p}-iam-policy-instance-connect` },
            },
            { parent: this },
        );
        for (const name of args.iamGroups) {
            const group = new aws.iam.Group(`${p}-iam-group-${name}`, { name }, { parent: this });
            // By the group's output, so each attachment and membership waits for the group to exist.
            new aws.iam.GroupPolicyAttachment(`${p}-iam-attach-instance-connect-group-${name}`, { group: group.name, policyArn: policy.arn }, { parent: this });
            for (const user of args.iamGroupMembers?.[name] ?? []) {
                // One membership per user, not aws.iam.GroupMembership, which would remove members added by hand.
                new aws.iam.UserGroupMembership(`${p}-iam-member-${name}-${user}`, { user, groups: [group.name] }, { parent: this });
            }
        }
        for (const group of args.externalIamGroups ?? []) {
            new aws.iam.GroupPolicyAttachment(`${p}-iam-attach-instance-connect-group-${group}`, { group, policyArn: policy.arn }, { parent: this });
        }
        for (const user of args.iamUsers) {
            new aws.iam.UserPolicyAttachment(`${p}-iam-attach-instance-connect-user-${user}`, { user, policyArn: policy.arn }, { parent: this });
        }
        this.policyArn = policy.arn;
        this.registerOutputs({
            policyArn: this.policyArn,
            endpointId: this.endpointId,
            endpointSecurityGroupId: this.endpointSecurityGroupId,
        });
    }
}
