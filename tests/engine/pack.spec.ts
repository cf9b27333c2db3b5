// The pack under the real analyzer: small programs someone else might write are blocked by `pulumi preview`
// with the right mandatory violation, levels from --policy-pack-config are honoured, and what the analyzer
// reports equals what our harness (`npm run policy:check`) reports on the same preview and the same export.
// (`npm start` runs this project's own program and refuses a stack without its settings, so for these foreign
// programs the harness is compared through policy:check; tests/engine/conformance.spec.ts compares npm start.)
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../engine/build/pins";
import { findingKey, findingsFromEventLog } from "../../engine/events";
import type { Engine } from "../../engine/locate";
import type { EngineWorkspace } from "../../engine/workspace";
import { describeWithEngine, ok, useWorkspace } from "../helpers/engine";
import { policyCheck } from "../helpers/offline-cli";

const pack = path.join(repoRoot, "policies");
const fixtures = path.join(__dirname, "fixtures");

interface Fixture {
    dir: string;
    /** The mandatory rule `pulumi preview` must be blocked by. */
    blockedBy: string;
}

const cases: Fixture[] = [
    { dir: "ssh-open-to-world", blockedBy: "ssh-only-from-bastion" },
    // In preview the analyzer sees the provider's planned outputs: the public-IP flag the program set stays known,
    // but the route table's `routes` (optional+computed in pulumi-aws, typed `Output<RouteTableRoute[]>`) is
    // unknown. The pack reads such an unknown with no dependencies as "the program set no inline routes", so
    // the subnet is internal already in preview; before that it was "can't run" here while policy:check on the
    // preview JSON (inputs only) reported the violation.
    { dir: "db-public-ip", blockedBy: "no-public-ip-on-internal-hosts" },
    { dir: "key-pair-without-instructions", blockedBy: "pem-instructions-present" },
];

const sorted = (keys: string[]) => [...keys].sort();

function newestSource(dir: string): number {
    let newest = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === "node_modules" || e.name === "bin") continue;
        const full = path.join(dir, e.name);
        newest = Math.max(newest, e.isDirectory() ? newestSource(full) : e.name.endsWith(".ts") ? fs.statSync(full).mtimeMs : 0);
    }
    return newest;
}

