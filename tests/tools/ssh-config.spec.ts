/**
 * The ssh config `npm start` writes (out/<stack>/ssh_config), read by ssh itself: `ssh -G -F <file>`
 * resolves every Host, and an Instance Connect entry that hops through the bastion hands `-F <file>`
 * on to the hop, so it works from a file that is not ~/.ssh/config.
 */
import * as assert from "node:assert/strict";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hostAliases, STACKS, writeSshConfig } from "./rendered";
import { requireTools, run, scratchDir } from "./tools";

/** `ssh -G` output as option -> value (first value wins, as ssh prints it). */
function resolved(text: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const line of text.split("\n")) {
        const m = /^(\S+) (.*)$/.exec(line);
        if (m && !out.has(m[1])) out.set(m[1], m[2]);
    }
    return out;
}

describe("tools: ssh config of both stacks", function () {
    this.timeout(120_000);
    let dir = "";
    let ssh = "";
    /** A stand-in `aws` first on PATH: records each push the config runs and refuses it, so nothing leaves the machine. */
    let env: NodeJS.ProcessEnv = {};
    let pushes = "";

    before(function () {
        ssh = requireTools(this, ["ssh"]).ssh;
        dir = scratchDir("ssh");
        const bin = join(dir, "bin");
        mkdirSync(bin);
        pushes = join(dir, "aws-calls.log");
        writeFileSync(join(bin, "aws"), `#!/bin/sh\necho "$*" >> ${pushes}\nexit 1\n`);
        chmodSync(join(bin, "aws"), 0o755);
        writeFileSync(pushes, "");
        env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, HOME: dir };
    });

    for (const stack of STACKS) {
        it(`${stack}: ssh -G -F out/${stack}/ssh_config resolves every Host`, async () => {
            const file = await writeSshConfig(stack, dir);
            const aliases = hostAliases(readFileSync(file, "utf8"));
            assert.ok(aliases.length >= 6, `${aliases.join(", ")}`);
            for (const alias of aliases) {
                const r = run(ssh, ["-G", "-F", file, alias], { env });
                assert.equal(r.status, 0, `${alias}: ${r.summary}`);
                const o = resolved(r.stdout);
                assert.notEqual(o.get("hostname"), alias, `${alias} resolves to an address`);
                assert.equal(o.get("identitiesonly"), "yes", alias);
                const jump = o.get("proxyjump");
                if (jump && jump !== "none") assert.ok(aliases.includes(jump), `${alias} jumps via ${jump}, an entry of the same file`);
                const command = o.get("proxycommand") ?? "none";
                assert.doesNotMatch(command, /(^|[;&|"\s])ssh\s(?![^"]*-F)/, `${alias}: a ProxyCommand running ssh without -F cannot find the file's entries`);
            }
        });
    }

    it("dev: the -eic entries hop through the bastion entry with -F passed on, after pushing the target's key", async () => {
        const file = await writeSshConfig("dev", dir);
        const text = readFileSync(file, "utf8");
        const web = hostAliases(text).find((a) => /-web-eic$/.test(a));
        assert.ok(web, "dev has a web -eic entry");
        writeFileSync(pushes, "");
        // A real connection attempt, stopped early: ssh logs how it will reach the hop before connecting.
        const r = run(ssh, ["-v", "-F", file, "-o", "BatchMode=yes", "-o", "ConnectTimeout=1", web, "true"], { env, timeoutMs: 8_000 });
        assert.match(r.stderr, new RegExp(`ProxyCommand from ProxyJump: \\S*ssh -F ${file.replace(/[/.]/g, "\\$&")} .*-W '\\[%h\\]:%p' \\S+-bastion-eic`), r.summary);
        const calls = readFileSync(pushes, "utf8");
        const instanceId = /--instance-id (i-\w+)/.exec(text.split("\n").find((l) => l.startsWith(`Match originalhost ${web} `)) ?? "")?.[1];
        assert.ok(instanceId && calls.includes(`send-ssh-public-key --region ap-northeast-2 --instance-id ${instanceId} `), `pushed to web first:\n${calls}`);
    });
});
