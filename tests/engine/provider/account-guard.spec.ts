// The stand-in's account guard, as the real provider's: the account it reports (the last assumed role's, the
// web-identity role's, its own, or none when told not to ask), refused when forbidden or not allowed, in the real
// provider's words; and the one line saying what Configure received, secrets masked.
import { strict as assert } from "node:assert";
import { configuredAccount, describeConfigure } from "../../../engine/provider/account-guard";
import { FAKE_ACCOUNT } from "../../../offline/fake-derivation";
import { secret } from "../../../engine/provider/wire";

const role = (account: string) => ({ roleArn: `arn:aws:iam::${account}:role/deploy` });
const json = (v: unknown) => JSON.stringify(v);

describe("stand-in provider: the account guard", () => {
    const cases: [string, Record<string, unknown>, string, boolean][] = [
        ["no guard: its own account, allowed", {}, FAKE_ACCOUNT, true],
        ["its own account on the allowed list", { allowedAccountIds: json([FAKE_ACCOUNT]) }, FAKE_ACCOUNT, true],
        ["its own account not on the allowed list", { allowedAccountIds: json(["111122223333"]) }, FAKE_ACCOUNT, false],
        ["its own account forbidden", { forbiddenAccountIds: json([FAKE_ACCOUNT]) }, FAKE_ACCOUNT, false],
        ["another account forbidden", { forbiddenAccountIds: json(["111122223333"]) }, FAKE_ACCOUNT, true],
        ["the last of a role chain decides", { assumeRoles: json([role("111122223333"), role("444455556666")]), allowedAccountIds: json(["444455556666"]) }, "444455556666", true],
        ["a role chain ending outside the list", { assumeRoles: json([role("444455556666"), role("111122223333")]), allowedAccountIds: json(["444455556666"]) }, "111122223333", false],
        ["a web-identity role's account", { assumeRoleWithWebIdentity: json(role("444455556666")), forbiddenAccountIds: json(["444455556666"]) }, "444455556666", false],
        ["no account asked for, with an allowed list", { skipRequestingAccountId: "true", allowedAccountIds: json([FAKE_ACCOUNT]) }, "", false],
        ["no account asked for, with a forbidden list: nothing to check", { skipRequestingAccountId: "true", forbiddenAccountIds: json([FAKE_ACCOUNT]) }, "", true],
    ];
    for (const [title, args, account, allowed] of cases) {
        it(title, () => {
            const c = configuredAccount(args, {});
            assert.equal(c.account, account);
            if (allowed) assert.equal(c.refusal, undefined);
            else assert.match(c.refusal ?? "", new RegExp(`^AWS account ID not allowed: ${account} \\(`));
        });
    }

    it("reads the default provider's settings from Configure's variables too", () => {
        const c = configuredAccount({}, { "aws:config:allowedAccountIds": json(["111122223333"]) });
        assert.match(c.refusal ?? "", /not allowed: 123456789012/);
    });

    it("says what it received beyond the region, default tags and the SDK's own defaults, secrets masked", () => {
        const c = configuredAccount({
            region: "ap-northeast-2", defaultTags: json({ tags: {} }), skipCredentialsValidation: "false", skipRegionValidation: "true",
            endpoints: json([{ ec2: "http://localhost:4566" }]), skipMetadataApiCheck: "true", secretKey: secret("s3cr3t-value"),
        }, {});
        const line = describeConfigure(c) ?? "";
        assert.match(line, /endpoints=\[\{"ec2":"http:\/\/localhost:4566"\}\] secretKey="\[secret\]" skipMetadataApiCheck=true; the account it reports: 123456789012$/);
        assert.doesNotMatch(line, /s3cr3t|region|defaultTags|skipCredentialsValidation|skipRegionValidation/);
        assert.equal(describeConfigure(configuredAccount({ region: "ap-northeast-2", skipCredentialsValidation: "false" }, {})), undefined, "nothing to say");
    });
});
