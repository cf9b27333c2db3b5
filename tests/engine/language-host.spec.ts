// Where the engine's Node.js language host comes from, and what is refused: `npm run engine:build` accepts only
// Pulumi's own build pinned by sha256, and the engine specs never run a CLI without its host beside it.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { builtLanguageHost, languageHostEnv, languageHostProblem, languageHostSource, sha256Of } from "../../engine/build/language-host";
import { pinnedLanguageHost, repoRoot } from "../../engine/build/pins";
import { locateEngine } from "../../engine/locate";

describe("the engine's language host", () => {
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "language-host-")); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("where the build takes it from", () => {
        const env = { INIT_CWD: "/home/op/clone" };
        it("a flag, in either form, made absolute against the folder the command was typed in", () => {
            assert.deepStrictEqual(languageHostSource(["--language-host", "../host"], env), { file: "/home/op/host", problems: [] });
            assert.deepStrictEqual(languageHostSource(["--language-host=/opt/host"], env), { file: "/opt/host", problems: [] });
        });
        it(`$${languageHostEnv} when no flag names one, the flag when both do`, () => {
            assert.strictEqual(languageHostSource([], { ...env, [languageHostEnv]: "/env/host" }).file, "/env/host");
            assert.strictEqual(languageHostSource(["--language-host", "/flag/host"], { ...env, [languageHostEnv]: "/env/host" }).file, "/flag/host");
            assert.strictEqual(languageHostSource([], env).file, undefined);
        });
        it("names a flag without its file and any other argument", () => {
            assert.deepStrictEqual(languageHostSource(["--language-host"], env).problems, ["--language-host needs a file: --language-host <file>"]);
            assert.deepStrictEqual(languageHostSource(["--language-host="], env).problems, ["--language-host needs a file: --language-host <file>"]);
            assert.deepStrictEqual(languageHostSource(["--host", "x"], env).problems, ['unknown argument "--host"', 'unknown argument "x"']);
        });
    });

    describe("what the build accepts", () => {
        it("refuses a missing file, a folder and any other build, naming both sha256", () => {
            assert.match(languageHostProblem(path.join(dir, "absent")) ?? "", /absent does not exist/);
            assert.match(languageHostProblem(dir) ?? "", /is not a file/);
            const other = path.join(dir, "pulumi-language-nodejs");
            fs.writeFileSync(other, "#!/bin/sh\necho a language host of another build\n");
            const problem = languageHostProblem(other) ?? "";
            assert.ok(problem.includes(`has sha256 ${sha256Of(other)}, not ${pinnedLanguageHost.sha256}`), problem);
        });

        it("`npm run engine:build` stops at once on another build (exit 2, one line, both sha256), leaving engine/bin/ as it was", () => {
            const other = path.join(dir, "other-host");
            fs.writeFileSync(other, "not Pulumi's host\n");
            const before = fs.existsSync(builtLanguageHost) ? sha256Of(builtLanguageHost) : undefined;
            const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "engine/build/build-engine.ts", "--language-host", other], {
                cwd: repoRoot, encoding: "utf8", env: { ...process.env, [languageHostEnv]: "" },
            });
            assert.strictEqual(r.status, 2, r.stderr);
            assert.strictEqual(r.stdout, "");
            assert.strictEqual(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
            assert.ok(r.stderr.includes(`has sha256 ${sha256Of(other)}, not ${pinnedLanguageHost.sha256}`), r.stderr);
            assert.match(r.stderr, /give Pulumi's own pulumi-language-nodejs v3\.248\.0 to `npm run engine:build -- --language-host <file>`/);
            assert.strictEqual(fs.existsSync(builtLanguageHost) ? sha256Of(builtLanguageHost) : undefined, before);
        });
    });

    describe("what the engine specs run", () => {
        it("refuses a CLI with no language host beside it", () => {
            const cliDir = path.join(dir, "cli-alone");
            fs.mkdirSync(cliDir);
            fs.writeFileSync(path.join(cliDir, "pulumi"), "#!/bin/sh\necho v3.248.0\n", { mode: 0o755 });
            const saved = process.env.BASTION_ENGINE_DIR;
            process.env.BASTION_ENGINE_DIR = cliDir;
            try {
                const found = locateEngine();
                assert.strictEqual(found.engine, undefined);
                assert.strictEqual(found.engine ? "" : found.reason, `${path.join(cliDir, "pulumi")} has no pulumi-language-nodejs beside it`);
            } finally {
                if (saved === undefined) delete process.env.BASTION_ENGINE_DIR;
                else process.env.BASTION_ENGINE_DIR = saved;
            }
        });
    });
});
