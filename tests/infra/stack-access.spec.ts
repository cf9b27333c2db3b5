import * as assert from "node:assert/strict";
import { named, ofType, runStack, stackSettings } from "../helpers/mocks";

describe("access wiring after a recovery", () => {
    it("prod: the Instance Connect tunnel may reach the recovered web host's new private IP, not the retired one", async () => {
        const access = stackSettings("prod").access as { keyPair: { publicKey: string } } & Record<string, unknown>;
        const newKey = { name: "mhson-prod-key-2", publicKey: access.keyPair.publicKey };
        const run = await runStack("prod", { settings: { access: { ...access, recovery: [{ target: "web", newKey }] } } });
        const replacement = ofType(run, "aws:ec2/instance:Instance").find((i) => i.name.endsWith("-recovered"))!;
        const policy = JSON.parse(String(ofType(run, "aws:iam/policy:Policy")[0].inputs.policy)) as { Statement: { Sid: string; Condition?: Record<string, Record<string, string[]>> }[] };
        const tunnel = policy.Statement.find((st) => st.Sid === "TunnelThroughStackEndpoint")!;
        const ips = tunnel.Condition!.IpAddress["ec2-instance-connect:privateIpAddress"];
        assert.ok(ips.includes(`${String(replacement.outputs.privateIp)}/32`), `${ips.join(", ")} includes the replacement`);
        assert.ok(!ips.includes(`${String(named(run, "mhson-prod-ec2-web-2a").outputs.privateIp)}/32`), "not the retired host");
    });
});
