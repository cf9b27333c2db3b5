/** The reachability table, reachability.json and the network.md section, and both commands printing and writing them. */
import { strict as assert } from "assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { reachabilityFileFor, reachabilityJson, REACHABILITY_FORMAT } from "../../../offline/artifacts/reachability-json";
import { reachabilityMarkdown } from "../../../offline/artifacts/network-md";
import { reachabilityOf, renderReachabilityTable } from "../../../offline/report/reachability-table";
import { networkOf, operatorCidrsOf } from "../../../offline/snapshot-network";
import { seedNetwork } from "../../policies/reachability/network-fixture";
import { ROOT, runCli } from "../cli/run-cli";

describe("reachability report", () => {
    const snapshot = seedNetwork().snapshot();
    const model = reachabilityOf(snapshot);

    it("names the operator's range from the bastion group's CIDR rules (not the web tier's 0.0.0.0/0)", () => {
        assert.deepEqual(operatorCidrsOf(networkOf(snapshot)), ["203.0.113.10/32"]);
        assert.ok(model.endpoints.some((e) => e.label === "operator 203.0.113.10/32"));
    });
    it("prints a count line and one line per path: from -> to, traffic, verdict, why", () => {
        const lines = renderReachabilityTable(model);
        const yes = model.rows.filter((r) => r.verdict === "yes").length;
        assert.equal(lines[0], `Reachability (${model.rows.length} paths: ${yes} yes, ${model.rows.length - yes} no, 0 unknown):`);
        assert.match(lines[1], /^ {2}from -> to +traffic +reachable +why$/);
        assert.equal(lines.length, 3 + model.rows.length);
        const op = lines.find((l) => l.includes("operator 203.0.113.10/32 -> t-ec2-bastion"))!;
        assert.match(op, /tcp 22 +yes +t-bastion-22-from-operator \(tcp 22 from 203\.0\.113\.10\/32\); to 203\.0\.113\.72 \(elastic-ip\); t-rt-admin/);
        // within one target, what gets through comes first
        const toDb = lines.filter((l) => / -> t-ec2-db /.test(l)).map((l) => (/ yes /.test(l) ? "yes" : "no"));
        assert.deepEqual(toDb, [...toDb].sort((a, b) => (a === b ? 0 : a === "yes" ? -1 : 1)));
    });
    it("writes reachability.json with endpoints, rows and counts", () => {
        const doc = JSON.parse(reachabilityJson(model, snapshot)) as { format: string; stack: string; summary: Record<string, number>; rows: unknown[]; endpoints: { id: string }[] };
        assert.equal(doc.format, REACHABILITY_FORMAT);
        assert.equal(doc.stack, "dev");
        assert.equal(doc.rows.length, model.rows.length);
        assert.equal(doc.summary.paths, model.rows.length);
        assert.equal(doc.summary.yes + doc.summary.no + doc.summary.unknown, model.rows.length);
        assert.deepEqual(doc.endpoints.map((e) => e.id).slice(0, 2), ["internet", "cidr:203.0.113.10/32"]);
        assert.equal(reachabilityJson(model, snapshot), reachabilityJson(reachabilityOf(snapshot), snapshot));
    });
    it("adds a Markdown table to network.md, pipes escaped", () => {
        const md = reachabilityMarkdown({ ...model, rows: [{ ...model.rows[0], reason: "a | b" }] });
        assert.match(md, /\n## Reachability\n/);
        assert.match(md, /\| from -> to \| traffic \| reachable \| why \|\n\|---\|---\|---\|---\|\n\| .* \| a \\\| b \|\n/);
    });
    it("names policy:check's file after its input", () => {
        assert.equal(reachabilityFileFor("/tmp/x/my stack.json"), join("out/reachability", "my_stack.json"));
        assert.equal(reachabilityFileFor("-"), join("out/reachability", "stdin.json"));
    });
    it("policy:check prints the table and writes out/reachability/<file>.json", async () => {
        const written = join(ROOT, "out/reachability/awsx-ts-nlb-simple.json");
        rmSync(written, { force: true });
        const run = await runCli("policy:check", ["tests/offline/fixtures/corpus/awsx-ts-nlb-simple.json"]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /Reachability \(1 path: 1 yes, 0 no, 0 unknown\):\n.*\n.*\n {2}internet -> nginx-lb +tcp 80 +yes +listener on tcp 80 \(no security group\)/);
        assert.ok(existsSync(written));
        assert.equal(JSON.parse(readFileSync(written, "utf8")).summary.yes, 1);
    });
    it("npm start prints the table and writes reachability.json and network.md's section", async () => {
        const dir = mkdtempSync(join(tmpdir(), "reach-"));
        try {
            const run = await runCli("start", ["--out", dir]);
            assert.equal(run.code, 0, run.stderr);
            assert.match(run.stdout, /\nReachability \(\d+ paths: \d+ yes, \d+ no, 0 unknown\):\n/);
            assert.match(run.stdout, /operator 203\.0\.113\.10\/32 -> mhson-ec2-bastion-2a +tcp 22 +yes/);
            const doc = JSON.parse(readFileSync(join(dir, "reachability.json"), "utf8")) as { stack: string; rows: { verdict: string }[] };
            assert.equal(doc.stack, "dev");
            assert.ok(doc.rows.some((r) => r.verdict === "yes"));
            assert.match(readFileSync(join(dir, "network.md"), "utf8"), /\n## Reachability\n[\s\S]*\| mhson-ec2-web-2a -> mhson-ec2-db-2a \| tcp 3306 \| yes \|/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
