import * as assert from "node:assert/strict";
import { instanceConnectPolicyDocument, OPEN_TUNNEL, SEND_SSH_PUBLIC_KEY } from "../../../infra/access/instance-connect-policy";

const ARNS = ["arn:aws:ec2:ap-northeast-2:123456789012:instance/i-0aaaaaaaaaaaaaaa1", "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-0bbbbbbbbbbbbbbb1"];
const EIC = "arn:aws:ec2:ap-northeast-2:123456789012:instance-connect-endpoint/eice-0123456789abcdef0";

describe("access: Instance Connect policy document", () => {
    const doc = instanceConnectPolicyDocument({ instanceArns: ARNS, osUser: "ubuntu" });
    const send = doc.Statement.filter((s) => s.Action.includes(SEND_SSH_PUBLIC_KEY));

    it("allows SendSSHPublicKey on exactly the given instances, never *", () => {
        assert.equal(send.length, 1);
        assert.deepEqual(send[0].Resource, ARNS);
        assert.ok(send[0].Resource.every((r) => !r.includes("*")));
        assert.equal(send[0].Effect, "Allow");
    });

    it("limits the pushed key to one OS user (ec2:osuser)", () => {
        assert.deepEqual(send[0].Condition, { StringEquals: { "ec2:osuser": "ubuntu" } });
    });

    it("allows ec2:DescribeInstances, in a statement of its own", () => {
        const describe = doc.Statement.find((s) => s.Action.includes("ec2:DescribeInstances"));
        assert.ok(describe);
        assert.ok(!describe.Action.includes(SEND_SSH_PUBLIC_KEY));
        assert.ok(!describe.Action.some((a) => a.startsWith("ec2-instance-connect:")), "no connect action shares the * resource");
    });

    it("has no OpenTunnel without an endpoint", () => {
        assert.ok(!doc.Statement.some((s) => s.Action.includes(OPEN_TUNNEL)));
        assert.equal(doc.Version, "2012-10-17");
    });

    it("with an endpoint: OpenTunnel on that endpoint only, port 22, bounded duration, to the hosts' IPs", () => {
        const d = instanceConnectPolicyDocument({ instanceArns: ARNS, osUser: "ubuntu", endpoint: { arn: EIC, privateIps: ["10.0.0.10", "10.0.0.140"] } });
        const tunnel = d.Statement.find((s) => s.Action.includes(OPEN_TUNNEL));
        assert.deepEqual(tunnel?.Resource, [EIC]);
        assert.deepEqual(tunnel?.Condition, {
            NumericEquals: { "ec2-instance-connect:remotePort": "22" },
            NumericLessThanEquals: { "ec2-instance-connect:maxTunnelDuration": "3600" },
            IpAddress: { "ec2-instance-connect:privateIpAddress": ["10.0.0.10/32", "10.0.0.140/32"] },
        });
        assert.ok(d.Statement.find((s) => s.Action.includes("ec2:DescribeInstanceConnectEndpoints")));
        assert.deepEqual(d.Statement.find((s) => s.Action.includes(SEND_SSH_PUBLIC_KEY))?.Resource, ARNS);
    });

    it("deduplicates instance ARNs", () => {
        const d = instanceConnectPolicyDocument({ instanceArns: [ARNS[0], ARNS[0]], osUser: "ubuntu" });
        assert.deepEqual(d.Statement[0].Resource, [ARNS[0]]);
    });

    const refused: [string, Parameters<typeof instanceConnectPolicyDocument>[0], RegExp][] = [
        ["no instances", { instanceArns: [], osUser: "ubuntu" }, /no instance ARNs/],
        ["a wildcard instance", { instanceArns: ["*"], osUser: "ubuntu" }, /not a concrete ARN/],
        ["a wildcard inside an ARN", { instanceArns: ["arn:aws:ec2:ap-northeast-2:123456789012:instance/*"], osUser: "ubuntu" }, /wildcards are not allowed/],
        ["a wildcard endpoint", { instanceArns: ARNS, osUser: "ubuntu", endpoint: { arn: "*" } }, /not a concrete ARN/],
        ["a wildcard OS user", { instanceArns: ARNS, osUser: "*" }, /one concrete user/],
    ];
    for (const [label, input, message] of refused) {
        it(`refuses ${label}`, () => assert.throws(() => instanceConnectPolicyDocument(input), message));
    }
});
