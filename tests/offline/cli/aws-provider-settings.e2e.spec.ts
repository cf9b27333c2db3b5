// `npm start` on a stack file with the AWS provider's settings: the provider the program registers carries each
// of them (in out/<stack>/stack-export.json, as the mocks recorded it), the report lists them with the secret
// masked, a clash with our default tags is one warning; a wrong type is refused with exit 2, naming the key.
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { AWS_KEY_NAMES, AWS_PROVIDER_KEYS, AwsValueKind } from "../../../infra/config/aws-provider-keys";
import { CliRun, ROOT, runCli } from "./run-cli";

const SETTINGS = {
    "aws:allowedAccountIds": ["111122223333"],
    "aws:assumeRoles": [{ roleArn: "arn:aws:iam::111122223333:role/deploy", sessionName: "pulumi" }],
    "aws:endpoints": [{ ec2: "http://localhost:4566", sts: "http://localhost:4566" }],
    "aws:skipCredentialsValidation": true,
    "aws:skipMetadataApiCheck": true,
    "aws:profile": "acme-prod",
    "aws:maxRetries": 5,
    "aws:secretKey": { secure: "v1:c2VjcmV0:Y2lwaGVydGV4dA==" },
    "aws:defaultTags": { tags: { CostCenter: "net", ManagedBy: "terraform" } },
};

interface ExportedResource { type: string; inputs: Record<string, unknown> }

/** One good value of each kind, as a stack file writes it. */
const EXAMPLE: Record<AwsValueKind, unknown> = {
    string: "value", credential: { secure: "v1:AAAA" }, boolean: true, integer: 3, "string list": ["~/.aws/config"],
    "account ids": ["111122223333"], "assume roles": [{ roleArn: "arn:aws:iam::111122223333:role/deploy" }],
    "web identity role": { roleArn: "arn:aws:iam::111122223333:role/web", webIdentityTokenFile: "/run/token" },
    endpoints: [{ ec2: "http://localhost:4566" }], "default tags": { tags: { CostCenter: "net" } }, "ignore tags": { keys: ["Owner"] },
};
const ONE_OF: Record<string, string> = { retryMode: "adaptive", ec2MetadataServiceEndpointMode: "IPv6", s3UsEast1RegionalEndpoint: "regional", tagPolicyCompliance: "warning" };
/** Every key of the provider but the region (the stack file's own) and the guard that excludes the allowed list. */
const EVERY_KEY = Object.fromEntries(AWS_KEY_NAMES.filter((k) => k !== "region" && k !== "forbiddenAccountIds").map((k) => [`aws:${k}`, k === "skipRequestingAccountId" ? false : ONE_OF[k] ?? EXAMPLE[AWS_PROVIDER_KEYS[k]]]));

describe("npm start: the stack's aws: settings", function () {
    this.timeout(240_000);
    const dir = mkdtempSync(join(tmpdir(), "aws-settings-"));
    const out = join(dir, "out");
    let good: CliRun;
    let bad: CliRun;
    let every: CliRun;

    before(async () => {
        writeFileSync(join(dir, "Pulumi.yaml"), readFileSync(join(ROOT, "Pulumi.yaml")));
        const dev = parse(readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
        writeFileSync(join(dir, "Pulumi.emu.yaml"), stringify({ config: { ...dev.config, ...SETTINGS } }));
        writeFileSync(join(dir, "Pulumi.bad.yaml"), stringify({ config: { ...dev.config, "aws:allowedAccountIds": 123 } }));
        writeFileSync(join(dir, "Pulumi.every.yaml"), stringify({ config: { ...dev.config, ...EVERY_KEY } }));
        [good, bad, every] = await Promise.all([
            runCli("start", ["--project-dir", dir, "--stack", "emu", "--out", out]),
            runCli("start", ["--project-dir", dir, "--stack", "bad", "--out", join(dir, "out-bad")]),
            runCli("start", ["--project-dir", dir, "--stack", "every", "--out", join(dir, "out-every")]),
        ]);
    });

    it("registers the provider with every setting, the secret as a secret", () => {
        assert.equal(good.code, 0, good.stderr);
        const exported = JSON.parse(readFileSync(join(out, "stack-export.json"), "utf8")) as { deployment: { resources: ExportedResource[] } };
        const provider = exported.deployment.resources.find((r) => r.type === "pulumi:providers:aws");
        assert.ok(provider);
        const json = (k: string) => JSON.parse(String(provider.inputs[k])) as unknown;
        assert.deepEqual(json("allowedAccountIds"), SETTINGS["aws:allowedAccountIds"]);
        assert.deepEqual(json("assumeRoles"), SETTINGS["aws:assumeRoles"]);
        assert.deepEqual(json("endpoints"), SETTINGS["aws:endpoints"]);
        assert.deepEqual([provider.inputs.skipCredentialsValidation, provider.inputs.skipMetadataApiCheck, provider.inputs.maxRetries, provider.inputs.profile], ["true", "true", "5", "acme-prod"]);
        assert.deepEqual((json("defaultTags") as { tags: Record<string, string> }).tags, { CostCenter: "net", ManagedBy: "pulumi", Project: "bastion-network", Environment: "dev" });
        const secret = provider.inputs.secretKey as Record<string, unknown>;
        assert.equal(secret["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "secretKey is a secret");
    });

    it("a stack file with every key of the provider: the registered provider carries each one", () => {
        assert.equal(every.code, 0, every.stderr);
        const exported = JSON.parse(readFileSync(join(dir, "out-every", "stack-export.json"), "utf8")) as { deployment: { resources: ExportedResource[] } };
        const inputs = exported.deployment.resources.find((r) => r.type === "pulumi:providers:aws")?.inputs ?? {};
        const missing = Object.keys(EVERY_KEY).map((k) => k.slice(4)).filter((k) => inputs[k] === undefined || inputs[k] === "null");
        assert.deepEqual(missing, []);
        for (const k of ["accessKey", "secretKey", "token"]) assert.equal((inputs[k] as Record<string, unknown>)["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", k);
    });

    it("shows the settings in the report, the secret masked, and warns once about the tag the stack owns", () => {
        const rows = good.stdout.split("\n");
        const row = (k: string) => rows.find((l) => l.startsWith(`  ${k} `))?.replace(/\s+/g, " ").trim();
        assert.equal(row("allowedAccountIds"), "allowedAccountIds 111122223333");
        assert.equal(row("assumeRoles"), "assumeRoles { roleArn=arn:aws:iam::111122223333:role/deploy sessionName=pulumi }");
        assert.equal(row("endpoints"), "endpoints { ec2=http://localhost:4566 sts=http://localhost:4566 }");
        assert.equal(row("secretKey"), "secretKey [secret]");
        assert.equal(row("skipCredentialsValidation"), "skipCredentialsValidation true");
        assert.ok(!good.stdout.includes("account guard: none") && !good.stdout.includes("credentials: from the environment"), "guard and credentials are set");
        assert.ok(!(good.stdout + good.stderr).includes("c2VjcmV0"), "the ciphertext is not shown either");
        assert.equal(good.stderr.split("aws:defaultTags: sets ManagedBy").length - 1, 1, good.stderr);
    });

    it("refuses aws:allowedAccountIds: 123 with exit 2, naming the key, no stack trace", () => {
        assert.equal(bad.code, 2, bad.stdout + bad.stderr);
        assert.match(bad.stderr, /aws:allowedAccountIds: must be a list of 12-digit account ids in quotes, e\.g\. \["111122223333"\]; got 123\./);
        assert.doesNotMatch(bad.stdout + bad.stderr, /^\s+at .+:\d+:\d+\)?$/m);
    });
});
