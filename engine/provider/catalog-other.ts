/**
 * The IAM, CloudWatch Logs and Elastic Load Balancing types, replacement properties per the Terraform AWS
 * provider's ForceNew; see README.md for the table.
 */
import { fakeArn, FAKE_ACCOUNT } from "../../offline/fake-derivation";
import {
    albSubnets, elbTags, ELB_API_BASE, groupName, iamDescription, iamPath, iamTags, loadBalancerName, LOG_RETENTION_API, LOG_RETENTION_DAYS,
    logGroupName, logsTags, policyArn, policyDocument, policyName, roleName, rolePolicyName, targetGroupName, userName,
} from "./constraints/iam-logs-elb";
import { oneOfNumbers, numberRange, Rule, text } from "./constraints/rules";
import { hexOf, iamUniqueId, OutputContext, ResourceKind } from "./kind";
import { knownString, reveal } from "./wire";

/** An IAM ARN names the path and the name: `arn:aws:iam::<account>:role/<path><name>`. */
function iamArn(kind: string) {
    return (c: OutputContext) => `arn:aws:iam::${FAKE_ACCOUNT}:${kind}${String(c.inputs.path ?? "/")}${String(c.inputs.name)}`;
}

/** A name that must be a known string in `list` of IAM names (users of a membership, say). */
function eachName(property: string, rule: typeof userName): Rule {
    return (inputs) => {
        const v = reveal(inputs[property]);
        if (!Array.isArray(v)) return [];
        return v.flatMap((x, i) => (typeof x === "string" ? text(`${property}[${i}]`, rule)({ [`${property}[${i}]`]: x }) : []));
    };
}

const elbArnId = (c: OutputContext) => fakeArn(c.type, c.settings.region, `${c.name}`, c.inputs);
const port = (p: string, action: string): Rule => numberRange(p, 1, 65535, `${action} Port, ${ELB_API_BASE}/API_${action}.html`);

