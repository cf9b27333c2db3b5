import * as assert from "assert";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CliRun, ROOT, runCli } from "./run-cli";

const FIXTURES = join(ROOT, "tests", "offline", "fixtures");

describe("the command line: help, standard input, several files, outputs", function () {
    this.timeout(240_000);
    const tmp = mkdtempSync(join(tmpdir(), "usage-e2e-"));
    const runs: Record<string, CliRun> = {};
    const world = join(FIXTURES, "ssh-open-to-world.json");

    before(async () => {
        const entries: [string, Promise<CliRun>][] = [
            ["startHelp", runCli("start", ["--help"])],
            ["checkHelp", runCli("policy:check", ["-h"])],
            ["stdin", runCli("policy:check", ["-", "--json"], readFileSync(world, "utf8"))],
            ["file", runCli("policy:check", [world, "--json"])],
            ["several", runCli("policy:check", [world, "-", join(FIXTURES, "corpus", "eks-extra-sg.json")], readFileSync(world, "utf8"))],
            ["start", runCli("start", ["--out", join(tmp, "o")])],
            ["preview", runCli("start", ["--preview", "--out", join(tmp, "p")])],
        ];
        const results = await Promise.all(entries.map(([, p]) => p));
        entries.forEach(([k], i) => (runs[k] = results[i]));
    });

    for (const [key, usage] of [["startHelp", "usage: npm start --"], ["checkHelp", "usage: npm run policy:check --"]] as const) {
        it(`${key === "startHelp" ? "npm start -- --help" : "npm run policy:check -- -h"} prints usage on stdout and exits 0`, () => {
            const run = runs[key];
            assert.strictEqual(run.code, 0, run.stderr);
            assert.ok(run.stdout.startsWith(usage), run.stdout);
            assert.match(run.stdout, /--policy-config FILE/);
            assert.match(run.stdout, /Exit codes: 0 clean/);
        });
    }

    it("policy:check - reads standard input, with the same report as the file", () => {
        assert.strictEqual(runs.stdin.code, 1, runs.stdin.stderr);
        const fromStdin = JSON.parse(runs.stdin.stdout);
        const fromFile = JSON.parse(runs.file.stdout);
        assert.deepStrictEqual(fromStdin.violations, fromFile.violations);
        assert.deepStrictEqual(fromStdin.summary, fromFile.summary);
    });

    it("several files end with one summary line over all of them, and the worst exit code", () => {
        const run = runs.several;
        assert.strictEqual(run.code, 1, run.stderr);
        assert.match(run.stdout, /== \(standard input\) ==/);
        const last = run.stdout.trimEnd().split("\n").pop() ?? "";
        const perFile = [...run.stdout.matchAll(/^Policy check (?:FAILED|passed): (\d+) resources?, (\d+) mandatory/gm)].map((m) => [Number(m[1]), Number(m[2])]);
        assert.strictEqual(perFile.length, 3);
        const resources = perFile.reduce((n, [r]) => n + r, 0);
        const mandatory = perFile.reduce((n, [, m]) => n + m, 0);
        assert.match(last, new RegExp(`^Policy check FAILED over 3 files \\(\\d+ failed\\): ${resources} resources, ${mandatory} mandatory violations?, `));
    });

    it("npm start prints the stack's outputs as `pulumi up` does, before the summary", () => {
        const run = runs.start;
        assert.strictEqual(run.code, 0, run.stderr);
        const block = /\nOutputs:\n((?: {4}.*\n)+)/.exec(run.stdout);
        assert.ok(block, run.stdout);
        const names = [...block[1].matchAll(/^ {4}(\w+)\s*: /gm)].map((m) => m[1]);
        assert.deepStrictEqual(names, [...names].sort(), "sorted by name");
        for (const n of ["vpcId", "bastionPublicIp", "securityGroupIds", "sshConfig"]) assert.ok(names.includes(n), n);
        assert.match(block[1], /^ {4}vpcId\s+: "vpc-[0-9a-f]+"$/m);
        assert.match(block[1], /^ {4}securityGroupIds\s*: \{\n {8}bastion: "sg-/m);
        assert.match(run.stdout, /made up from names/);
        assert.match(run.stdout.trimEnd().split("\n").pop() ?? "", /^Policy check passed/);
    });

    it("npm start --preview shows values not known before the update as output<string>", () => {
        assert.strictEqual(runs.preview.code, 0, runs.preview.stderr);
        assert.match(runs.preview.stdout, /^ {4}vpcId\s+: output<string>$/m);
    });
});
