import * as assert from "node:assert/strict";
import { FlowLogs } from "../../../infra/network/flow-logs";
import { FAKE_ACCOUNT } from "../../../offline/fake-cloud";
import { COMPONENT_REGION, one, runComponents } from "../../helpers/mocks";

describe("network: FlowLogs (mocks)", () => {
    const run = () => runComponents(() => {
        new FlowLogs("fl", { prefix: "p", vpcId: "vpc-1", retentionDays: 30 });
        return {};
    });

    it("creates the flow log only after the role's policy exists", async () => {
        const r = await run();
        const policy = one(r, "aws:iam/rolePolicy:RolePolicy");
        assert.ok(one(r, "aws:ec2/flowLog:FlowLog").dependencies.includes(policy.urn), "the flow log depends on the role policy");
    });

    it("lets only this account's flow logs in this region assume the role (confused deputy)", async () => {
        const trust = JSON.parse(String(one(await run(), "aws:iam/role:Role").inputs.assumeRolePolicy));
        assert.deepEqual(trust.Statement[0].Principal, { Service: "vpc-flow-logs.amazonaws.com" });
        assert.deepEqual(trust.Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": FAKE_ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:ec2:${COMPONENT_REGION}:${FAKE_ACCOUNT}:vpc-flow-log/*` },
        });
    });

    it("grants the actions of AWS's example role, writes held to this log group", async () => {
        const r = await run();
        const doc = JSON.parse(String(one(r, "aws:iam/rolePolicy:RolePolicy").inputs.policy)) as { Statement: { Action: string[]; Resource: string[] }[] };
        const actions = doc.Statement.flatMap((s) => s.Action).sort();
        assert.deepEqual(actions, ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:PutLogEvents"]);
        const group = String(one(r, "aws:cloudwatch/logGroup:LogGroup").outputs.arn);
        const writes = doc.Statement.find((s) => s.Action.includes("logs:PutLogEvents"))!;
        assert.deepEqual(writes.Resource, [group, `${group}:*`]);
    });
});
