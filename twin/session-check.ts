/**
 * The bastion's hardening over a real login: an interactive shell (a pty, as a person gets) where a
 * typed command must land in the command log in the audit line format, and `unset TMOUT` must fail.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { randomBytes } from "crypto";
import { CheckRow, lastLine, row } from "./check-row";
import { Operator, sshArgv } from "./operator";
import { run } from "./system";

export interface SessionInput {
    op: Operator;
    alias: string;
    /** The bastion's run directory: its private /var/log is `<dir>/log`. */
    dir: string;
    user: string;
    operatorIp: string;
    /** The rendered rsyslog rule's file, e.g. `/var/log/command.log`. */
    logFile: string;
}

/** `[USER]ubuntu [IP]203.0.113.10 [PID]123 [PWD]/home/ubuntu [COMMAND] echo ...`, the audit line format. */
export function auditLinePattern(user: string, ip: string, command: string): RegExp {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`\\[USER\\]${esc(user)} \\[IP\\]${esc(ip)} \\[PID\\]\\d+ \\[PWD\\]/\\S* \\[COMMAND\\] ${esc(command)}$`, "m");
}

async function readLog(file: string, pattern: RegExp): Promise<string | undefined> {
    for (let i = 0; i < 30; i++) {
        if (existsSync(file)) {
            const line = readFileSync(file, "utf8").split("\n").find((l) => pattern.test(l));
            if (line) return line;
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
}

/** The rows, and what bash complained about at login (beyond the expected TMOUT refusal). */
export async function sessionChecks(s: SessionInput): Promise<{ rows: CheckRow[]; loginErrors: string[] }> {
    const marker = `twin-probe-${randomBytes(4).toString("hex")}`;
    const typed = `echo ${marker}`;
    // typed into a pty; the echoed input shows `$?` and `$TMOUT` literally, only bash's answers carry digits
    const script = [typed, "unset TMOUT", 'echo "unset-rc=$?"', 'echo "tmout=$TMOUT"', "exit", ""].join("\n");
    const r = await run(sshArgv(s.op, ["-tt", s.alias]), 12000, script);
    // a pty's answer carries carriage returns and terminal modes (bracketed paste) around every line
    // eslint-disable-next-line no-control-regex
    const out = r.stdout.replace(/\r/g, "").replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
    const rows: CheckRow[] = [];
    const loggedIn = out.includes(marker);
    rows.push(row("hardening", `interactive login to ${s.alias}, typed: ${typed}`, "shell ran it", loggedIn ? "shell ran it" : `no shell: ${lastLine(r.stderr) || "no output"}`, loggedIn));
    const file = join(s.dir, "log", s.logFile.replace(/^\/var\/log\//, ""));
    const line = await readLog(file, auditLinePattern(s.user, s.operatorIp, typed));
    rows.push(
        row(
            "hardening",
            `command log ${s.logFile} has the typed command`,
            `[USER]${s.user} [IP]${s.operatorIp} [PID]n [PWD]dir [COMMAND] ${typed}`,
            line ? line.slice(line.indexOf("[USER]")) : existsSync(file) ? "not in the log (or not in the audit line format)" : "no log file written",
            line !== undefined,
        ),
    );
    const rc = /^unset-rc=(\d+)$/m.exec(out)?.[1];
    const tmout = /^tmout=(\d*)$/m.exec(out)?.[1];
    const readonlyError = /TMOUT: (cannot unset|readonly variable)/.test(out);
    rows.push(
        row(
            "hardening",
            "unset TMOUT in the session",
            "fails; TMOUT stays set",
            rc === undefined ? "no answer" : `exit ${rc}${readonlyError ? " (readonly variable)" : ""}, TMOUT=${tmout || "(empty)"}`,
            rc !== undefined && rc !== "0" && tmout !== undefined && tmout !== "",
        ),
    );
    const complaints = out.split("\n").filter((l) => /^-?bash: /.test(l) && !l.includes("TMOUT"));
    return { rows, loginErrors: complaints };
}
