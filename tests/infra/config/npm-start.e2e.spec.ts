// The config's refusals as a user meets them: `npm start` on a stack file exits 2 before anything is planned,
// names every key at fault in one message, and shows no stack trace.
import * as assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { CliRun, runCli } from "../../offline/cli/run-cli";

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGKpYkFJv1WBHrdHQ7i8v1yrcQg3qW4mSPqlNNjG0tqR acme@laptop";
const own = { prefix: "acme", operatorCidrs: ["198.18.7.9/32"], access: { keyPair: { name: "acme-key", publicKey: PUBLIC_KEY } } };
const sub = (tier: string, az: string, size: number) => ({ tier, az, size });
const SEED = [sub("public", "a", 64), sub("public", "c", 64), sub("internal", "a", 32), sub("admin", "a", 32)];
const secure = { secure: "v1:GnprvbnivbNE6n7K:SKA+au6jx2ZxcvXhmXA/FEvfCAqN" };

/** [stack, settings (over `own`), region, keys the error names, what the message says]. */
const refused: [string, Record<string, unknown>, string | undefined, string[], RegExp][] = [
    ["cidr-and-size", { vpcCidr: "10.0.0/24", subnets: [sub("public", "a", 60), ...SEED.slice(1)] }, "ap-northeast-2", ["vpcCidr", "subnets[0].size"], /power of two/],
    ["region-size-tiers", { subnets: [sub("public", "a", 64), sub("public", "c", 100), sub("internal", "a", 32)] }, undefined, ["aws:region", "subnets[1].size", "subnets"], /admin subnet/],
    ["fields-and-plan", { prefix: "Acme!", dbPort: 22, vpcCidr: "10.0.0.5/24", subnets: [sub("public", "a", 64), sub("public", "z", 64), ...SEED.slice(2)] }, "ap-northeast-2", ["prefix", "dbPort", "vpcCidr", "subnets[1].az"], /no host bits/],
    ["env-quote", { environment: "dev'; rm -rf ~; '" }, "ap-northeast-2", ["environment"], /holds "'"/],
    ["env-dollar", { environment: "dev$(id)" }, "ap-northeast-2", ["environment"], /holds "\$"/],
    ["env-backtick", { environment: "dev`id`" }, "ap-northeast-2", ["environment"], /holds "`"/],
    ["env-backslash", { environment: "dev\\w" }, "ap-northeast-2", ["environment"], /holds "\\\\"/],
    ["env-newline", { environment: "dev\nPS1=x" }, "ap-northeast-2", ["environment"], /holds "\\n"/],
    ["env-long", { environment: "d".repeat(257) }, "ap-northeast-2", ["environment"], /257 characters long; AWS tag values hold at most 256/],
    ["env-aws", { environment: "aws:dev" }, "ap-northeast-2", ["environment"], /AWS reserves that prefix/],
    ["secret-where-text", { dbPort: secure }, "ap-northeast-2", ["dbPort"], /is a secret .*PULUMI_CONFIG_PASSPHRASE/],
    ["secret-where-flag", { flowLogs: { enabled: secure, retentionDays: 30 } }, "ap-northeast-2", ["flowLogs.enabled"], /only text and numbers can be secret/],
];

describe("npm start refuses a bad stack config: exit 2, every key named, no stack trace", function () {
    this.timeout(300_000);
    const project = join(mkdtempSync(join(tmpdir(), "config-e2e-")), "project");
    const runs = new Map<string, CliRun>();

    before(async () => {
        mkdirSync(project);
        writeFileSync(join(project, "Pulumi.yaml"), "name: bastion-network\nruntime: nodejs\n");
        const stacks: [string, Record<string, unknown>, string | undefined][] = [...refused.map(([s, settings, region]) => [s, settings, region] as [string, Record<string, unknown>, string | undefined]),
            ["env-good", { environment: "개발 team-a/dev @seoul:1=blue+green" }, "ap-northeast-2"]];
        for (const [stack, settings, region] of stacks) {
            const config = { ...(region ? { "aws:region": region } : {}), "bastion-network:settings": { ...own, ...settings } };
            writeFileSync(join(project, `Pulumi.${stack}.yaml`), stringify({ config }));
        }
        // Three at a time: the machine is shared.
        for (let i = 0; i < stacks.length; i += 3) {
            const batch = stacks.slice(i, i + 3).map(([stack]) => stack);
            const results = await Promise.all(batch.map((stack) => runCli("start", ["--project-dir", project, "--stack", stack, "--out", join(project, "..", `out-${stack}`)])));
            batch.forEach((stack, n) => runs.set(stack, results[n]));
        }
    });

    for (const [stack, settings, , keys, message] of refused) {
        it(`${stack}: ${JSON.stringify(settings).slice(0, 90)}`, () => {
            const run = runs.get(stack)!;
            assert.equal(run.code, 2, `${run.stdout}\n${run.stderr}`);
            assert.match(run.stderr, /^error: The stack config has \d+ problems?:\n/);
            const named = [...run.stderr.matchAll(/^ {2}- (\S+): /gm)].map((m) => m[1]);
            assert.deepEqual(named.sort(), [...keys].sort(), run.stderr);
            assert.match(run.stderr, message);
            assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
            assert.equal(run.stdout, "", "nothing planned or printed");
        });
    }

    it("accepts an environment of Unicode letters, spaces and _ . : / = + - @, and the run goes through", () => {
        const run = runs.get("env-good")!;
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /Policy check passed/);
    });
});
