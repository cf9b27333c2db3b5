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
    let out = "";
    const files = readdirSync(CORPUS).filter((f) => f.endsWith(".json")).sort();

    before(async () => {
        out = join(mkdtempSync(join(tmpdir(), "readme-")), "dev");
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

    it("docs/offline.md's Mermaid sample is the diagram npm start writes to network.md", () => {
        const mermaid = (text: string) => {
            const open = text.indexOf("```mermaid\n");
            assert.ok(open >= 0, "a Mermaid block");
            return text.slice(open, text.indexOf("```", open + 10));
        };
        assert.equal(mermaid(readFileSync(join(ROOT, "docs", "offline.md"), "utf8")), mermaid(readFileSync(join(out, "network.md"), "utf8")));
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

describe("docs/offline.md figures and usage", function () {
    this.timeout(240_000);
    const doc = readFileSync(join(ROOT, "docs", "offline.md"), "utf8");
    const block = (marker: string) => {
        const at = doc.indexOf(marker);
        assert.ok(at >= 0, marker);
        const open = doc.indexOf("```\n", at) + 4;
        return doc.slice(open, doc.indexOf("```", open)).replace(/\n$/, "").split("\n");
    };
    /** Every line of `shown` (bar `...` cuts) is in `printed`, in order. */
    const inOrder = (shown: string[], printed: string) => {
        const lines = printed.split("\n");
        let at = 0;
        for (const line of shown) {
            if (line.trim() === "...") continue;
            const found = lines.indexOf(line, at);
            assert.ok(found >= 0, `line not printed (after line ${at}):\n${line}\n--- printed:\n${printed}`);
            at = found + 1;
        }
    };
    let start: CliRun;
    let check: CliRun;
    let helps: CliRun[];

    before(async () => {
        const out = join(mkdtempSync(join(tmpdir(), "offline-doc-")), "dev");
        [start, check, ...helps] = await Promise.all([
            runCli("start", ["--out", out]),
            runCli("policy:check", [join(ROOT, "tests", "offline", "fixtures", "ssh-open-to-world.json")]),
            runCli("start", ["--help"]),
            runCli("policy:check", ["--help"]),
        ]);
        start.stdout = start.stdout.split(out).join("out/dev");
    });

    it("the npm start sample is printed line for line", () => inOrder(block("`npm start` on the dev stack"), start.stdout));
    it("the policy:check sample is what it prints", () => {
        assert.equal(check.code, 1);
        assert.deepEqual(block("`npm run policy:check -- tests/offline/fixtures/ssh-open-to-world.json`"), check.stdout.replace(/\n$/, "").split("\n"));
    });
    it("each usage line is the command's own, and every flag its help lists has a row", () => {
        for (const [i, heading] of [[0, "## `npm start`"], [1, "## `npm run policy:check`"]] as const) {
            const usage = helps[i].stdout.split("\n")[0].replace(/^usage: /, "");
            assert.equal(block(heading)[0], usage);
            for (const flag of helps[i].stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)) {
                if (flag[1] !== "--help") assert.ok(doc.includes(`| \`${flag[1]}`) || usage.includes(flag[1]), `${flag[1]} documented`);
            }
        }
    });
});