/** A copy of the pack, compiled into its own bin/ (as `npm ci` there does) or with no build at all. */
function packCopy(target: string, compiled: boolean): string {
    fs.cpSync(pack, target, { recursive: true, filter: (src) => !["node_modules", "bin"].includes(path.basename(src)) });
    fs.symlinkSync(path.join(pack, "node_modules"), path.join(target, "node_modules"), "dir");
    if (compiled) {
        const tsc = spawnSync(process.execPath, [path.join(pack, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: target, encoding: "utf8" });
        assert.strictEqual(tsc.status, 0, `the pack's build failed: ${tsc.stdout}${tsc.stderr}`);
        // start.js takes the build only when it is at least as new as every source.
        assert.ok(fs.statSync(path.join(target, "bin", "index.js")).mtimeMs >= newestSource(target), "the build is older than the sources");
    }
    return target;
}

/** A fixture program in its own workspace with a stack `fx`, for one describe; `file` names a scratch file. */
function fixtureStack(engine: () => Engine, dir: string): { ws: () => EngineWorkspace; file: (name: string) => string } {
    const ws = useWorkspace(engine, { programDir: path.join(fixtures, dir) });
    before(() => {
        ok(ws().pulumi(["stack", "init", "fx"]));
    });
    return { ws, file: (name) => ws().scratch(name) };
}

describeWithEngine("the pack under the real analyzer", (engine) => {
    for (const fixture of cases) {
        describe(`fixture ${fixture.dir}`, () => {
            const { ws, file } = fixtureStack(engine, fixture.dir);

            it(`is blocked by ${fixture.blockedBy} in pulumi preview, and the harness agrees on the saved preview`, async () => {
                const result = ws().pulumi(["preview", "--policy-pack", pack, "--event-log", file("preview.events"), "--json"]);
                assert.notStrictEqual(result.status, 0, "a mandatory violation fails the preview");
                const engineFindings = findingsFromEventLog(file("preview.events"));
                assert.ok(
                    engineFindings.some((f) => f.policyName === fixture.blockedBy && f.enforcementLevel === "mandatory"),
                    `expected a mandatory ${fixture.blockedBy}; the analyzer reported: ${engineFindings.map(findingKey).join("; ")}`,
                );
                fs.writeFileSync(file("preview.json"), result.stdout);
                const harness = await policyCheck(file("preview.json"));
                assert.deepStrictEqual(sorted(harness.violations.map(findingKey)), sorted(engineFindings.map(findingKey)));
            });

            it("honours --policy-pack-config levels, and after `pulumi up` the harness agrees on the export", async () => {
                fs.writeFileSync(file("advisory.json"), JSON.stringify({ all: "advisory" }));
                ok(ws().pulumi(["up", "--yes", "--policy-pack", pack, "--policy-pack-config", file("advisory.json"), "--event-log", file("up.events")]));
                const engineFindings = findingsFromEventLog(file("up.events"));
                assert.ok(engineFindings.length > 0);
                assert.ok(engineFindings.every((f) => f.enforcementLevel === "advisory"), engineFindings.map(findingKey).join("; "));
                fs.writeFileSync(file("export.json"), ok(ws().pulumi(["stack", "export"])).stdout);
                const harness = await policyCheck(file("export.json"), file("advisory.json"));
                assert.deepStrictEqual(sorted(harness.violations.map(findingKey)), sorted(engineFindings.map(findingKey)));
            });
        });
    }

    // Compliance that only the default provider's configuration shows in preview: `aws:defaultTags` carry the pem
    // instructions. The analyzer gets the default provider (and the key pair's tagsAll); `pulumi preview --json`
    // lists no default provider, so policy:check rebuilds it from the document's config.
    describe("fixture key-pair-default-tags (compliant)", () => {
        const { ws, file } = fixtureStack(engine, "key-pair-default-tags");

        it("passes pulumi preview and up, and the harness agrees on the preview JSON and the export", async () => {
            const preview = ok(ws().pulumi(["preview", "--json", "--policy-pack", pack, "--event-log", file("preview.events")]));
            const engineFindings = findingsFromEventLog(file("preview.events")).map(findingKey);
            assert.ok(!engineFindings.some((k) => k.includes("pem-instructions-present")), engineFindings.join("; "));
            fs.writeFileSync(file("preview.json"), preview.stdout);
            assert.deepStrictEqual(sorted((await policyCheck(file("preview.json"))).violations.map(findingKey)), sorted(engineFindings));
            ok(ws().pulumi(["up", "--yes", "--policy-pack", pack, "--event-log", file("up.events")]));
            fs.writeFileSync(file("export.json"), ok(ws().pulumi(["stack", "export"])).stdout);
            assert.deepStrictEqual(sorted((await policyCheck(file("export.json"))).violations.map(findingKey)), sorted(findingsFromEventLog(file("up.events")).map(findingKey)));
        });
    });

    // policies/start.js loads the compiled build (bin/, what `npm ci` there leaves) when it is newer than every
    // source, else the sources transpile-only. Both paths must report the same under the real analyzer.
    describe("the pack's compiled build and its sources", () => {
        const { ws, file } = fixtureStack(engine, "db-public-ip");

        it("report the same findings on a blocked preview", () => {
            const compiled = packCopy(file("pack-compiled"), true);
            const sources = packCopy(file("pack-sources"), false);
            const findings = (dir: string, events: string) => {
                ws().pulumi(["preview", "--policy-pack", dir, "--event-log", file(events)]);
                return sorted(findingsFromEventLog(file(events)).map((f) => `${findingKey(f)} ${f.message}`));
            };
            const fromBuild = findings(compiled, "compiled.events");
            assert.ok(fromBuild.some((k) => k.startsWith("mandatory no-public-ip-on-internal-hosts ")), fromBuild.join("\n"));
            assert.deepStrictEqual(findings(sources, "sources.events"), fromBuild);
        });
    });

    // `pulumi policy validate-config <org>/<pack> <version>` validates against a pack published to Pulumi Cloud
    // (it asks the backend for the pack), so with a file backend the CLI's validator is reached the way a local
    // pack reaches it: `--policy-pack-config` on a preview is validated against every rule's configSchema first.
    describe("policy config validated by the CLI (--policy-pack-config)", () => {
        const { ws, file } = fixtureStack(engine, "key-pair-without-instructions");

        it("accepts the documented example config (the pack runs and reports)", () => {
            const example = path.join(repoRoot, "docs", "policy-config.example.json");
            const result = ws().pulumi(["preview", "--policy-pack", pack, "--policy-pack-config", example, "--event-log", file("example.events")]);
            assert.ok(findingsFromEventLog(file("example.events")).some((f) => f.policyName === "pem-instructions-present"), result.stdout + result.stderr);
        });

        it("rejects a config whose option has the wrong type, naming it, before any policy runs", () => {
            fs.writeFileSync(file("bad.json"), JSON.stringify({ "ssh-only-from-bastion": { enforcementLevel: "mandatory", bastionMinPrefixIpv4: "thirty-two" } }));
            const result = ws().pulumi(["preview", "--policy-pack", pack, "--policy-pack-config", file("bad.json"), "--event-log", file("bad.events")]);
            assert.notStrictEqual(result.status, 0);
            assert.match(result.stdout + result.stderr, /bastionMinPrefixIpv4/);
            assert.deepStrictEqual(findingsFromEventLog(file("bad.events")), []);
        });
    });
});
