/**
 * policy:check on a stack with more reachability paths than the text report lists: the report shows the
 * first LISTED_PATHS and says where the rest are; `--all-paths` lists every one; reachability.json always
 * holds them all.
 */
import * as assert from "assert";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { syntheticStack, toStackExport } from "../../../bench/synthetic";
import { LISTED_PATHS } from "../../../offline/report/reachability-table";
import { CliRun, ROOT, runCli } from "./run-cli";

/** The table rows of the reachability section: between its header rule and the first line that is no row. */
function tableRows(stdout: string): string[] {
    const lines = stdout.split("\n");
    const start = lines.findIndex((l) => l.startsWith("Reachability (")) + 3;
    const end = lines.findIndex((l, i) => i >= start && !/^ {2}\S.* -> /.test(l));
    return lines.slice(start, end);
}

describe("policy:check lists the reachability paths that matter and points at the rest", function () {
    this.timeout(240_000);
    const file = join(mkdtempSync(join(tmpdir(), "paths-e2e-")), "paths-e2e.json");
    let listed: CliRun;
    let all: CliRun;

    before(async () => {
        writeFileSync(file, JSON.stringify(toStackExport(syntheticStack(300))));
        [listed, all] = await Promise.all([runCli("policy:check", [file]), runCli("policy:check", [file, "--all-paths"])]);
    });

    it("by default: the first LISTED_PATHS rows, what gets through first, and a line naming the file with every path", () => {
        assert.ok([0, 1].includes(listed.code), listed.stderr);
        const total = Number(/^Reachability \((\d+) paths/m.exec(listed.stdout)?.[1]);
        assert.ok(total > LISTED_PATHS, `the fixture has ${total} paths, more than the ${LISTED_PATHS} listed`);
        const rows = tableRows(listed.stdout);
        assert.equal(rows.length, LISTED_PATHS);
        const yes = (listed.stdout.match(/^Reachability \(\d+ paths: (\d+) yes/m) ?? [])[1];
        assert.equal(rows.filter((r) => /\s{2}yes\s{2}/.test(r)).length, Math.min(Number(yes), LISTED_PATHS));
        const json = JSON.parse(readFileSync(join(ROOT, "out", "reachability", "paths-e2e.json"), "utf8"));
        assert.equal(json.rows.length, total, "reachability.json holds every path");
        assert.match(listed.stdout, new RegExp(`^  \\.\\.\\. and ${total - LISTED_PATHS} more paths: .*every path is in out/reachability/paths-e2e\\.json \\(--all-paths lists them all here\\)\\.$`, "m"));
    });

    it("--all-paths lists every row, with no such line", () => {
        const total = Number(/^Reachability \((\d+) paths/m.exec(all.stdout)?.[1]);
        assert.equal(tableRows(all.stdout).length, total);
        assert.doesNotMatch(all.stdout, /more paths: /);
    });
});
