import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { InstanceConnect, InstanceConnectArgs } from "../../../infra/access/instance-connect";
import { PolicyDocument, SEND_SSH_PUBLIC_KEY, OPEN_TUNNEL } from "../../../infra/access/instance-connect-policy";
import { byType, installMocks, one, resetRegistered, settle, valueOf } from "./mocks";

const ARN_WEB = "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-web";
const ARN_DB = "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-db";

const base: InstanceConnectArgs = {
    prefix: "mhson",
    osUser: "ubuntu",
    instanceArns: [pulumi.output(ARN_WEB), ARN_DB],
    iamGroups: ["ops"],
    iamUsers: ["alice", "bob"],
};

function policyDocument(): PolicyDocument {
    return JSON.parse(one("aws:iam/policy:Policy").inputs.policy) as PolicyDocument;
}

describe("access: InstanceConnect (mocks)", () => {
    before(installMocks);

    it("without endpoint: a policy on the stack's instances, attached to each group and user, no endpoint", async () => {
        resetRegistered();
        const ic = new InstanceConnect("ic", base);
        assert.equal(await valueOf(ic.policyArn), "arn:aws:iam::123456789012:policy/mhson-iam-policy-instance-connect");
        await settle();
        const send = policyDocument().Statement.find((s) => s.Action.includes(SEND_SSH_PUBLIC_KEY));
        assert.deepEqual(send?.Resource, [ARN_WEB, ARN_DB]);
        assert.deepEqual(send?.Condition, { StringEquals: { "ec2:osuser": "ubuntu" } });
        assert.ok(!policyDocument().Statement.some((s) => s.Action.includes(OPEN_TUNNEL)));
        assert.deepEqual(byType("aws:iam/groupPolicyAttachment:GroupPolicyAttachment").map((r) => [r.inputs.group, r.inputs.policyArn]), [
            ["ops", "arn:aws:iam::123456789012:policy/mhson-iam-policy-instance-connect"],
        ]);
        assert.deepEqual(byType("aws:iam/userPolicyAttachment:UserPolicyAttachment").map((r) => r.inputs.user).sort(), ["alice", "bob"]);
        assert.equal(byType("aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint").length, 0);
        assert.equal(byType("aws:ec2/securityGroup:SecurityGroup").length, 0);
        assert.equal(ic.endpointSecurityGroupId, undefined);
    });

    describe("with endpoint", () => {
        let ic: InstanceConnect;
        before(async () => {
            resetRegistered();
            ic = new InstanceConnect("ic", {
                ...base,
                endpoint: {
                    vpcId: "vpc-1",
                    subnetId: pulumi.output("subnet-internal"),
                    az: "2a",
                    hostSecurityGroups: [{ name: "web", id: "sg-web" }, { name: "db", id: pulumi.output("sg-db") }, { name: "bastion", id: "sg-bastion" }],
                    hostPrivateIps: ["10.0.0.10", pulumi.output("10.0.0.140")],
                },
            });
            await valueOf(ic.policyArn);
            await settle();
        });

        it("puts the endpoint in the given subnet, behind its own security group, client IP not preserved", async () => {
            const ep = one("aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint");
            const sg = one("aws:ec2/securityGroup:SecurityGroup");
            assert.equal(ep.name, "mhson-eice-internal-2a");
            assert.equal(ep.inputs.subnetId, "subnet-internal");
            assert.deepEqual(ep.inputs.securityGroupIds, [`${sg.name}-id`]);
            assert.equal(ep.inputs.preserveClientIp, false);
            assert.equal(await valueOf(ic.endpointSecurityGroupId!), `${sg.name}-id`);
            assert.equal(await valueOf(ic.endpointId!), "mhson-eice-internal-2a-id");
        });

        it("tags the endpoint's group Role=instance-connect-endpoint, Tier=internal, with no inline rules", () => {
            const sg = one("aws:ec2/securityGroup:SecurityGroup");
            assert.equal(sg.inputs.vpcId, "vpc-1");
            assert.equal(sg.inputs.tags.Role, "instance-connect-endpoint");
            assert.equal(sg.inputs.tags.Tier, "internal");
            assert.equal(sg.inputs.tags.Name, "mhson-sg-eice");
            assert.equal(sg.inputs.ingress, undefined);
            assert.equal(sg.inputs.egress, undefined);
            assert.equal(byType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").length, 0);
        });

        it("egress is tcp/22 to each host group only, as separate described rules", () => {
            const sg = one("aws:ec2/securityGroup:SecurityGroup");
            const rules = byType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
            assert.deepEqual(rules.map((r) => r.inputs.referencedSecurityGroupId).sort(), ["sg-bastion", "sg-db", "sg-web"]);
            for (const r of rules) {
                assert.equal(r.inputs.securityGroupId, `${sg.name}-id`);
                assert.equal(r.inputs.ipProtocol, "tcp");
                assert.equal(r.inputs.fromPort, 22);
                assert.equal(r.inputs.toPort, 22);
                assert.equal(r.inputs.cidrIpv4, undefined);
                assert.ok((r.inputs.description as string).length > 0);
            }
            assert.deepEqual(rules.map((r) => r.name).sort(), ["mhson-sgr-eice-to-bastion-22", "mhson-sgr-eice-to-db-22", "mhson-sgr-eice-to-web-22"]);
        });

        it("the policy allows OpenTunnel on this endpoint's ARN only, to the hosts' IPs", () => {
            const tunnel = policyDocument().Statement.find((s) => s.Action.includes(OPEN_TUNNEL));
            assert.deepEqual(tunnel?.Resource, ["arn:aws:ec2:ap-northeast-2:123456789012:instance-connect-endpoint/mhson-eice-internal-2a-id"]);
            assert.deepEqual(tunnel?.Condition?.IpAddress, { "ec2-instance-connect:privateIpAddress": ["10.0.0.10/32", "10.0.0.140/32"] });
            assert.deepEqual(policyDocument().Statement.find((s) => s.Action.includes(SEND_SSH_PUBLIC_KEY))?.Resource, [ARN_WEB, ARN_DB]);
        });
    });
});
