/**
 * Running commands as root, bounded in time, and finding everything a twin run makes by its prefix:
 * namespaces (with every process inside them) and run directories.
 */
import { spawn, spawnSync } from "child_process";
import { readdirSync, rmSync } from "fs";
import { join } from "path";
import { NS_PREFIX, RUN_DIR_PARENT, RUN_DIR_PREFIX } from "./names";

export interface Result {
    code: number | null;
    stdout: string;
    stderr: string;
    timedOut: boolean;
    ms: number;
}

export class StepError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StepError";
    }
}

/** A setup command that must work; its stderr becomes the one-line error. */
export function must(argv: string[], stdin?: string, timeoutMs = 5000): string {
    const r = spawnSync(argv[0], argv.slice(1), { input: stdin, encoding: "utf8", timeout: timeoutMs });
    if (r.status !== 0) {
        const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split("\n")[0];
        throw new StepError(`\`${argv.join(" ")}\` failed: ${why}`);
    }
    return r.stdout;
}

/**
 * Runs a command in its own process group and kills the whole group (ssh and its ProxyJump child)
 * when the time is up; never rejects.
 */
export function run(argv: string[], timeoutMs: number, stdin?: string): Promise<Result> {
    const started = Date.now();
    return new Promise((resolve) => {
        const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        let timedOut = false;
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => {
            timedOut = true;
            killGroup(child.pid);
        }, timeoutMs);
        child.on("error", (e) => {
            clearTimeout(timer);
            resolve({ code: null, stdout, stderr: stderr + e.message, timedOut, ms: Date.now() - started });
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            killGroup(child.pid);
            resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started });
        });
        child.stdin.on("error", () => undefined);
        child.stdin.end(stdin ?? "");
    });
}

function killGroup(pid: number | undefined): void {
    if (pid === undefined) return;
    try {
        process.kill(-pid, "SIGKILL");
    } catch {
        // already gone
    }
}

/** The twin's namespaces that exist now (this run's or an interrupted one's). */
export function twinNamespaces(): string[] {
    const r = spawnSync("ip", ["netns", "list"], { encoding: "utf8" });
    return (r.stdout ?? "")
        .split("\n")
        .map((l) => l.split(" ")[0])
        .filter((n) => n.startsWith(NS_PREFIX));
}

/**
 * Removes every twin namespace after killing the processes inside it (sshd, rsyslogd, listeners,
 * ssh clients — found by namespace, so nothing outside the twin is touched), then the run directories.
 * Returns what it removed.
 */
export function cleanupAll(keepDir?: string): string[] {
    const removed: string[] = [];
    for (const ns of twinNamespaces()) {
        const pids = spawnSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).stdout ?? "";
        for (const pid of pids.split(/\s+/).filter((p) => /^\d+$/.test(p))) {
            try {
                process.kill(Number(pid), "SIGKILL");
            } catch {
                // exited meanwhile
            }
        }
        spawnSync("ip", ["netns", "del", ns]);
        removed.push(`namespace ${ns}`);
    }
    for (const name of safeReaddir(RUN_DIR_PARENT)) {
        const dir = join(RUN_DIR_PARENT, name);
        if (!name.startsWith(RUN_DIR_PREFIX) || dir === keepDir) continue;
        rmSync(dir, { recursive: true, force: true });
        removed.push(`directory ${dir}`);
    }
    return removed;
}

function safeReaddir(dir: string): string[] {
    try {
        return readdirSync(dir);
    } catch {
        return [];
    }
}
