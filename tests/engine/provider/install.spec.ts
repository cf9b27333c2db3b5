/** The plugins land where the engine looks for them (plugins.go at v3.248.0) and start as a provider should. */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installStandInPlugins } from "../../../engine/provider/install";

const pinned = (pkg: string) => (JSON.parse(readFileSync(join(__dirname, "../../../node_modules/@pulumi", pkg, "package.json"), "utf8")) as { version: string }).version;

/** Starts a plugin as the engine does and returns what it prints first (its port) and how long that took. */
function firstLine(executable: string): Promise<{ line: string; ms: number }> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const child = spawn(executable, [], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
        child.stdout.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes("\n")) {
                child.kill();
                resolve({ line: out.split("\n")[0], ms: Date.now() - started });
            }
        });
        child.on("exit", (code) => { if (!out.includes("\n")) reject(new Error(`plugin exited ${code} before printing its port: ${err}`)); });
    });
}

describe("stand-in provider: installation", () => {
    let home: string;
    before(() => { home = mkdtempSync(join(tmpdir(), "stand-in-home-")); });
    after(() => rmSync(home, { recursive: true, force: true }));

    it("writes executable pulumi-resource-aws and -tls at the pinned versions, with no .partial marker", () => {
        const plugins = installStandInPlugins(home);
        assert.deepEqual(plugins.map((p) => [p.name, p.version]), [["aws", pinned("aws")], ["tls", pinned("tls")]]);
        for (const p of plugins) {
            assert.equal(p.executable, join(home, "plugins", `resource-${p.name}-v${p.version}`, `pulumi-resource-${p.name}`));
            assert.ok(statSync(p.executable).mode & 0o100, "executable");
            assert.match(readFileSync(p.executable, "utf8"), /STAND-IN .*nothing is deployed/);
            assert.equal(existsSync(`${p.dir}.partial`), false);
        }
    });

    it("does nothing the second time when the sources have not changed", () => {
        const [aws] = installStandInPlugins(home);
        const before = statSync(aws.executable).mtimeMs;
        installStandInPlugins(home);
        assert.equal(statSync(aws.executable).mtimeMs, before);
    });

    it("starts and prints its gRPC port, as the engine expects of a provider", async () => {
        const [aws, tls] = installStandInPlugins(home);
        for (const p of [aws, tls]) {
            const { line, ms } = await firstLine(p.executable);
            assert.match(line, /^\d+$/, `${p.name} printed a port`);
            assert.ok(ms < 10_000, `${p.name} started in ${ms} ms`);
        }
    });
});
