// The README's "Choosing the account" and "Running against an AWS emulator" blocks, and the account guard that
// Pulumi.prod.yaml carries commented out, are stack config the program accepts as written, every key of them
// reaching the provider; the account they name is a placeholder the stand-in provider refuses, so a copy left
// unedited never passes for a real guard.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { configuredAccount } from "../../engine/provider/account-guard";
import { validateStackConfig } from "../../infra/config";

const ROOT = join(__dirname, "..", "..");
const read = (f: string) => readFileSync(join(ROOT, f), "utf8");
const PLACEHOLDER_ACCOUNT = "111122223333";

/** The `config:` map of the first yaml block after `heading`, as the CLI hands it (objects as JSON). */
function readmeBlock(heading: string): Record<string, string> {
    const readme = read("README.md");
    const at = readme.indexOf(heading);
    assert.ok(at >= 0, heading);
    const open = readme.indexOf("```yaml\n", at) + 8;
    assert.ok(open > at + 8 && readme.indexOf("\n## ", at) > open, `a yaml block in ${heading}`);
    return asConfig((parse(readme.slice(open, readme.indexOf("```", open))) as { config: Record<string, unknown> }).config);
}

function asConfig(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** A stack file's config with `extra` added. */
function stackWith(file: string, extra: Record<string, string>) {
    const config = asConfig((parse(read(file)) as { config: Record<string, unknown> }).config);
    return validateStackConfig({ ...config, ...extra }, "bastion-network", "prod");
}

describe("docs: the README's AWS provider settings", () => {
    for (const heading of ["### Choosing the account", "### Running against an AWS emulator"]) {
        it(`${heading}: accepted as written, and each key reaches the provider`, () => {
            const block = readmeBlock(heading);
            assert.ok(Object.keys(block).length >= 3);
            const r = stackWith("Pulumi.prod.yaml", block);
            assert.deepEqual(r.problems, []);
            assert.deepEqual(Object.keys(r.value!.aws.values).map((k) => `aws:${k}`).sort(), Object.keys(block).sort());
        });
    }

    it("the emulator block sends the services the stack uses, and the account block guards with a placeholder the stand-in refuses", () => {
        const endpoints = JSON.parse(readmeBlock("### Running against an AWS emulator")["aws:endpoints"]) as Record<string, string>[];
        assert.deepEqual(Object.keys(endpoints[0]).sort(), ["ec2", "elbv2", "iam", "logs", "sts"]);
        const account = readmeBlock("### Choosing the account");
        assert.deepEqual(JSON.parse(account["aws:allowedAccountIds"]), [PLACEHOLDER_ACCOUNT]);
        assert.match(configuredAccount({ allowedAccountIds: account["aws:allowedAccountIds"] }, {}).refusal ?? "", /AWS account ID not allowed/);
    });

    it("Pulumi.prod.yaml carries the guard commented out, with the placeholder; uncommented it is accepted", () => {
        const lines = read("Pulumi.prod.yaml").split("\n").filter((l) => /^\s*#\s*aws:allowedAccountIds:/.test(l));
        assert.equal(lines.length, 1, "one commented-out guard");
        const guard = asConfig(parse(lines[0].replace(/^\s*#\s*/, "")) as Record<string, unknown>);
        assert.deepEqual(JSON.parse(guard["aws:allowedAccountIds"]), [PLACEHOLDER_ACCOUNT]);
        const r = stackWith("Pulumi.prod.yaml", guard);
        assert.deepEqual(r.problems, []);
        assert.deepEqual(r.value!.aws.values.allowedAccountIds, [PLACEHOLDER_ACCOUNT]);
    });

    it("the config table says where the region is written", () => {
        assert.match(read("README.md"), /\| `aws:region` \|[^\n]*a `settings.region` is refused/);
        const r = stackWith("Pulumi.prod.yaml", { "bastion-network:settings": JSON.stringify({ ...(parse(read("Pulumi.prod.yaml")) as { config: Record<string, Record<string, unknown>> }).config["bastion-network:settings"], region: "us-east-1" }) });
        assert.ok(r.problems.some((p) => p.key === "region" && /aws:region/.test(p.message)));
    });
});
