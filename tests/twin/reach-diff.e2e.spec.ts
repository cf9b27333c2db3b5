/**
 * The twin agrees with reach:diff: dev with the web tier unreachable (webAccess: none) and as committed
 * (webAccess: eip), each brought up by `npm run twin -- --file`; the model paths whose real TCP connect changed
 * between the two runs are exactly the paths reach:diff adds one way and removes the other. Needs root, iproute2,
 * nftables and OpenSSH: elsewhere skipped with the reason, except in CI (CI=true), where it must run.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { requireTwinOrSkip } from "./require-twin";
import { ROOT, runCli } from "../offline/cli/run-cli";

function twin(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(process.execPath, ["-r", "ts-node/register/transpile-only", "twin/cli.ts", "--file", file], { cwd: ROOT, maxBuffer: 16 * 2 ** 20, timeout: 120000 }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

/** `from -> to: tcp 8080` -> whether the twin's real connect got through, from its `model` lines. */
function connects(stdout: string): Map<string, boolean> {
    const out = new Map<string, boolean>();
    for (const m of stdout.matchAll(/^ {2}(?:PASS|FAIL) {2}model +(.+? -> .+?: tcp \d+(?:-\d+)?) \(.*?\) {2,}.*? {2,}(\S.*)$/gm)) out.set(m[1], m[2].startsWith("connected"));
    return out;
}

interface Entry {
    from: string;
    to: string;
    protocol: string;
    ports: { from: number; to: number } | null;
}
const key = (e: Entry) => `${e.from} -> ${e.to}: ${e.protocol} ${e.ports?.from === e.ports?.to ? e.ports?.from : `${e.ports?.from}-${e.ports?.to}`}`;

describe("the twin agrees with reach:diff (webAccess none -> eip on dev)", function () {
    this.timeout(300000);
    const tmp = mkdtempSync(join(tmpdir(), "twin-reach-diff-"));
    after(() => rmSync(tmp, { recursive: true, force: true }));

    before(function () {
        requireTwinOrSkip(this);
    });

    it("the paths whose real TCP connect changed are exactly the ones reach:diff adds (and, reversed, removes)", async () => {
        const project = join(tmp, "none-project");
        mkdirSync(project);
        copyFileSync(join(ROOT, "Pulumi.yaml"), join(project, "Pulumi.yaml"));
        writeFileSync(join(project, "Pulumi.dev.yaml"), readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8").replace(/^( {4}nat: .*)$/m, "$1\n    webAccess: none"));
        const made = await Promise.all([runCli("start", ["--project-dir", project, "--out", join(tmp, "none")]), runCli("start", ["--out", join(tmp, "eip")])]);
        for (const m of made) assert.equal(m.code, 0, m.stderr);
        const [none, eip] = ["none", "eip"].map((d) => join(tmp, d, "stack-export.json"));
        const [opened, closed] = await Promise.all([runCli("reach:diff", [none, eip, "--json"]), runCli("reach:diff", [eip, none, "--json"])]);
        const added = (JSON.parse(opened.stdout).added as Entry[]).map(key).sort();
        const removed = (JSON.parse(closed.stdout).removed as Entry[]).map(key).sort();
        assert.deepEqual(added, ["internet -> mhson-ec2-web-2a: tcp 8080", "operator 203.0.113.10/32 -> mhson-ec2-web-2a: tcp 8080"]);
        assert.deepEqual(removed, added);

        // one twin at a time: both use the same namespace names
        const before = await twin(none);
        const after = await twin(eip);
        for (const r of [before, after]) assert.equal(r.code, 0, `${r.stderr}\n${r.stdout}`);
        const [a, b] = [connects(before.stdout), connects(after.stdout)];
        assert.ok(a.size > 10 && b.size > 10, "the twin tried the model's rows");
        const changed = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
        assert.deepEqual(changed, added, `paths whose connect changed in the twin:\n${changed.join("\n")}`);
        for (const k of added) assert.deepEqual([a.get(k), b.get(k)], [false, true], k);
    });
});
