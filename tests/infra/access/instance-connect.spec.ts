import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { InstanceConnect, InstanceConnectArgs } from "../../../infra/access/instance-connect";
import { PolicyDocument, SEND_SSH_PUBLIC_KEY, OPEN_TUNNEL } from "../../../infra/access/instance-connect-policy";
import type { ProgramRun } from "../../../offline/mock-runner";
import { dependencyName, named, ofType, one, runComponents, tagsOf } from "../../helpers/mocks";

const ARN_WEB = "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-web";
const ARN_DB = "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-db";
const T = {
    policy: "aws:iam/policy:Policy", sg: "aws:ec2/securityGroup:SecurityGroup",
    endpoint: "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
};

const base = (): InstanceConnectArgs => ({
    prefix: "mhson",
    osUser: "ubuntu",
    instanceArns: [pulumi.output(ARN_WEB), ARN_DB],
    iamGroups: ["ops"],
    iamUsers: ["alice", "bob"],
});

/** What the specs read off the component, as stack outputs. */
function outputsOf(ic: InstanceConnect): Record<string, unknown> {
    return {
        policyArn: ic.policyArn,
        hasEndpointSecurityGroup: ic.endpointSecurityGroupId !== undefined,
        // A plain undefined is dropped from stack outputs with a warning; the flag above covers it.
        ...(ic.endpointSecurityGroupId ? { endpointSecurityGroupId: ic.endpointSecurityGroupId } : {}),
        ...(ic.endpointId ? { endpointId: ic.endpointId } : {}),
    };
}

function policyDocument(run: ProgramRun): PolicyDocument {
    return JSON.parse(String(one(run, T.policy).inputs.policy)) as PolicyDocument;
}

