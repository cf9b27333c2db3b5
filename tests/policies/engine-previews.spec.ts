/**
 * Real preview JSON from the real engine. Each program in `engine-fixtures/` was run through
 * `engine/bin/pulumi preview` with the pack: `real-world-shapes` (a chmod 0400 key pair, a key that only
 * signs a CA certificate, a rule on the default group, a subnet decided by the main route table) and
 * `unknown-role` (a computed role tag: "can't run", never a violation). The analyzer's findings and the
 * `--json` document are recorded beside each. The harness must find exactly what the analyzer found on that
 * document (whose create steps carry no outputs, pulumi/pulumi#9571); with the engine present, both are
 * re-run live.
 */
import { strict as assert } from "assert";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { findingsFromEventLines } from "../../engine/events";
import { readSnapshotFile } from "../../offline/readers";
import { describeWithEngine, useWorkspace } from "../helpers/engine";
import { runPack } from "../helpers/harness";

const fixtures = join(__dirname, "engine-fixtures");
const pack = join(__dirname, "..", "..", "policies");

interface Finding { policyName: string; enforcementLevel: string; resourceUrn?: string }
// A stack policy's finding about no one resource: the engine names the stack, the harness nothing.
const key = (f: Finding) => `${f.enforcementLevel} ${f.policyName} ${!f.resourceUrn || f.resourceUrn.includes("::pulumi:pulumi:Stack::") ? "<stack>" : f.resourceUrn}`;

async function harnessFindings(previewFile: string): Promise<string[]> {
    const { violations } = await runPack(readSnapshotFile(previewFile).snapshot);
    return violations.map(key).sort();
}

const recordedOf = (fixture: string) =>
    (JSON.parse(readFileSync(join(fixture, "analyzer-findings.json"), "utf8")) as { findings: Finding[] }).findings.map(key).sort();

describe("real engine preview of real-world shapes (recorded)", () => {
    const fixture = join(fixtures, "real-world-shapes");
    const recorded = recordedOf(fixture);
    it("the document's create steps carry inputs and no outputs", () => {
        const doc = JSON.parse(readFileSync(join(fixture, "preview.json"), "utf8")) as { steps: { op: string; newState?: { custom?: boolean; outputs?: object } }[] };
        const created = doc.steps.filter((s) => s.op === "create" && s.newState?.custom);
        assert.ok(created.length > 5);
        assert.ok(created.every((s) => s.newState?.outputs === undefined));
    });
    it("the harness finds exactly what the real analyzer found", async () => {
        assert.deepEqual(await harnessFindings(join(fixture, "preview.json")), recorded);
        // The shapes the pack once got wrong stay right: no pem finding, the default group's rule and the main-table subnet caught.
        assert.ok(!recorded.some((k) => k.includes("pem-instructions-present")));
        assert.ok(recorded.some((k) => k.startsWith("mandatory no-public-ip-on-internal-hosts")));
        assert.ok(recorded.some((k) => k.startsWith("advisory default-sg-no-rules")));
    });
});

describe("real engine preview of a computed role (recorded)", () => {
    const fixture = join(fixtures, "unknown-role");
    it("the analyzer only waits (advisory can't-run), and the harness agrees", async () => {
        const recorded = recordedOf(fixture);
        assert.deepEqual(recorded, ["advisory ssh-only-from-bastion <stack>"]);
        assert.deepEqual(await harnessFindings(join(fixture, "preview.json")), recorded);
    });
});

describeWithEngine("real engine previews of the fixtures (live)", (engine) => {
    for (const name of ["real-world-shapes", "unknown-role"]) describe(name, () => live(engine, join(fixtures, name)));
});

function live(engine: Parameters<typeof useWorkspace>[0], fixture: string): void {
    const ws = useWorkspace(engine, { programDir: fixture });
    it("the analyzer reports the recorded findings, and the harness agrees on the new preview document", async () => {
        ws().pulumi(["stack", "init", "fx"]);
        const plain = ws().pulumi(["preview", "--json"]);
        const file = join(ws().dir, "..", "preview.json");
        writeFileSync(file, plain.stdout);
        // At v3.248.0 the streaming JSON form is the one that carries the analyzer's policy events.
        ws().env.PULUMI_ENABLE_STREAMING_JSON_PREVIEW = "true";
        const streamed = ws().pulumi(["preview", "--json", "--policy-pack", pack]);
        const found = findingsFromEventLines(streamed.stdout).map(key).sort();
        assert.deepEqual(found, recordedOf(fixture));
        assert.deepEqual(await harnessFindings(file), found);
    });
}