export function otherKinds(): Record<string, ResourceKind> {
    return {
        "aws:cloudwatch/logGroup:LogGroup": {
            replaceOnChange: ["name", "namePrefix", "logGroupClass"],
            computed: ["name", "logGroupClass", "skipDestroy", "retentionInDays"],
            autoname: { property: "name", maxLength: 512 },
            tags: logsTags,
            rules: [text("name", logGroupName), oneOfNumbers("retentionInDays", LOG_RETENTION_DAYS, LOG_RETENTION_API)],
            id: (c) => String(c.inputs.name),
            arn: (c, id) => fakeArn(c.type, c.settings.region, id, c.inputs),
            outputs: (c) => ({ logGroupClass: c.inputs.logGroupClass ?? "STANDARD", skipDestroy: c.inputs.skipDestroy ?? false, retentionInDays: c.inputs.retentionInDays ?? 0 }),
        },
        "aws:iam/role:Role": {
            replaceOnChange: ["name", "namePrefix", "path"],
            computed: ["name", "uniqueId", "createDate", "maxSessionDuration", "path", "managedPolicyArns", "inlinePolicies", "forceDetachPolicies"],
            autoname: { property: "name", maxLength: 64 },
            defaults: { forceDetachPolicies: false, maxSessionDuration: 3600, path: "/" },
            tags: iamTags,
            rules: [text("name", roleName), text("path", iamPath), text("description", iamDescription("CreateRole")),
                policyDocument("assumeRolePolicy", "CreateRole", 2048),
                numberRange("maxSessionDuration", 3600, 43200, "CreateRole MaxSessionDuration, https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html")],
            id: (c) => String(c.inputs.name),
            arn: iamArn("role"),
            outputs: (c) => ({ uniqueId: iamUniqueId("AROA", c), createDate: "2026-01-01T00:00:00Z", managedPolicyArns: [], inlinePolicies: [] }),
        },
        "aws:iam/rolePolicy:RolePolicy": {
            replaceOnChange: ["name", "namePrefix", "role"],
            computed: ["name"],
            autoname: { property: "name", maxLength: 128 },
            rules: [text("name", rolePolicyName), policyDocument("policy", "PutRolePolicy", 10240)],
            id: (c) => `${String(c.inputs.role)}:${String(c.inputs.name)}`,
        },
        "aws:iam/policy:Policy": {
            replaceOnChange: ["name", "namePrefix", "path", "description"],
            computed: ["name", "policyId", "attachmentCount", "path"],
            autoname: { property: "name", maxLength: 128 },
            defaults: { path: "/" },
            tags: iamTags,
            rules: [text("name", policyName), text("path", iamPath), text("description", iamDescription("CreatePolicy")), policyDocument("policy", "CreatePolicy", 6144)],
            id: (c) => iamArn("policy")(c),
            arn: iamArn("policy"),
            outputs: (c) => ({ policyId: iamUniqueId("ANPA", c), attachmentCount: 0 }),
        },
        "aws:iam/group:Group": {
            // UpdateGroup renames a group and moves its path in place.
            replaceOnChange: [],
            computed: ["name", "uniqueId", "path"],
            autoname: { property: "name", maxLength: 128 },
            defaults: { path: "/" },
            rules: [text("name", groupName), text("path", iamPath)],
            id: (c) => String(c.inputs.name),
            arn: iamArn("group"),
            outputs: (c) => ({ uniqueId: iamUniqueId("AGPA", c) }),
        },
        "aws:iam/user:User": {
            replaceOnChange: [],
            computed: ["name", "uniqueId", "path"],
            autoname: { property: "name", maxLength: 64 },
            defaults: { path: "/", forceDestroy: false },
            tags: iamTags,
            rules: [text("name", userName), text("path", iamPath)],
            id: (c) => String(c.inputs.name),
            arn: iamArn("user"),
            outputs: (c) => ({ uniqueId: iamUniqueId("AIDA", c) }),
        },
        "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": {
            replaceOnChange: ["group", "policyArn"],
            computed: [],
            rules: [text("group", groupName), policyArn],
            id: (c) => `${String(c.inputs.group)}-${hexOf(`${c.type}::${c.name}`, 26)}`,
        },
        "aws:iam/userPolicyAttachment:UserPolicyAttachment": {
            replaceOnChange: ["user", "policyArn"],
            computed: [],
            rules: [text("user", userName), policyArn],
            id: (c) => `${String(c.inputs.user)}-${hexOf(`${c.type}::${c.name}`, 26)}`,
        },
        "aws:iam/groupMembership:GroupMembership": {
            replaceOnChange: ["name", "group"],
            computed: ["name"],
            autoname: { property: "name", maxLength: 255 },
            rules: [text("group", groupName), eachName("users", userName)],
            id: (c) => String(c.inputs.name),
        },
        "aws:iam/userGroupMembership:UserGroupMembership": {
            replaceOnChange: ["user"],
            computed: [],
            rules: [text("user", userName), eachName("groups", groupName)],
            id: (c) => `terraform-${hexOf(`${c.type}::${c.name}`, 26)}`,
        },
        "aws:lb/loadBalancer:LoadBalancer": {
            replaceOnChange: ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"],
            computed: ["name", "arnSuffix", "dnsName", "zoneId", "vpcId", "internal", "loadBalancerType", "ipAddressType", "securityGroups", "subnetMappings"],
            autoname: { property: "name", maxLength: 32 },
            tags: elbTags,
            rules: [text("name", loadBalancerName), albSubnets],
            id: elbArnId,
            arn: (c) => elbArnId(c),
            outputs: (c) => {
                const arn = elbArnId(c);
                const name = String(c.inputs.name);
                return {
                    arnSuffix: arn.split(":loadbalancer/")[1] ?? "", vpcId: "", internal: c.inputs.internal ?? false,
                    loadBalancerType: c.inputs.loadBalancerType ?? "application", ipAddressType: c.inputs.ipAddressType ?? "ipv4",
                    dnsName: `${c.inputs.internal === true ? "internal-" : ""}${name}-${parseInt(hexOf(arn, 8), 16)}.${c.settings.region}.elb.amazonaws.com`,
                    zoneId: "ZWKZPGTI48KDX", securityGroups: c.inputs.securityGroups ?? [], subnetMappings: [],
                };
            },
        },
        "aws:lb/targetGroup:TargetGroup": {
            replaceOnChange: ["name", "namePrefix", "port", "protocol", "vpcId", "targetType", "protocolVersion", "ipAddressType"],
            computed: ["name", "arnSuffix", "loadBalancerArns", "healthCheck", "protocolVersion", "targetType", "ipAddressType", "stickiness"],
            autoname: { property: "name", maxLength: 32 },
            tags: elbTags,
            rules: [text("name", targetGroupName), port("port", "CreateTargetGroup")],
            id: elbArnId,
            arn: (c) => elbArnId(c),
            outputs: (c) => ({
                arnSuffix: `targetgroup/${elbArnId(c).split(":targetgroup/")[1] ?? ""}`, loadBalancerArns: [], targetType: c.inputs.targetType ?? "instance",
                protocolVersion: c.inputs.protocolVersion ?? "HTTP1", ipAddressType: c.inputs.ipAddressType ?? "ipv4",
            }),
        },
        "aws:lb/listener:Listener": {
            replaceOnChange: ["loadBalancerArn"],
            computed: ["port", "protocol", "sslPolicy"],
            tags: elbTags,
            rules: [port("port", "CreateListener")],
            id: elbArnId,
            arn: (c) => elbArnId(c),
        },
        "aws:lb/targetGroupAttachment:TargetGroupAttachment": {
            replaceOnChange: ["targetGroupArn", "targetId", "port", "availabilityZone"],
            computed: [],
            rules: [port("port", "RegisterTargets")],
            id: (c) => `${knownString(c.inputs.targetGroupArn) ?? "tg"}-${hexOf(`${c.type}::${c.name}`, 26)}`,
        },
    };
}