describe("access: InstanceConnect (mocks)", () => {
    it("without endpoint: a policy on the stack's instances, attached to each group and user, no endpoint", async () => {
        const run = await runComponents(() => outputsOf(new InstanceConnect("ic", base())));
        const policyArn = named(run, "mhson-iam-policy-instance-connect").outputs.arn;
        assert.match(String(policyArn), /^arn:aws:iam::123456789012:policy\//);
        assert.equal(run.outputs.policyArn, policyArn);
        const send = policyDocument(run).Statement.find((s) => s.Action.includes(SEND_SSH_PUBLIC_KEY));
        assert.deepEqual(send?.Resource, [ARN_WEB, ARN_DB]);
        assert.deepEqual(send?.Condition, { StringEquals: { "ec2:osuser": "ubuntu" } });
        assert.ok(!policyDocument(run).Statement.some((s) => s.Action.includes(OPEN_TUNNEL)));
        assert.deepEqual(ofType(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment").map((r) => [r.inputs.group, r.inputs.policyArn]), [
            ["ops", policyArn],
        ]);
        const attachment = one(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment");
        assert.equal(dependencyName(run, attachment, "group"), "mhson-iam-group-ops", "attached to the group the stack creates, once it exists");
        assert.deepEqual(ofType(run, "aws:iam/userPolicyAttachment:UserPolicyAttachment").map((r) => r.inputs.user).sort(), ["alice", "bob"]);
        assert.equal(ofType(run, T.endpoint).length, 0);
        assert.equal(ofType(run, T.sg).length, 0);
        assert.equal(run.outputs.hasEndpointSecurityGroup, false);
    });

    it("creates its IAM groups with their members, and only attaches the policy to external ones", async () => {
        const run = await runComponents(() => outputsOf(new InstanceConnect("ic", {
            ...base(), iamGroups: ["ops", "oncall"], iamGroupMembers: { ops: ["alice", "carol"] }, externalIamGroups: ["security-team"],
        })));
        assert.deepEqual(ofType(run, "aws:iam/group:Group").map((g) => g.inputs.name), ["ops", "oncall"]);
        const members = ofType(run, "aws:iam/userGroupMembership:UserGroupMembership").map((m) => [m.inputs.user, dependencyName(run, m, "groups")]);
        assert.deepEqual(members, [["alice", "mhson-iam-group-ops"], ["carol", "mhson-iam-group-ops"]]);
        // Sorted: an attachment registers once its group exists, so the order is not fixed.
        const attached = ofType(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment").map((a) => [a.inputs.group, dependencyName(run, a, "group") ?? "by name"]).sort();
        assert.deepEqual(attached, [["oncall", "mhson-iam-group-oncall"], ["ops", "mhson-iam-group-ops"], ["security-team", "by name"]]);
    });

    describe("with endpoint", () => {
        let run: ProgramRun;
        before(async () => {
            run = await runComponents(() => outputsOf(new InstanceConnect("ic", {
                ...base(),
                endpoint: {
                    vpcId: "vpc-1",
                    subnetId: pulumi.output("subnet-internal"),
                    az: "2a",
                    hostSecurityGroups: [{ name: "web", id: "sg-web" }, { name: "db", id: pulumi.output("sg-db") }, { name: "bastion", id: "sg-bastion" }],
                    hostPrivateIps: ["10.0.0.10", pulumi.output("10.0.0.140")],
                },
            })));
        });

        it("puts the endpoint in the given subnet, behind its own security group, client IP not preserved", () => {
            const ep = one(run, T.endpoint);
            const sg = one(run, T.sg);
            assert.equal(ep.name, "mhson-eice-internal-2a");
            assert.equal(ep.inputs.subnetId, "subnet-internal");
            assert.deepEqual(ep.inputs.securityGroupIds, [sg.id]);
            assert.equal(ep.inputs.preserveClientIp, false);
            assert.equal(run.outputs.endpointSecurityGroupId, sg.id);
            assert.equal(run.outputs.endpointId, ep.id);
        });

        it("tags the endpoint's group Role=instance-connect-endpoint, Tier=internal, with no inline rules", () => {
            const sg = one(run, T.sg);
            assert.equal(sg.inputs.vpcId, "vpc-1");
            assert.equal(tagsOf(sg).Role, "instance-connect-endpoint");
            assert.equal(tagsOf(sg).Tier, "internal");
            assert.equal(tagsOf(sg).Name, "mhson-sg-eice");
            assert.equal(sg.inputs.ingress, undefined);
            assert.equal(sg.inputs.egress, undefined);
            assert.equal(ofType(run, T.ingress).length, 0);
        });

        it("egress is tcp/22 to each host group only, as separate described rules", () => {
            const sg = one(run, T.sg);
            const rules = ofType(run, T.egress);
            assert.deepEqual(rules.map((r) => r.inputs.referencedSecurityGroupId).sort(), ["sg-bastion", "sg-db", "sg-web"]);
            for (const r of rules) {
                assert.equal(r.inputs.securityGroupId, sg.id);
                assert.equal(r.inputs.ipProtocol, "tcp");
                assert.equal(r.inputs.fromPort, 22);
                assert.equal(r.inputs.toPort, 22);
                assert.equal(r.inputs.cidrIpv4, undefined);
                assert.ok(typeof r.inputs.description === "string" && r.inputs.description.length > 0);
            }
            assert.deepEqual(rules.map((r) => r.name).sort(), ["mhson-sgr-eice-to-bastion-22", "mhson-sgr-eice-to-db-22", "mhson-sgr-eice-to-web-22"]);
        });

        it("the policy allows OpenTunnel on this endpoint's ARN only, to the hosts' IPs", () => {
            const endpointArn = one(run, T.endpoint).outputs.arn;
            assert.match(String(endpointArn), /^arn:aws:ec2:ap-northeast-2:123456789012:instance-connect-endpoint\/eice-/);
            const tunnel = policyDocument(run).Statement.find((s) => s.Action.includes(OPEN_TUNNEL));
            assert.deepEqual(tunnel?.Resource, [endpointArn]);
            assert.deepEqual(tunnel?.Condition?.IpAddress, { "ec2-instance-connect:privateIpAddress": ["10.0.0.10/32", "10.0.0.140/32"] });
            assert.deepEqual(policyDocument(run).Statement.find((s) => s.Action.includes(SEND_SSH_PUBLIC_KEY))?.Resource, [ARN_WEB, ARN_DB]);
        });
    });
});
