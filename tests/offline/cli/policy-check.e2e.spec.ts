import * as assert from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CliRun, ROOT, runCli } from "./run-cli";

const FIXTURES = join(ROOT, "tests", "offline", "fixtures");

describe("npm run policy:check, end to end", function () {
    this.timeout(240_000);
    let violation: CliRun;
    let violationText: CliRun;
    let corpus: CliRun;

    before(async () => {
        [violation, violationText, corpus] = await Promise.all([
            runCli("policy:check", [join(FIXTURES, "ssh-open-to-world.json"), "--json"]),
            runCli("policy:check", [join(FIXTURES, "ssh-open-to-world.json")]),
            runCli("policy:check", [join(FIXTURES, "corpus", "awsx-ts-lb-attach-ec2.json"), join(FIXTURES, "corpus", "eks-extra-sg.json"), "--json"]),
        ]);
    });

    it("reports SSH open to the world by the right rule, mandatory, on the rule resource, and exits 1", () => {
        assert.strictEqual(violation.code, 1, violation.stderr);
        const report = JSON.parse(violation.stdout);
        const mandatory = report.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory");
        assert.deepStrictEqual(
            mandatory.map((v: { policyName: string; resourceUrn: string; policyPackName: string }) => [v.policyName, v.policyPackName, v.resourceUrn]),
            [["ssh-only-from-bastion", "bastion-network-guard", "urn:pulumi:legacy::handmade::aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::legacy-web-ssh-world"]],
        );
        assert.match(mandatory[0].message, /0\.0\.0\.0\/0/);
    });

    it("shows it in the human report under MANDATORY, with the summary last", () => {
        assert.strictEqual(violationText.code, 1);
        // someone's real export: no word of the offline preview's mocked provider
        assert.strictEqual(violationText.stdout.split("\n")[0], "handmade / stack legacy: policy check of a `pulumi stack export` file");
        assert.match(violationText.stdout, /MANDATORY \(1\):\n {4}ssh-only-from-bastion {2}legacy-web-ssh-world/);
        assert.match(violationText.stdout.trimEnd().split("\n").pop() ?? "", /^Policy check FAILED: 5 resources, 1 mandatory violation/);
    });

    it("checks several real exports in one run, one report each, without crashing", () => {
        assert.ok(corpus.code === 0 || corpus.code === 1, corpus.stderr);
        const reports = JSON.parse(corpus.stdout);
        assert.deepStrictEqual(reports.map((r: { stack: string; resources: unknown[] }) => [r.stack, r.resources.length]), [["test", 29], ["test", 47]]);
    });
});

describe("bad input exits 2 with a one-paragraph message and no stack trace", function () {
    this.timeout(240_000);
    const tmp = mkdtempSync(join(tmpdir(), "bad-input-"));
    const file = (name: string, text: string) => {
        writeFileSync(join(tmp, name), text);
        return join(tmp, name);
    };
    const projectDir = join(tmp, "project");
    const cases: [string, "start" | "policy:check", () => string[], RegExp][] = [
        ["a missing file", "policy:check", () => [join(tmp, "absent.json")], /absent\.json does not exist/],
        ["a file that is not JSON", "policy:check", () => [file("text.json", "Previewing update (dev):")], /is not JSON/],
        ["JSON that is not a Pulumi format", "policy:check", () => [file("other.json", '{"hello": "world"}')], /not a Pulumi format/],
        ["no file at all", "policy:check", () => [], /No file given/],
        ["an unknown flag", "policy:check", () => ["--frobnicate", join(FIXTURES, "ssh-open-to-world.json")], /frobnicate/],
        [
            "an invalid policy config",
            "policy:check",
            () => [join(FIXTURES, "ssh-open-to-world.json"), "--policy-config", file("cfg.json", '{"ssh-only-from-bastion": {"sshPort": "twenty-two"}}')],
            /ssh-only-from-bastion/,
        ],
        ["a policy config that is not JSON", "policy:check", () => [join(FIXTURES, "ssh-open-to-world.json"), "--policy-config", file("cfg.txt", "all: advisory")], /policy config file .* is not JSON/],
        ["an unknown stack", "start", () => ["--stack", "nosuchstack", "--out", join(tmp, "o1")], /Unknown stack "nosuchstack"/],
        ["an invalid stack config", "start", () => ["--stack", "broken", "--project-dir", projectDir, "--out", join(tmp, "o2")], /vpcCidr/],
        ["--out pointing at a file", "start", () => ["--out", file("not-a-dir", "x")], /^error: --out .*not-a-dir is a file, not a directory; give --out a directory you can write to/],
        ["--out under a file", "start", () => ["--out", join(file("plain", "x"), "sub")], /^error: --out .*plain\/sub cannot be written \(a part of the path is a file\)/],
        ["--out where nothing can be created", "start", () => ["--out", "/proc/no-such/out"], /^error: --out \/proc\/no-such\/out cannot be written/],
        ["a settings value that is not an object", "start", () => ["--stack", "flat", "--project-dir", projectDir, "--out", join(tmp, "o3")], /settings: must be an object/],
        ["a secret the offline run cannot decrypt", "start", () => ["--stack", "secret", "--project-dir", projectDir, "--out", join(tmp, "o4")], /settings: is a secret .*PULUMI_CONFIG_PASSPHRASE=\.\.\. pulumi preview --stack secret/],
        ["a policy config naming no policy of the pack", "policy:check", () => [join(FIXTURES, "ssh-open-to-world.json"), "--policy-config", file("typo.json", '{"ssh-only-from-bastoin": "mandatory"}')], /did you mean "ssh-only-from-bastion"/],
        ["empty standard input", "policy:check", () => ["-"], /standard input\) is empty/],
    ];
    const runs = new Map<string, CliRun>();

    before(async () => {
        const { mkdirSync } = await import("fs");
        mkdirSync(projectDir);
        writeFileSync(join(projectDir, "Pulumi.yaml"), "name: bastion-network\nruntime: nodejs\n");
        writeFileSync(join(projectDir, "Pulumi.broken.yaml"), "config:\n  aws:region: ap-northeast-2\n  bastion-network:settings:\n    prefix: x\n    vpcCidr: not-a-cidr\n");
        writeFileSync(join(projectDir, "Pulumi.flat.yaml"), "config:\n  aws:region: ap-northeast-2\n  bastion-network:settings: yes\n");
        writeFileSync(join(projectDir, "Pulumi.secret.yaml"), "config:\n  aws:region: ap-northeast-2\n  bastion-network:settings:\n    secure: v1:abc\n");
        const results = await Promise.all(cases.map(([, script, args]) => runCli(script, args())));
        cases.forEach(([what], i) => runs.set(what, results[i]));
    });

    for (const [what, , , message] of cases) {
        it(what, () => {
            const run = runs.get(what) as CliRun;
            assert.strictEqual(run.code, 2, `${run.stdout}\n${run.stderr}`);
            assert.match(run.stderr, message);
            assert.match(run.stderr, /^error: /);
            assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
            if (what.startsWith("--out")) assert.strictEqual(run.stderr.trimEnd().split("\n").length, 1, "one line");
            assert.strictEqual(run.stdout, "");
        });
    }
});
