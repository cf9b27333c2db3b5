/** A stand-in AWS provider in this process, with a log that the specs read (one helper for the provider specs). */
import type * as provider from "@pulumi/pulumi/provider";
import type { ProviderSettings } from "../../../engine/provider/kind";
import { memoryRegistry } from "../../../engine/provider/network-registry";
import { kindsFor } from "../../../engine/provider/serve";
import { createStandInProvider, StandInProvider } from "../../../engine/provider/stand-in";

export interface LogLine { level: "info" | "debug" | "warn"; message: string; urn?: string }

export interface StandIn {
    provider: Required<Pick<provider.Provider, "check" | "diff" | "create" | "read" | "update" | "delete" | "invoke">> & Pick<StandInProvider, "previewCreate" | "previewUpdate">;
    log: LogLine[];
    settings: ProviderSettings;
}

export const DEFAULT_TAGS = { Project: "bastion-network", Environment: "dev", ManagedBy: "pulumi" };

export function standIn(pkg: "aws" | "tls" = "aws", settings: ProviderSettings = { region: "ap-northeast-2", defaultTags: { ...DEFAULT_TAGS } }): StandIn {
    const log: LogLine[] = [];
    const p = createStandInProvider({
        pkg, version: pkg === "aws" ? "7.48.0" : "5.6.1", kinds: kindsFor(pkg, () => settings), settings: () => settings, registry: memoryRegistry(),
        logger: {
            info: (message, urn) => log.push({ level: "info", message, urn }),
            debug: (message, urn) => log.push({ level: "debug", message, urn }),
            warn: (message, urn) => log.push({ level: "warn", message, urn }),
        },
    });
    return { provider: p as StandIn["provider"], log, settings };
}

export function urnOf(type: string, name: string, stack = "dev"): string {
    return `urn:pulumi:${stack}::bastion-network::${type}::${name}`;
}

/** Check then Create, as the engine does for a new resource; fails the spec on a Check failure. */
export async function createChecked(s: StandIn, type: string, name: string, inputs: Record<string, unknown>) {
    const urn = urnOf(type, name);
    const checked = await s.provider.check(urn, {}, inputs);
    if (checked.failures?.length) throw new Error(`${type} ${name}: ${JSON.stringify(checked.failures)}`);
    const created = await s.provider.create(urn, checked.inputs);
    return { urn, inputs: checked.inputs as Record<string, unknown>, id: created.id, outs: created.outs as Record<string, unknown> };
}

export const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtnaoSazatBaCdzLCu673nRSTL0YK7M1zd0UH0RwVbU placeholder";

/** Inputs like our program's, per modelled type (the round-trip and diff specs start from these). */
const TAGS = { Name: "mhson-x" };
export const TYPICAL: Record<string, Record<string, unknown>> = {
    "aws:ec2/vpc:Vpc": { cidrBlock: "10.0.0.0/24", enableDnsSupport: true, enableDnsHostnames: true, tags: TAGS },
    "aws:ec2/subnet:Subnet": { vpcId: "vpc-1", cidrBlock: "10.0.0.0/26", availabilityZone: "ap-northeast-2a", mapPublicIpOnLaunch: false, tags: TAGS },
    "aws:ec2/internetGateway:InternetGateway": { vpcId: "vpc-1", tags: TAGS },
    "aws:ec2/natGateway:NatGateway": { allocationId: "eipalloc-1", subnetId: "subnet-1", tags: TAGS },
    "aws:ec2/eip:Eip": { domain: "vpc", instance: "i-1", tags: TAGS },
    "aws:ec2/eipAssociation:EipAssociation": { allocationId: "eipalloc-1", instanceId: "i-1" },
    "aws:ec2/routeTable:RouteTable": { vpcId: "vpc-1", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }], tags: TAGS },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": { subnetId: "subnet-1", routeTableId: "rtb-1" },
    "aws:ec2/securityGroup:SecurityGroup": { vpcId: "vpc-1", description: "Bastion: SSH from the operator only", tags: TAGS },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": { vpcId: "vpc-1", tags: TAGS },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "198.51.100.7/32", description: "SSH from the operator address 198.51.100.7/32", tags: TAGS },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "web may connect out", tags: TAGS },
    "aws:ec2/instance:Instance": {
        ami: "ami-0offlinepreview00", instanceType: "t3.micro", subnetId: "subnet-1", vpcSecurityGroupIds: ["sg-1"], keyName: "mhson-key",
        associatePublicIpAddress: false, userData: "#cloud-config\n", userDataReplaceOnChange: false,
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        rootBlockDevice: { volumeType: "gp3", volumeSize: 30, encrypted: true, deleteOnTermination: true }, tags: TAGS, volumeTags: TAGS,
    },
    "aws:ec2/keyPair:KeyPair": { keyName: "mhson-key", publicKey: PUBLIC_KEY, tags: TAGS },
    "aws:ec2/flowLog:FlowLog": { vpcId: "vpc-1", trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: "arn:aws:logs:ap-northeast-2:123456789012:log-group:/mhson/vpc/flow-logs", iamRoleArn: "arn:aws:iam::123456789012:role/r", tags: TAGS },
    "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": { subnetId: "subnet-1", securityGroupIds: ["sg-1"], preserveClientIp: false, tags: TAGS },
    "aws:ec2/amiFromInstance:AmiFromInstance": { sourceInstanceId: "i-1", snapshotWithoutReboot: false, description: "Image of web", tags: TAGS },
    "aws:cloudwatch/logGroup:LogGroup": { name: "/mhson/vpc/flow-logs", tags: TAGS },
    "aws:iam/role:Role": { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }), tags: TAGS },
    "aws:iam/rolePolicy:RolePolicy": { role: "mhson-role", policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) },
    "aws:iam/policy:Policy": { description: "EC2 Instance Connect", policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }), tags: TAGS },
    "aws:iam/group:Group": {},
    "aws:iam/user:User": { tags: TAGS },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { group: "mhson-operators", policyArn: "arn:aws:iam::123456789012:policy/p" },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { user: "alice", policyArn: "arn:aws:iam::123456789012:policy/p" },
    "aws:iam/groupMembership:GroupMembership": { group: "mhson-operators", users: ["alice"] },
    "aws:iam/userGroupMembership:UserGroupMembership": { user: "alice", groups: ["mhson-operators"] },
    "aws:lb/loadBalancer:LoadBalancer": { loadBalancerType: "application", subnets: ["subnet-1", "subnet-2"], securityGroups: ["sg-1"], tags: TAGS },
    "aws:lb/targetGroup:TargetGroup": { port: 8080, protocol: "HTTP", vpcId: "vpc-1", tags: TAGS },
    "aws:lb/listener:Listener": { loadBalancerArn: "arn:lb", port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }], tags: TAGS },
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": { targetGroupArn: "arn:tg", targetId: "i-1", port: 8080 },
};

