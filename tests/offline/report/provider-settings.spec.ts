// The report's AWS provider section: settings in short form, secrets masked at any depth and in either wire form
// (readable value or ciphertext), the SDK's always-sent defaults left out, the guard and credential notes only
// when nothing is set.
import * as assert from "node:assert/strict";
import { providerSettingsSection, shortForm } from "../../../offline/report/provider-settings";
import { SECRET_SIG, SECRET_SIG_KEY, StackSnapshot } from "../../../offline/snapshot";

const secret = (v: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value: v });
const cipher = { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: "v1:AAAA" };

function snapshotWith(inputs: Record<string, unknown>): StackSnapshot {
    const urn = "urn:pulumi:dev::bastion-network::pulumi:providers:aws::acme-aws";
    return { project: "bastion-network", stack: "dev", source: "offline-update", resources: [{ urn, type: "pulumi:providers:aws", name: "acme-aws", custom: true, inputs, outputs: {}, dependencies: [], propertyDependencies: {} }] };
}

describe("report: the AWS provider's settings", () => {
    it("masks secrets wherever they sit", () => {
        assert.equal(shortForm(secret("AKIA-PLAIN")), "[secret]");
        assert.equal(shortForm(cipher), "[secret]");
        assert.equal(shortForm([{ roleArn: "arn:aws:iam::111122223333:role/x", externalId: secret("ext-123") }]), "{ roleArn=arn:aws:iam::111122223333:role/x externalId=[secret] }");
        assert.equal(shortForm({ tags: { Team: secret("t") } }), "tags={ Team=[secret] }");
    });

    it("lists what the stack chose, not the SDK's defaults, and notes a missing guard and credentials from the environment", () => {
        const plain = providerSettingsSection(snapshotWith({ region: "ap-northeast-2", skipCredentialsValidation: "false", skipRegionValidation: "true", version: "7.48.0" })).join("\n");
        assert.match(plain, /AWS provider acme-aws \(1 setting\):/);
        assert.doesNotMatch(plain, /skip|version/);
        assert.match(plain, /account guard: none/);
        assert.match(plain, /credentials: from the environment/);
        const guarded = providerSettingsSection(snapshotWith({ region: "ap-northeast-2", allowedAccountIds: '["111122223333"]', skipCredentialsValidation: "true", accessKey: secret("AKIA-PLAIN") })).join("\n");
        assert.match(guarded, /allowedAccountIds +111122223333/);
        assert.match(guarded, /skipCredentialsValidation +true/);
        assert.match(guarded, /accessKey +\[secret\]/);
        assert.doesNotMatch(guarded, /AKIA-PLAIN|account guard: none|credentials: from/);
    });
});
