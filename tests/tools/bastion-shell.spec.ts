/**
 * The bastion's rendered profile scripts in a real interactive bash (on a pseudo-terminal, through
 * `script`), with the audit line going to a real rsyslogd through the rendered rule: a private socket
 * and main config (laid out as Ubuntu's, repeated-message reduction on), the log file under a scratch
 * directory. Each dodge the audit must survive is typed, and the log shows what it recorded.
 */
import * as assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AUDIT_PROFILE, RSYSLOG_DROP_IN, SESSION_PROFILE } from "../../infra/access/cloud-init";
import { AUDIT_LOG_FILE, HISTORY_OFF_NOTICE } from "../../infra/access/shell-audit";
import { renderedHosts, writtenFile } from "./rendered";
import { requireTools, scratchDir } from "./tools";

const CLIENT_IP = "198.51.100.7";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Types `lines` into an interactive bash on a pty, one every 400 ms; resolves with the transcript. */
function typeInto(script: string, command: string, lines: string[], env: NodeJS.ProcessEnv): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn(script, ["-qfec", command, "/dev/null"], { env, stdio: ["pipe", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`bash did not exit:\n${out}`)); }, 60_000);
        child.on("exit", () => { clearTimeout(timer); resolve(out.replace(/\r/g, "")); });
        lines.forEach((line, i) => setTimeout(() => child.stdin.write(`${line}\n`), 600 + i * 400));
    });
}

describe("tools: the bastion's audit and timeout in a real bash with a real rsyslogd", function () {
    this.timeout(120_000);
    let rsyslogd: ChildProcess | undefined;
    let transcript = "";
    let logged: string[] = [];
    let dir = "";

    before(async function () {
        const tools = requireTools(this, ["bash", "script", "rsyslogd", "logger"]);
        const bastion = (await renderedHosts("dev")).find((h) => h.name.includes("-bastion-"));
        assert.ok(bastion, "dev renders a bastion");
        dir = scratchDir("bastion-shell");

        // The rendered scripts, and the bashrc hook pointing at their copies.
        const session = join(dir, "session.sh");
        const audit = join(dir, "audit.sh");
        writeFileSync(session, writtenFile(bastion, SESSION_PROFILE) ?? "");
        writeFileSync(audit, writtenFile(bastion, AUDIT_PROFILE) ?? "");
        const hook = (bastion.cloudConfig.write_files ?? []).find((f) => f.path === "/etc/bash.bashrc")?.content ?? "";
        const rc = join(dir, "bash.bashrc");
        writeFileSync(rc, `PATH=${join(dir, "bin")}:$PATH\n${hook.split(SESSION_PROFILE).join(session).split(AUDIT_PROFILE).join(audit)}`);

        // rsyslogd on a private socket, with the rendered rule; logger goes to that socket.
        const socket = join(dir, "log.sock");
        const logFile = join(dir, "command.log");
        mkdirSync(join(dir, "rsyslog.d"));
        writeFileSync(join(dir, "rsyslog.d", "40-command-audit.conf"), (writtenFile(bastion, RSYSLOG_DROP_IN) ?? "").split(AUDIT_LOG_FILE).join(logFile));
        writeFileSync(join(dir, "rsyslog.conf"), [
            `global(workDirectory="${dir}")`, 'module(load="imuxsock" SysSock.Use="off")', `input(type="imuxsock" Socket="${socket}")`,
            "$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat", "$RepeatedMsgReduction on",
            `$IncludeConfig ${join(dir, "rsyslog.d")}/*.conf`, `*.* ${join(dir, "other.log")}`, "",
        ].join("\n"));
        rsyslogd = spawn(tools.rsyslogd, ["-n", "-f", join(dir, "rsyslog.conf"), "-i", join(dir, "rsyslogd.pid")], { stdio: "ignore" });
        for (let i = 0; i < 50 && !existsSync(socket); i++) await sleep(100);
        assert.ok(existsSync(socket), "rsyslogd opened its socket");
        mkdirSync(join(dir, "bin"));
        writeFileSync(join(dir, "bin", "logger"), `#!/bin/sh\nexec ${tools.logger} -u ${socket} "$@"\n`);
        chmodSync(join(dir, "bin", "logger"), 0o755);

        const bash = `${tools.bash} --noprofile --rcfile ${rc} -i`;
        transcript = await typeInto(tools.script, bash, [
            "echo one",
            " echo hidden-by-space",
            "",
            "echo one",
            "unset TMOUT",
            "HISTCONTROL=ignorespace",
            `. ${session}`,
            `. ${audit}`,
            "declare -p TMOUT",
            bash,
            "unset TMOUT",
            "exit",
            "set +o history",
            "echo unseen",
            "set -o history",
            "echo back",
            "exit",
        ], { ...process.env, HOME: dir, HISTFILE: join(dir, "history"), SSH_CLIENT: `${CLIENT_IP} 50000 22`, TERM: "dumb" });
        await sleep(1000);
        logged = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").filter(Boolean) : [];
    });

    after(() => {
        rsyslogd?.kill("SIGTERM");
    });

    it("logs in the audit line format, through the rendered rsyslog rule", () => {
        assert.ok(logged.length > 0, `nothing reached ${dir}/command.log; transcript:\n${transcript}`);
        for (const line of logged) {
            assert.match(line, new RegExp(`command-audit: \\[USER\\]\\S+ \\[IP\\]${CLIENT_IP.replace(/\./g, "\\.")} \\[PID\\]\\d+ \\[PWD\\]\\S+ \\[COMMAND\\] .+$`), line);
        }
    });

    it("records each command once: a leading space, an empty Enter, repeats, a child bash and set +o history do not hide or re-log anything", () => {
        const commands = logged.map((l) => /\[COMMAND\] (.*)$/.exec(l)?.[1] ?? "");
        assert.deepEqual(commands, [
            "echo one",
            " echo hidden-by-space",
            "echo one",
            "unset TMOUT",
            "HISTCONTROL=ignorespace",
            `. ${join(dir, "session.sh")}`,
            `. ${join(dir, "audit.sh")}`,
            "declare -p TMOUT",
            "unset TMOUT",
            commands[9],
            "set +o history",
            HISTORY_OFF_NOTICE,
            HISTORY_OFF_NOTICE,
            "echo back",
        ], `transcript:\n${transcript}`);
        assert.match(commands[9], /--rcfile .* -i$/, "the child bash, logged once it exits");
        const pids = logged.map((l) => /\[PID\](\d+)/.exec(l)?.[1]);
        assert.notEqual(pids[8], pids[0], "the child's command is logged from the child");
        assert.ok(logged.every((l) => !/message repeated/.test(l)), "no repeat folding");
    });

    it("TMOUT is readonly in the login shell and in a child bash; history settings cannot be changed; re-sourcing is silent", () => {
        assert.match(transcript, /declare -rx TMOUT="600"/);
        const errors = transcript.split("\n").filter((l) => /readonly variable/.test(l)).map((l) => l.replace(/^.*?bash: /, ""));
        assert.deepEqual(errors, [
            "unset: TMOUT: cannot unset: readonly variable",
            "HISTCONTROL: readonly variable",
            "unset: TMOUT: cannot unset: readonly variable",
        ], `transcript:\n${transcript}`);
    });
});
