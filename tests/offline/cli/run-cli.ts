/** Spawns the two commands exactly as package.json's scripts do, collecting exit code and output. */
import { execFile } from "child_process";
import { readFileSync } from "fs";
import { join } from "path";

export const ROOT = join(__dirname, "..", "..", "..");

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

function scriptArgv(script: "start" | "policy:check" | "reach:diff"): string[] {
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    return scripts[script].split(" ");
}

/** Runs the script with `args`; `stdin`, when given, is written to its standard input (then closed). */
export function runCli(script: "start" | "policy:check" | "reach:diff", args: string[], stdin?: string): Promise<CliRun> {
    const [cmd, ...base] = scriptArgv(script);
    return new Promise((resolve) => {
        const child = execFile(cmd, [...base, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
            resolve({ code, stdout, stderr });
        });
        if (stdin !== undefined) child.stdin?.end(stdin);
        else child.stdin?.end();
    });
}
