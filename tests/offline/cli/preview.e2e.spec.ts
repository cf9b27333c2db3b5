import * as assert from "assert";
import { XMLParser } from "fast-xml-parser";
import { existsSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CliRun, runCli } from "./run-cli";

const REPORT_FIELDS = ["stack", "resources", "violations", "summary"];
const EVENT_FIELDS = ["policyName", "policyPackName", "policyPackVersion", "resourceUrn", "message", "enforcementLevel"];

describe("npm start (offline preview), end to end", function () {
    this.timeout(240_000);
    const tmp = mkdtempSync(join(tmpdir(), "preview-e2e-"));
    const dirA = join(tmp, "a");
    const dirB = join(tmp, "b");
    let json: CliRun;
    let human: CliRun;
    let preview: CliRun;
    let roundTrip: CliRun;

    before(async () => {
        [json, human, preview] = await Promise.all([
            runCli("start", ["--json", "--out", dirA]),
            runCli("start", ["--out", dirB]),
            runCli("start", ["--preview", "--json", "--out", join(tmp, "p")]),
        ]);
        roundTrip = await runCli("policy:check", [join(dirA, "stack-export.json"), "--json"]);
    });

    it("exits 0 on the dev stack and --json prints only the machine report", () => {
        assert.strictEqual(json.code, 0, json.stderr);
        const report = JSON.parse(json.stdout);
        for (const k of REPORT_FIELDS) assert.ok(k in report, k);
        assert.strictEqual(report.stack, "dev");
        assert.ok(report.resources.length > 20 && report.resources.every((r: { urn: string; type: string }) => r.urn && r.type));
        for (const v of report.violations) for (const k of EVENT_FIELDS) assert.ok(k in v, k);
        assert.strictEqual(report.summary.mandatory, 0);
    });

    it("prints the human report: simulated, tree, subnets, violations, artifacts, summary", () => {
        assert.strictEqual(human.code, 0, human.stderr);
        assert.match(human.stdout, /offline preview \(mocked provider/);
        assert.doesNotMatch(human.stdout, /deployed/i);
        assert.match(human.stdout, /bastion-network:network:Network\)\s+\[Vpc x1/);
        assert.match(human.stdout, /mhson-subnet-public-2a\s+public\s+ap-northeast-2a\s+10\.0\.0\.0\/26\s+59/);
        assert.match(human.stdout, /Policy report:/);
        assert.ok(human.stdout.includes(`Artifacts written to ${dirB}:\n  plan.json\n  stack-export.json\n  ssh_config\n  network.drawio\n  network.md\n`));
        assert.match(human.stdout.trimEnd().split("\n").pop() ?? "", /^Policy check passed: \d+ resources, 0 mandatory violations/);
    });

    it("writes every artifact, and each parses", () => {
        for (const f of ["plan.json", "stack-export.json", "ssh_config", "network.drawio", "network.md"]) assert.ok(existsSync(join(dirA, f)), f);
        const plan = JSON.parse(readFileSync(join(dirA, "plan.json"), "utf8"));
        assert.ok(plan.resources.length > 20 && plan.report.summary);
        const exported = JSON.parse(readFileSync(join(dirA, "stack-export.json"), "utf8"));
        assert.strictEqual(exported.version, 3);
        assert.strictEqual(exported.deployment.metadata.offlinePreview.provider, "mocked", "the export says its values are made up");
        assert.match(readFileSync(join(dirA, "network.md"), "utf8"), /```mermaid\nflowchart TB[\s\S]*\| mhson-subnet-admin-2a \| admin \|/);
    });

    it("network.drawio holds every subnet with its CIDR and every host with its private IP", () => {
        const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === "mxCell" }).parse(readFileSync(join(dirA, "network.drawio"), "utf8"));
        const values: string[] = doc.mxfile.diagram.mxGraphModel.root.mxCell.map((c: { "@_value"?: string }) => c["@_value"] ?? "");
        const plan = JSON.parse(readFileSync(join(dirA, "plan.json"), "utf8"));
        const subnets = plan.resources.filter((r: { type: string }) => r.type === "aws:ec2/subnet:Subnet");
        assert.strictEqual(subnets.length, 4);
        for (const s of subnets) assert.ok(values.some((v) => v.startsWith(`${s.inputs.tags.Name}<br>${s.inputs.cidrBlock}`)), s.name);
        assert.strictEqual(Object.keys(plan.outputs.privateIps).length, 3);
        for (const [role, ip] of Object.entries(plan.outputs.privateIps as Record<string, string>)) {
            assert.ok(values.some((v) => v.includes(`-${role}-`) && v.endsWith(`private IP ${ip}`)), role);
        }
        assert.ok(values.some((v) => v === "tcp 22"), "an SSH arrow");
    });

    it("ssh_config has the three hosts", () => {
        const text = readFileSync(join(dirA, "ssh_config"), "utf8");
        for (const host of ["bastion", "web", "db"]) assert.match(text, new RegExp(`^Host \\S*${host}$`, "m"), host);
    });

    it("two runs write an identical plan.json", () => {
        assert.strictEqual(readFileSync(join(dirA, "plan.json"), "utf8"), readFileSync(join(dirB, "plan.json"), "utf8"));
    });

    it("--preview reports no mandatory violation", () => {
        assert.notStrictEqual(preview.code, 1, preview.stdout);
        assert.strictEqual(preview.code, 0, preview.stderr);
        const report = JSON.parse(preview.stdout);
        assert.strictEqual(report.source, "offline-preview");
        assert.deepStrictEqual(report.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory"), []);
    });

    it("round trip: policy:check on stack-export.json reports exactly what the preview reported", () => {
        assert.strictEqual(roundTrip.code, json.code, roundTrip.stderr);
        const a = JSON.parse(json.stdout);
        const b = JSON.parse(roundTrip.stdout);
        assert.deepStrictEqual([b.stack, b.resources, b.violations, b.notApplicable, b.summary], [a.stack, a.resources, a.violations, a.notApplicable, a.summary]);
        assert.strictEqual(b.description, "policy check of a `pulumi stack export` file written by the offline preview (mocked provider: ids, addresses and ARNs made up)");
    });
});
