/** Wall-clock timing for in-process runs and for whole child processes. */
import { spawnSync } from "child_process";
import * as v8 from "v8";
import * as vm from "vm";

export function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * A full collection between runs, so one pack does not pay for the garbage the other left.
 * The root `bench` script cannot pass `--expose-gc`, so the flag is set at run time.
 */
const collect: () => void = (() => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as unknown;
    return typeof gc === "function" ? (gc as () => void) : () => undefined;
})();

export async function timeOnce<T>(fn: () => Promise<T>): Promise<{ seconds: number; result: T }> {
    collect();
    const start = process.hrtime.bigint();
    const result = await fn();
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

export interface ProcessTiming {
    /** Median wall time, or null when the command did not succeed. */
    seconds: number | null;
    runs: number[];
    /** Why `seconds` is null, or the exit codes seen. */
    note: string;
}

/**
 * Runs a command several times and takes the median wall time of the whole process.
 * `okCodes`: exit codes that count as a completed run (policy:check exits 1 on violations).
 */
export function timeProcess(cmd: string, args: string[], cwd: string, times: number, okCodes: number[] = [0]): ProcessTiming {
    const runs: number[] = [];
    const codes = new Set<number>();
    for (let i = 0; i < times; i++) {
        const start = process.hrtime.bigint();
        const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: "0" } });
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const code = r.status ?? -1;
        if (r.error || !okCodes.includes(code)) {
            const tail = `${r.stderr ?? ""}${r.stdout ?? ""}`.trim().split("\n").slice(-3).join(" | ");
            return { seconds: null, runs, note: `\`${[cmd, ...args].join(" ")}\` failed (exit ${code}): ${r.error?.message ?? tail}` };
        }
        codes.add(code);
        runs.push(seconds);
    }
    return { seconds: median(runs), runs, note: `exit ${[...codes].join("/")}` };
}
