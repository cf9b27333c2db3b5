/**
 * Every host's user data of both stacks, through cloud-init's own schema check, and every script the
 * cloud-config writes or runs through shellcheck (clean at its default severity; each disable in the
 * rendered text carries its reason).
 */
import * as assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderedHosts, RenderedHost, STACKS } from "./rendered";
import { requireTools, run, scratchDir } from "./tools";

/** Written files that are shell: sourced by bash (profile.d, bashrc fragments). */
function writtenScripts(host: RenderedHost): { path: string; content: string }[] {
    return (host.cloudConfig.write_files ?? []).filter((f) => /^\/etc\/profile\.d\/.*\.sh$|(^|\/)\.?bash\.?bashrc$|\/\.bashrc$/.test(f.path));
}

/** bootcmd/runcmd entries that are shell text: strings, and `sh -c <text>` lists. */
function commandScripts(host: RenderedHost): string[] {
    const cmds = [...(host.cloudConfig.bootcmd ?? []), ...(host.cloudConfig.runcmd ?? [])];
    return cmds.flatMap((c) => (typeof c === "string" ? [c] : c[0] === "sh" && c[1] === "-c" ? [c[2]] : []));
}

describe("tools: cloud-config of both stacks", function () {
    this.timeout(180_000);
    const hosts: RenderedHost[] = [];
    let dir = "";

    before(async function () {
        requireTools(this, ["cloud-init", "shellcheck"]);
        for (const stack of STACKS) hosts.push(...(await renderedHosts(stack)));
        dir = scratchDir("cloud-config");
    });

    it("has user data on every host of dev and prod", () => {
        assert.deepEqual(hosts.map((h) => h.name.replace(/-2[ac]$/, "")).sort(), [
            "mhson-ec2-bastion", "mhson-ec2-db", "mhson-ec2-web", "mhson-prod-ec2-bastion", "mhson-prod-ec2-db", "mhson-prod-ec2-web",
        ]);
    });

    it("cloud-init schema: every host's user data is valid cloud-config", () => {
        for (const h of hosts) {
            const file = join(dir, `${h.stack}-${h.name}.yaml`);
            writeFileSync(file, h.userData);
            const r = run("cloud-init", ["schema", "--config-file", file]);
            assert.equal(r.status, 0, `${h.stack} ${h.name}: ${r.summary}`);
            assert.match(r.stdout, /Valid schema|Valid cloud-config/, r.summary);
        }
    });

    it("shellcheck: every script the cloud-config writes is clean", () => {
        let checked = 0;
        for (const h of hosts) {
            for (const f of writtenScripts(h)) {
                const file = join(dir, `${h.stack}-${h.name}${f.path.replace(/\//g, "_")}`);
                // Fragments appended to bash's rc files have no shebang: they are bash by where they go.
                writeFileSync(file, f.content);
                const r = run("shellcheck", ["--shell=bash", file]);
                assert.equal(r.status, 0, `${h.stack} ${h.name} ${f.path}: ${r.summary}`);
                checked++;
            }
        }
        assert.ok(checked >= 10, `checked ${checked} scripts`);
    });

    it("shellcheck: every bootcmd and runcmd shell line is clean (cloud-init runs them with sh)", () => {
        let checked = 0;
        for (const h of hosts) {
            for (const [i, text] of commandScripts(h).entries()) {
                const r = run("shellcheck", ["--shell=sh", "-"], { input: `${text}\n` });
                assert.equal(r.status, 0, `${h.stack} ${h.name} command ${i}: ${text}\n${r.summary}`);
                checked++;
            }
        }
        assert.ok(checked >= 6, `checked ${checked} command lines`);
    });

    it("every shellcheck disable in the rendered scripts carries its reason", () => {
        for (const h of hosts) {
            const lines = writtenScripts(h).flatMap((f) => f.content.split("\n").map((line, i, all) => ({ line, before: all[i - 1] ?? "" })));
            for (const { line, before } of lines.filter((l) => /shellcheck disable=/.test(l.line))) {
                const reasoned = /disable=\S+\s+#\s*\S/.test(line) || (/^\s*#/.test(before) && !/shellcheck/.test(before));
                assert.ok(reasoned, `${h.name}: "${line.trim()}" needs a reason (on the line or in a comment just above)`);
            }
        }
    });
});
