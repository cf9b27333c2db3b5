// The stack file's aws: settings under the real CLI: the explicit provider the program registers is configured
// with them (the stand-in provider says what its Configure received), and an update is refused when the account
// the credentials report is not on aws:allowedAccountIds, in the real provider's words, before anything is
// created; with the account on the list the update goes through. Secrets stay secret in the output and the export.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { describeWithEngine, ok, ownValues, useWorkspace } from "../helpers/engine";

/** The account of the role the stand-in ends up as (the last role assumed), and one that is not it. */
const ROLE_ACCOUNT = "444455556666";
const OTHER_ACCOUNT = "111122223333";
const ACCESS_KEY = "AKIASTANDINSPEC00042";

const emulatorSettings = {
    "aws:assumeRoles": [{ roleArn: `arn:aws:iam::${ROLE_ACCOUNT}:role/deploy`, sessionName: "pulumi" }],
    "aws:endpoints": [{ ec2: "http://localhost:4566", sts: "http://localhost:4566", iam: "http://localhost:4566" }],
    "aws:skipCredentialsValidation": true,
    "aws:skipMetadataApiCheck": true,
    "aws:skipRegionValidation": true,
    "aws:skipRequestingAccountId": false,
    "aws:s3UsePathStyle": true,
};

interface ProviderState { type: string; inputs?: Record<string, unknown> }

