// The README's figures come from the commands it names: its `npm start` sample is what `npm start` prints
// (every line shown, in order; `...` marks a cut), and its corpus table counts each export's findings as the
// report does (its summary's mandatory and advisory counts).
import * as assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliRun, ROOT, runCli } from "../offline/cli/run-cli";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const CORPUS = join(ROOT, "tests", "offline", "fixtures", "corpus");

/** The first fenced block after `heading`. */
function blockAfter(heading: string): string[] {
    const at = README.indexOf(heading);
    assert.ok(at >= 0, heading);
    const open = README.indexOf("```\n", at) + 4;
    return README.slice(open, README.indexOf("```", open)).replace(/\n$/, "").split("\n");
}

describe("README figures", function () {
    this.timeout(240_000);
    let start: CliRun;
    let corpus: CliRun;
    const files = readdirSync(CORPUS).filter((f) => f.endsWith(".json")).sort();

    before(async () => {
        const out = join(mkdtempSync(join(tmpdir(), "readme-")), "dev");
        [start, corpus] = await Promise.all([
            runCli("start", ["--out", out]),
            runCli("policy:check", [...files.map((f) => join(CORPUS, f)), "--json"]),
        ]);
        // The sample shows the default folder; the run wrote elsewhere so a developer's out/dev is left alone.
        start.stdout = start.stdout.split(out).join("out/dev");
    });

    it("the `npm start` sample: every line is printed, in order", () => {
        assert.equal(start.code, 0, start.stderr);
        const printed = start.stdout.split("\n");
        let at = 0;
        for (const line of blockAfter("## What `npm start` prints")) {
            if (line.trim() === "...") continue;
            const found = printed.indexOf(line, at);
            assert.ok(found >= 0, `README line not printed (after line ${at}):\n${line}\n--- npm start printed:\n${start.stdout}`);
            at = found + 1;
        }
    });

    it("the corpus table: each export's mandatory and advisory counts as its report's summary has them", () => {
        const reports = JSON.parse(corpus.stdout) as { summary: { mandatory: number; advisory: number } }[];
        const counts = new Map(files.map((f, i) => [f.replace(/\.json$/, ""), reports[i].summary]));
        const rows = [...README.slice(README.indexOf("### What it says about stacks it never saw")).matchAll(/^\| ([a-z0-9, -]+?) \| (\d+) \| (\d+)(?: each)? \|/gm)];
        const named = rows.flatMap((m) => m[1].split(", ").map((name) => [name, Number(m[2]), Number(m[3])] as const));
        assert.deepEqual(named.map(([n]) => n).sort(), [...counts.keys()].sort(), "every export of the corpus has a row");
        for (const [name, mandatory, advisory] of named) {
            assert.deepEqual({ mandatory, advisory }, { mandatory: counts.get(name)!.mandatory, advisory: counts.get(name)!.advisory }, name);
        }
    });
});
