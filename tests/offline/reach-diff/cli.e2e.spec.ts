// `npm run reach:diff` as package.json runs it: text, JSON, Markdown and diagram outputs, standard input,
// the exposure gate's exit code and the refusals (exit 2, one line, no stack trace).
import * as assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drawingProblems } from "../../../offline/diagram/drawing-checks";
import { readDrawing } from "../../../offline/diagram/drawio-geometry";
import { CliRun, ROOT, runCli } from "../cli/run-cli";
import { ExportDoc, named, otherProject } from "./mutations";

/** A copy of the project whose dev stack reaches the web tier differently (`webAccess`). */
function projectWith(dir: string, webAccess: string): string {
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    const config = readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8").replace(/^( {4}nat: .*)$/m, `$1\n    webAccess: ${webAccess}`);
    assert.match(config, new RegExp(`webAccess: ${webAccess}`));
    writeFileSync(join(dir, "Pulumi.dev.yaml"), config);
    return dir;
}

const oneErrorLine = (run: CliRun) => {
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.equal(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
    assert.match(run.stderr, /^error: /);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
};

describe("npm run reach:diff", function () {
    this.timeout(240_000);
    const tmp = mkdtempSync(join(tmpdir(), "reach-diff-e2e-"));
    const file = (name: string) => join(tmp, name);
    const exportOf = (out: string) => join(tmp, out, "stack-export.json");
    const runs: Record<string, CliRun> = {};

    before(async () => {
        const made = await Promise.all([
            runCli("start", ["--out", join(tmp, "dev")]),
            runCli("start", ["--preview", "--out", join(tmp, "dev-preview")]),
            runCli("start", ["--project-dir", projectWith(file("none-project"), "none"), "--out", join(tmp, "none")]),
        ]);
        for (const m of made) assert.equal(m.code, 0, m.stderr);
        const dev = exportOf("dev");
        const none = exportOf("none");
        const devDoc = JSON.parse(readFileSync(dev, "utf8")) as ExportDoc;
        writeFileSync(file("other-project.json"), JSON.stringify(otherProject(devDoc, "someone-else")));
        // what `pulumi preview --json` prints when only the web's Elastic IP goes: that one step (unchanged resources have none)
        const eip = named(devDoc, "mhson-eip-web-2a");
        // `pulumi stack export` of a stack never deployed: no resources, so no project to compare
        writeFileSync(file("empty.json"), JSON.stringify({ version: 3, deployment: { manifest: {}, resources: [] } }));
        writeFileSync(file("delete-eip.json"), JSON.stringify({ steps: [{ op: "delete", urn: eip.urn, oldState: eip }] }));
        const entries: [string, Promise<CliRun>][] = [
            ["help", runCli("reach:diff", ["--help"])],
            ["same", runCli("reach:diff", [dev, exportOf("dev-preview")])],
            ["opened", runCli("reach:diff", [none, dev])],
            ["openedGate", runCli("reach:diff", ["-", dev, "--json", "--fail-on-exposure", "--markdown", file("comment.md"), "--drawio", file("opened.drawio")], readFileSync(none, "utf8"))],
            ["closedGate", runCli("reach:diff", [dev, none, "--fail-on-exposure", "--drawio", file("closed.drawio")])],
            ["previewDelete", runCli("reach:diff", [dev, "-", "--json"], readFileSync(file("delete-eip.json"), "utf8"))],
            ["emptyBase", runCli("reach:diff", [file("empty.json"), dev, "--fail-on-exposure"])],
            ["missing", runCli("reach:diff", [file("nope.json"), dev])],
            ["notSnapshot", runCli("reach:diff", [join(ROOT, "package.json"), dev])],
            ["projects", runCli("reach:diff", [dev, file("other-project.json")])],
            ["oneFile", runCli("reach:diff", [dev])],
            ["twoStdin", runCli("reach:diff", ["-", "-"], "{}")],
            ["badMarkdown", runCli("reach:diff", [dev, dev, "--markdown", join(tmp, "no-such-dir", "c.md")])],
        ];
        const results = await Promise.all(entries.map(([, p]) => p));
        entries.forEach(([k], i) => (runs[k] = results[i]));
    });

    it("--help prints the usage with every flag and exits 0", () => {
        assert.equal(runs.help.code, 0);
        assert.ok(runs.help.stdout.startsWith("usage: npm run reach:diff -- BASE NEW"));
        for (const flag of ["--json", "--markdown FILE", "--drawio FILE", "--fail-on-exposure"]) assert.ok(runs.help.stdout.includes(flag), flag);
    });

    it("an export and an offline preview of the same config: no change (ids and addresses are not identity)", () => {
        assert.equal(runs.same.code, 0, runs.same.stderr);
        assert.match(runs.same.stdout, /^No reachability change/m);
    });

    it("webAccess none -> eip, as text: the two paths to the web's 8080 from outside, exit 0 without the gate", () => {
        assert.equal(runs.opened.code, 0, runs.opened.stderr);
        assert.match(runs.opened.stdout, /^2 paths added, 2 from the internet$/m);
        assert.match(runs.opened.stdout, /^ {2}internet -> mhson-ec2-web-2a +tcp 8080 +mhson-sgr-web-8080-from-anywhere .*\(elastic-ip\)/m);
        assert.doesNotMatch(runs.opened.stdout, /^Removed|^Changed/m);
    });

    it("--json from standard input: { added, removed, changed, unknown }, each entry with from, to, protocol, ports, verdict, reason; --fail-on-exposure exits 1", () => {
        assert.equal(runs.openedGate.code, 1, runs.openedGate.stderr);
        const out = JSON.parse(runs.openedGate.stdout);
        assert.deepEqual(Object.keys(out), ["added", "removed", "changed", "unknown"]);
        assert.deepEqual(out.added.map((e: { from: string }) => e.from).sort(), ["internet", "operator 203.0.113.10/32"]);
        for (const e of out.added) {
            assert.deepEqual(Object.keys(e), ["from", "to", "protocol", "ports", "verdict", "reason"]);
            assert.deepEqual([e.to, e.protocol, e.ports, e.verdict], ["mhson-ec2-web-2a", "tcp", { from: 8080, to: 8080 }, "yes"]);
        }
        assert.deepEqual([out.removed, out.changed, out.unknown], [[], [], []]);
    });

    it("--markdown writes the comment: the summary line, the added table with the why per row", () => {
        const md = readFileSync(file("comment.md"), "utf8");
        assert.match(md, /^### Reachability diff: \(standard input\) -> .*stack-export\.json \(bastion-network \/ dev; both from the offline preview's mocked provider\)$/m);
        assert.match(md, /^\*\*2 paths added, 2 from the internet\*\*$/m);
        assert.match(md, /^#### Added \(a new yes\): 2$/m);
        assert.match(md, /^\| internet -> mhson-ec2-web-2a \| tcp 8080 \| mhson-sgr-web-8080-from-anywhere .* \|$/m);
        assert.doesNotMatch(md, /<details>/, "two rows stay open");
    });

    it("the reverse change closes them: listed as removed, and the gate stays 0", () => {
        assert.equal(runs.closedGate.code, 0, runs.closedGate.stderr);
        assert.match(runs.closedGate.stdout, /^2 paths removed$/m);
        assert.match(runs.closedGate.stdout, /^ {2}internet -> mhson-ec2-web-2a +tcp 8080 +mhson-sgr-web-8080-from-anywhere .* +mhson-ec2-web-2a has no public address$/m);
    });

    it("a preview as NEW lists only what it changes: read as BASE with its steps applied (one delete step closes the web's two paths from outside, nothing else moves)", () => {
        assert.equal(runs.previewDelete.code, 0, runs.previewDelete.stderr);
        const out = JSON.parse(runs.previewDelete.stdout);
        assert.deepEqual(out.removed.map((e: { from: string; to: string }) => `${e.from} -> ${e.to}`).sort(), ["internet -> mhson-ec2-web-2a", "operator 203.0.113.10/32 -> mhson-ec2-web-2a"]);
        assert.deepEqual([out.added, out.changed, out.unknown], [[], [], []]);
    });

    it("a stack never deployed as BASE: every yes of NEW is added, and the gate sees the ones from outside", () => {
        assert.equal(runs.emptyBase.code, 1, runs.emptyBase.stderr);
        assert.match(runs.emptyBase.stdout, /\(bastion-network \/ dev; BASE holds no resources; NEW from the offline preview's mocked provider\)\n8 paths added, 3 from the internet\n/);
    });

    it("--drawio draws the change: opened arrows green with a legend, closed ones dashed red", () => {
        const opened = readFileSync(file("opened.drawio"), "utf8");
        const closed = readFileSync(file("closed.drawio"), "utf8");
        const edges = (xml: string, colour: string) => [...xml.matchAll(/<mxCell id="edge\d+"[^>]*style="([^"]*)"/g)].filter((m) => m[1].includes(colour));
        // one arrow from the internet's box and one from the operator's into the web host
        assert.equal(edges(opened, "strokeColor=#1E8E3E").length, 2);
        assert.equal(edges(opened, "strokeColor=#C62828").length, 0);
        assert.equal(edges(closed, "strokeColor=#C62828").length, 2);
        assert.equal(edges(closed, "strokeColor=#1E8E3E").length, 0);
        assert.ok(edges(closed, "strokeColor=#C62828").every((m) => m[1].includes("dashed=1")));
        for (const xml of [opened, closed]) assert.match(xml, /id="legend"[^>]*value="Legend&lt;br&gt;orange: allowed path/);
        assert.doesNotMatch(readFileSync(join(tmp, "dev", "network.drawio"), "utf8"), /id="legend"|#1E8E3E|#C62828/, "without a base the diagram draws no change and no legend");
        // the same layout checks as every diagram: children inside parents, no arrow through a box, no label on another
        for (const xml of [opened, closed]) assert.deepEqual(drawingProblems(readDrawing(xml)), []);
    });

    it("bad input: a missing file, a file that is not a snapshot, two projects, one file, stdin twice, an unwritable --markdown: exit 2, one line", () => {
        for (const k of ["missing", "notSnapshot", "projects", "oneFile", "twoStdin", "badMarkdown"]) oneErrorLine(runs[k]);
        assert.match(runs.missing.stderr, /nope\.json does not exist/);
        assert.match(runs.notSnapshot.stderr, /is JSON but not a Pulumi format/);
        assert.match(runs.projects.stderr, /project "bastion-network" .* project "someone-else"/);
        assert.match(runs.oneFile.stderr, /Give two snapshots, BASE and NEW/);
        assert.match(runs.twoStdin.stderr, /one of BASE and NEW, not both/);
        assert.match(runs.badMarkdown.stderr, /--markdown .* could not be written/);
        assert.equal(existsSync(join(tmp, "no-such-dir")), false);
    });
});
