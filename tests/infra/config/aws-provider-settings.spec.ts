// The stack's aws: settings: one list of the provider's keys (the same as the provider SDK's config module
// holds, and typed against ProviderArgs by tsc), each read as the default provider reads it, every wrong shape
// refused naming its key, credentials only as secrets, secrets never shown, the region written once, and
// aws:defaultTags under the stack's own tags.
import * as assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020";
import { stackFileJsonSchema } from "../../../infra/config/json-schema";
import { validateStackConfig } from "../../../infra/config";
import { AWS_KEY_NAMES, AWS_PROVIDER_KEYS, awsEndpointServices } from "../../../infra/config/aws-provider-keys";
import { mergeDefaultTags, NOT_DECRYPTED, readAwsProviderSettings } from "../../../infra/config/aws-provider-settings";

const SETTINGS = JSON.stringify({
    prefix: "acme", operatorCidrs: ["198.51.100.7/32"],
    access: { keyPair: { name: "acme-key", publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtnaoSazatBaCdzLCu673nRSTL0YK7M1zd0UH0RwVbU test" } },
});
const base = { "aws:region": "ap-northeast-2", "bastion-network:settings": SETTINGS };
const stack = (aws: Record<string, string>, secretKeys: string[] = []) => validateStackConfig({ ...base, ...aws }, "bastion-network", "prod", secretKeys);
const read = (aws: Record<string, string>, secretKeys: string[] = []) => readAwsProviderSettings(aws, secretKeys, "prod");
const ROLE = "arn:aws:iam::111122223333:role/deploy";

/** A good value of each kind, as the CLI hands it to the program (JSON for lists and objects). */
const GOOD: Record<string, [string, unknown]> = {
    string: ["value", "value"],
    boolean: ["true", true],
    integer: ["5", 5],
    "string list": ['["~/.aws/config"]', ["~/.aws/config"]],
    "account ids": ['["111122223333"]', ["111122223333"]],
    "assume roles": [JSON.stringify([{ roleArn: ROLE, sessionName: "pulumi", tags: { Team: "net" } }]), [{ roleArn: ROLE, sessionName: "pulumi", tags: { Team: "net" } }]],
    "web identity role": [JSON.stringify({ roleArn: ROLE, webIdentityTokenFile: "/run/token" }), { roleArn: ROLE, webIdentityTokenFile: "/run/token" }],
    endpoints: [JSON.stringify([{ ec2: "http://localhost:4566" }]), [{ ec2: "http://localhost:4566" }]],
    "default tags": [JSON.stringify({ tags: { CostCenter: "net" } }), { tags: { CostCenter: "net" } }],
    "ignore tags": [JSON.stringify({ keyPrefixes: ["kubernetes.io/"] }), { keyPrefixes: ["kubernetes.io/"] }],
};
const ONE_OF: Record<string, string> = { retryMode: "adaptive", ec2MetadataServiceEndpointMode: "IPv6", s3UsEast1RegionalEndpoint: "regional", tagPolicyCompliance: "warning" };

describe("config: the stack's aws: settings", () => {
    it("knows the same keys as the provider SDK's own config module", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        assert.deepEqual(AWS_KEY_NAMES, Object.keys(require("@pulumi/aws/config/vars") as object).sort());
        assert.ok(awsEndpointServices().includes("ec2") && awsEndpointServices().length > 300, "endpoint services read from the pinned declarations");
    });

    it("reads every key but the region with the provider's type, credentials and --secret keys as secrets", () => {
        for (const key of AWS_KEY_NAMES.filter((k) => k !== "region")) {
            const kind = AWS_PROVIDER_KEYS[key];
            const [text, value] = ONE_OF[key] ? [ONE_OF[key], ONE_OF[key]] : GOOD[kind === "credential" ? "string" : kind];
            const secret = kind === "credential" ? [`aws:${key}`] : [];
            const r = read({ [`aws:${key}`]: text }, secret);
            assert.deepEqual(r.problems, [], key);
            assert.deepEqual(r.value.values[key], value, key);
            assert.equal(r.value.secretKeys.includes(key), kind === "credential", key);
        }
        assert.deepEqual(read({ "aws:profile": "prod-admin" }, ["aws:profile"]).value.secretKeys, ["profile"], "anything set with --secret stays secret");
    });

    it("passes an encrypted value an offline run cannot decrypt on as a secret, unread", () => {
        const r = read({ "aws:secretKey": JSON.stringify({ secure: "v1:abc" }), "aws:assumeRoles": JSON.stringify({ secure: "v1:def" }) });
        assert.deepEqual(r.problems, []);
        assert.deepEqual(r.value.values, { secretKey: NOT_DECRYPTED, assumeRoles: NOT_DECRYPTED });
        assert.deepEqual(r.value.secretKeys.sort(), ["assumeRoles", "secretKey"]);
    });

    // Each wrong shape, by class: the problem is at the key and says what to write.
    const wrong: [string, Record<string, string>, string, RegExp][] = [
        ["a number for a list of accounts", { "aws:allowedAccountIds": "123" }, "aws:allowedAccountIds", /must be a list of 12-digit account ids in quotes.*got 123/],
        ["one account id for a list", { "aws:forbiddenAccountIds": "111122223333" }, "aws:forbiddenAccountIds", /must be a list/],
        ["an unquoted account (YAML number)", { "aws:allowedAccountIds": "[11122223333]" }, "aws:allowedAccountIds", /quote it, or YAML drops leading zeros/],
        ["an 11-digit account", { "aws:allowedAccountIds": '["11122223333"]' }, "aws:allowedAccountIds", /got "11122223333" at \[0\]/],
        ["an object for a list", { "aws:sharedConfigFiles": '{"a":"b"}' }, "aws:sharedConfigFiles", /got an object/],
        ["yes for a boolean", { "aws:skipCredentialsValidation": "yes" }, "aws:skipCredentialsValidation", /must be true or false; got "yes"/],
        ["a negative retry count", { "aws:maxRetries": "-1" }, "aws:maxRetries", /whole number/],
        ["a retry mode the provider lacks", { "aws:retryMode": "fast" }, "aws:retryMode", /one of standard, adaptive/],
        ["an empty profile", { "aws:profile": " " }, "aws:profile", /is empty/],
        ["one role, not a list", { "aws:assumeRoles": JSON.stringify({ roleArn: ROLE }) }, "aws:assumeRoles", /must be a list of roles/],
        ["a role without its ARN", { "aws:assumeRoles": JSON.stringify([{ sessionName: "x" }]) }, "aws:assumeRoles", /\[0\] has no roleArn/],
        ["a misspelled role field", { "aws:assumeRoles": JSON.stringify([{ rolearn: ROLE }]) }, "aws:assumeRoles", /\[0\] \.rolearn is not a field.*did you mean "roleArn"/],
        ["a role ARN that is a user", { "aws:assumeRoleWithWebIdentity": JSON.stringify({ roleArn: "arn:aws:iam::111122223333:user/x" }) }, "aws:assumeRoleWithWebIdentity", /must be an IAM role ARN/],
        ["a misspelled endpoint service", { "aws:endpoints": JSON.stringify([{ ec22: "http://localhost:4566" }]) }, "aws:endpoints", /\.ec22 is not a service.*did you mean "ec2"/],
        ["an endpoint that is no URL", { "aws:endpoints": JSON.stringify([{ ec2: "localhost:4566" }]) }, "aws:endpoints", /\.ec2 must be a URL/],
        ["endpoints as one map", { "aws:endpoints": JSON.stringify({ ec2: "http://localhost:4566" }) }, "aws:endpoints", /list of service-to-URL maps/],
        ["tags not under tags", { "aws:defaultTags": JSON.stringify({ CostCenter: "net" }) }, "aws:defaultTags", /\.CostCenter is not a field/],
        ["a credential in plain text", { "aws:secretKey": "abc" }, "aws:secretKey", /credential written in plain text.*pulumi config set --secret aws:secretKey/],
        ["both guards", { "aws:allowedAccountIds": '["111122223333"]', "aws:forbiddenAccountIds": '["444455556666"]' }, "aws:forbiddenAccountIds", /conflicts with aws:allowedAccountIds/],
        ["an allowed list the provider cannot check", { "aws:allowedAccountIds": '["111122223333"]', "aws:skipRequestingAccountId": "true" }, "aws:skipRequestingAccountId", /never learns the account/],
        ["a misspelled key", { "aws:allowedAcountIds": '["111122223333"]' }, "aws:allowedAcountIds", /not a setting of the AWS provider.*did you mean "allowedAccountIds"/],
    ];
    for (const [title, aws, key, message] of wrong) {
        it(`refuses ${title}, naming ${key}`, () => {
            const r = stack(aws);
            assert.equal(r.value, undefined);
            const p = r.problems.find((x) => x.key === key);
            assert.ok(p, JSON.stringify(r.problems));
            assert.match(p.message, message);
        });
    }

    it("never shows a secret value in a problem", () => {
        const r = stack({ "aws:maxRetries": "hunter2-secret" }, ["aws:maxRetries"]);
        assert.match(r.problems[0].message, /got a secret value/);
        assert.ok(!JSON.stringify(r.problems).includes("hunter2"));
    });

    it("warns when skipRequestingAccountId leaves a forbidden list nothing to check", () => {
        const r = stack({ "aws:forbiddenAccountIds": '["444455556666"]', "aws:skipRequestingAccountId": "true" });
        assert.ok(r.value);
        assert.match(r.warnings.find((w) => w.key === "aws:skipRequestingAccountId")?.message ?? "", /checks nothing/);
    });

    it("refuses settings.region: the region is aws:region alone", () => {
        const r = validateStackConfig({ ...base, "bastion-network:settings": JSON.stringify({ ...JSON.parse(SETTINGS), region: "us-east-1" }) }, "bastion-network", "prod");
        const p = r.problems.filter((x) => x.key === "region");
        assert.equal(p.length, 1, JSON.stringify(r.problems));
        assert.match(p[0].message, /the region is `aws:region` alone/);
    });

    it("puts the stack's own tags over aws:defaultTags, and warns once per clashing key", () => {
        const r = stack({ "aws:defaultTags": JSON.stringify({ tags: { CostCenter: "net", ManagedBy: "terraform", Project: "bastion-network" } }) });
        assert.ok(r.value);
        assert.deepEqual(r.warnings.filter((w) => w.key === "aws:defaultTags").map((w) => w.message.split(",")[0]), ["sets ManagedBy"], "the same Project value is no clash");
        const merged = mergeDefaultTags(r.value.aws.values, { Project: "bastion-network", Environment: "prod", ManagedBy: "pulumi" });
        assert.deepEqual(merged.tags, { CostCenter: "net", ManagedBy: "pulumi", Project: "bastion-network", Environment: "prod" });
    });
});

describe("config: the aws: keys in the stack file's JSON Schema", () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(stackFileJsonSchema());
    const ok = (aws: Record<string, unknown>) => validate({ config: { "aws:region": "ap-northeast-2", ...aws } });
    const secure = { secure: "v1:abc" };

    it("types every key as the config check reads it, from the same list", () => {
        for (const key of AWS_KEY_NAMES.filter((k) => k !== "region")) {
            const kind = AWS_PROVIDER_KEYS[key];
            const value = kind === "credential" ? secure : ONE_OF[key] ?? GOOD[kind][1];
            assert.ok(ok({ [`aws:${key}`]: value }), `${key}: ${JSON.stringify(validate.errors)}`);
            assert.ok(ok({ [`aws:${key}`]: secure }), `${key} set with --secret`);
        }
    });

    const flagged: [string, Record<string, unknown>][] = [
        ["a number for the allowed accounts", { "aws:allowedAccountIds": 123 }],
        ["an unquoted account id", { "aws:allowedAccountIds": [111122223333] }],
        ["a credential in plain text", { "aws:accessKey": "AKIAEXAMPLE" }],
        ["yes for a boolean", { "aws:insecure": "yes" }],
        ["a role without its ARN", { "aws:assumeRoles": [{ sessionName: "x" }] }],
        ["endpoints as one map", { "aws:endpoints": { ec2: "http://localhost:4566" } }],
        ["a misspelled key", { "aws:skipCredentialValidation": true }],
    ];
    for (const [what, aws] of flagged) it(`flags ${what}`, () => assert.equal(ok(aws), false));
    it("a secret that cannot stay secret is said: settings (built into plain resource inputs) and aws:defaultTags (tags are never secret)", () => {
        const tags = { "aws:defaultTags": JSON.stringify({ tags: { CostCenter: "4711" } }) };
        const plain = stack(tags);
        assert.ok(plain.value, JSON.stringify(plain.problems));
        assert.deepEqual(plain.warnings.filter((w) => /--secret|a secret/.test(w.message)), []);
        const secret = stack(tags, ["bastion-network:settings", "aws:defaultTags"]);
        assert.ok(secret.value, "a warning, not a refusal: the values are still read");
        assert.match(secret.warnings.find((w) => w.key === "bastion-network:settings")?.message ?? "", /no setting stays secret: .*plain text\. Keep secrets out of settings/);
        assert.match(secret.warnings.find((w) => w.key === "aws:defaultTags" && /secret/.test(w.message))?.message ?? "", /tags cannot be: .*tagsAll in plain text/);
    });
});