describeWithEngine("the stack's aws: settings reach the provider (real engine, stand-in provider)", (engine) => {
    const ws = useWorkspace(engine);
    const stackFile = () => path.join(ws().dir, "Pulumi.guarded.yaml");
    const setAws = (values: Record<string, unknown>) => {
        const doc = parse(fs.readFileSync(stackFile(), "utf8")) as { config: Record<string, unknown> };
        Object.assign(doc.config, values);
        fs.writeFileSync(stackFile(), stringify(doc));
    };

    before(() => {
        ok(ws().pulumi(["stack", "init", "guarded"]));
        const dev = parse(fs.readFileSync(path.join(ws().dir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
        const doc = parse(fs.readFileSync(stackFile(), "utf8")) as Record<string, unknown>;
        fs.writeFileSync(stackFile(), stringify({ ...doc, config: dev.config }));
        for (const [key, value] of Object.entries(ownValues)) ok(ws().pulumi(["config", "set", "--path", key, value]));
        ok(ws().pulumi(["config", "set", "--secret", "aws:accessKey", ACCESS_KEY]));
        ok(ws().pulumi(["config", "set", "--secret", "aws:secretKey", "stand-in-secret-key-value"]));
        setAws({ ...emulatorSettings, "aws:allowedAccountIds": [OTHER_ACCOUNT] });
    });

    it("refuses the update when the account is not on aws:allowedAccountIds, as the real provider does, creating nothing", () => {
        const r = ws().pulumi(["up", "--yes", "--skip-preview"]);
        const out = r.stdout + r.stderr;
        assert.notStrictEqual(r.status, 0, out);
        // Shown as the failed resource's diagnostic. An invoke (the AMI lookup) that reaches the provider first
        // fails the same way, and the Node.js SDK then prints the program's rejection with its trace, as it does
        // with the real provider.
        assert.match(out, new RegExp(`^  aws:\\S+ \\([\\w-]+\\):\n    error: AWS account ID not allowed: ${ROLE_ACCOUNT} \\(`, "m"));
        const exported = JSON.parse(ok(ws().pulumi(["stack", "export"])).stdout) as { deployment: { resources?: ProviderState[] } };
        const created = (exported.deployment.resources ?? []).filter((x) => x.type.startsWith("aws:"));
        assert.deepEqual(created.map((x) => x.type), [], "no AWS resource recorded");
    });

    it("with the account allowed, the update goes through and Configure received every setting, secrets masked", () => {
        setAws({ "aws:allowedAccountIds": [ROLE_ACCOUNT] });
        const r = ok(ws().pulumi(["up", "--yes", "--skip-preview"]));
        const out = r.stdout + r.stderr;
        const line = out.split("\n").find((l) => l.includes("stand-in aws provider configured with"));
        assert.ok(line, `no Configure line in:\n${out.slice(-3000)}`);
        assert.ok(line.includes(`allowedAccountIds=["${ROLE_ACCOUNT}"]`), line);
        const value = (key: string) => JSON.parse(new RegExp(`\\b${key}=(\\S+)`).exec(line)?.[1] ?? "null") as unknown;
        assert.deepEqual(value("assumeRoles"), emulatorSettings["aws:assumeRoles"], line);
        assert.deepEqual(value("endpoints"), emulatorSettings["aws:endpoints"], line);
        for (const flag of ["skipCredentialsValidation=true", "skipMetadataApiCheck=true", "skipRequestingAccountId=false", "s3UsePathStyle=true", 'accessKey="[secret]"', 'secretKey="[secret]"']) {
            assert.ok(line.includes(flag), `${flag} in ${line}`);
        }
        assert.ok(line.includes(`the account it reports: ${ROLE_ACCOUNT}`), line);
        assert.ok(!out.includes(ACCESS_KEY), "the access key never printed");
    });

    it("the registered provider carries the settings; the credentials are encrypted in the state", () => {
        const text = ok(ws().pulumi(["stack", "export"])).stdout;
        assert.ok(!text.includes(ACCESS_KEY) && !text.includes("stand-in-secret-key-value"), "no credential in plain text in the export");
        const resources = (JSON.parse(text) as { deployment: { resources: ProviderState[] } }).deployment.resources;
        const providers = resources.filter((x) => x.type === "pulumi:providers:aws" && x.inputs?.region === "ap-northeast-2" && x.inputs?.defaultTags);
        const explicit = providers.find((x) => x.inputs?.assumeRoles !== undefined);
        assert.ok(explicit, JSON.stringify(providers.map((p) => p.inputs)));
        const inputs = explicit.inputs ?? {};
        assert.deepEqual(JSON.parse(String(inputs.allowedAccountIds)), [ROLE_ACCOUNT]);
        assert.deepEqual(JSON.parse(String(inputs.endpoints)), emulatorSettings["aws:endpoints"]);
        assert.equal(inputs.skipRequestingAccountId, "false");
        for (const k of ["accessKey", "secretKey"]) assert.ok(typeof inputs[k] === "object" && "ciphertext" in (inputs[k] as object), `${k} is a secret: ${JSON.stringify(inputs[k])}`);
    });

    it("refuses a wrong type (aws:allowedAccountIds: 123) before anything changes, naming the key, no stack trace", () => {
        setAws({ "aws:allowedAccountIds": 123 });
        const r = ws().pulumi(["preview"]);
        const out = r.stdout + r.stderr;
        assert.notStrictEqual(r.status, 0, out);
        assert.match(out, /aws:allowedAccountIds: must be a list of 12-digit account ids in quotes/);
        assert.doesNotMatch(out, /^\s+at .+\(.*:\d+:\d+\)$/m, "no stack trace");
        assert.doesNotMatch(out, /^ [+~-]+\s+(aws|tls|bastion-network):\w+:\w+ /m, "no resource but the stack itself");
    });
    it("a value set with --secret that the stack cannot keep secret (under settings, in aws:defaultTags) is said in the preview", () => {
        setAws({ "aws:allowedAccountIds": [ROLE_ACCOUNT] });
        ok(ws().pulumi(["config", "set", "--secret", "--path", "bastion-network:settings.operatorCidrs[0]", "52.78.10.20/32"]));
        ok(ws().pulumi(["config", "set", "--secret", "--path", "aws:defaultTags.tags.CostCenter", "4711"]));
        const out = ((r) => r.stdout + r.stderr)(ok(ws().pulumi(["preview"])));
        assert.match(out, /config bastion-network:settings: holds a value set with --secret, but no setting stays secret/);
        assert.match(out, /config aws:defaultTags: is a secret, but tags cannot be/);
    });
});
