// The README's reach:diff figure is what the command prints for the change it describes (main with
// webAccess: none, the pull request with webAccess: eip), line for line; docs/offline.md's usage line is the
// command's own and every flag its help lists has a row.
import * as assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliRun, ROOT, runCli } from "../offline/cli/run-cli";

/** The fenced block after `heading` in `text` (the first, or the one after `nth` others). */
function blockAfter(text: string, heading: string, nth = 0): string[] {
    let at = text.indexOf(heading);
    assert.ok(at >= 0, heading);
    for (let i = 0; i < nth; i++) at = text.indexOf("```", text.indexOf("```\n", at) + 4) + 3;
    const open = text.indexOf("```\n", at) + 4;
    return text.slice(open, text.indexOf("```", open)).replace(/\n$/, "").split("\n");
}

describe("reach:diff in the README and docs/offline.md", function () {
    this.timeout(240_000);
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const offline = readFileSync(join(ROOT, "docs", "offline.md"), "utf8");
    const heading = "## What a pull request opens or closes (`npm run reach:diff`)";
    let diff: CliRun;
    let help: CliRun;

    before(async () => {
        const tmp = mkdtempSync(join(tmpdir(), "reach-diff-docs-"));
        const main = join(tmp, "main-project");
        mkdirSync(main);
        copyFileSync(join(ROOT, "Pulumi.yaml"), join(main, "Pulumi.yaml"));
        const config = readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8");
        assert.doesNotMatch(config, /webAccess/, "the committed dev stack takes the default, eip");
        writeFileSync(join(main, "Pulumi.dev.yaml"), config.replace(/^( {4}nat: .*)$/m, "$1\n    webAccess: none"));
        const runs = await Promise.all([runCli("start", ["--project-dir", main, "--out", join(tmp, "main")]), runCli("start", ["--out", join(tmp, "pr")])]);
        for (const r of runs) assert.equal(r.code, 0, r.stderr);
        [diff, help] = await Promise.all([
            runCli("reach:diff", [join(tmp, "main", "stack-export.json"), join(tmp, "pr", "stack-export.json")]),
            runCli("reach:diff", ["--help"]),
        ]);
        diff.stdout = diff.stdout.split(tmp + "/").join("out/");
    });

    it("the README's commands are the ones the spec ran", () => {
        const commands = blockAfter(readme, heading).map((l) => l.replace(/\s+#.*$/, ""));
        assert.deepEqual(commands, ["npm start -- --out out/main", "npm start -- --out out/pr", "npm run reach:diff -- out/main/stack-export.json out/pr/stack-export.json"]);
    });

    it("the README's figure is what reach:diff prints, every line", () => {
        assert.equal(diff.code, 0, diff.stderr);
        assert.deepEqual(blockAfter(readme, heading, 1), diff.stdout.replace(/\n$/, "").split("\n"));
    });

    it("docs/offline.md: the usage line is the command's own and every flag of --help has a row", () => {
        const usage = help.stdout.split("\n")[0].replace(/^usage: /, "");
        assert.equal(blockAfter(offline, "## `npm run reach:diff`")[0], usage);
        const flags = [...help.stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]).filter((f) => f !== "--help");
        assert.deepEqual(flags, ["--json", "--markdown", "--drawio", "--fail-on-exposure"]);
        for (const flag of flags) assert.ok(offline.includes(`| \`${flag}`), `${flag} has a row in docs/offline.md`);
    });
});
