/**
 * The system tools the generated files are checked with. In CI (CI=true) a missing tool fails the spec;
 * elsewhere the spec is skipped with one line naming the Debian/Ubuntu package to install.
 */
import { spawnSync, SpawnSyncReturns } from "node:child_process";
import { accessSync, constants, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Tool -> the apt package that provides it (what .ci/run installs). */
export const TOOL_PACKAGES = {
    "cloud-init": "cloud-init",
    shellcheck: "shellcheck",
    ssh: "openssh-client",
    "ssh-keygen": "openssh-client",
    sshd: "openssh-server",
    rsyslogd: "rsyslog",
    logger: "bsdutils",
    logrotate: "logrotate",
    script: "bsdutils",
    bash: "bash",
} as const;
export type Tool = keyof typeof TOOL_PACKAGES;

const SEARCH = (process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);

/** The tool's absolute path, or undefined when it is not installed. */
export function toolPath(tool: Tool): string | undefined {
    for (const dir of SEARCH) {
        try {
            accessSync(join(dir, tool), constants.X_OK);
            return join(dir, tool);
        } catch {
            // not in this directory
        }
    }
    return undefined;
}

export const inCi = process.env.CI === "true";
const announced = new Set<string>();

/**
 * Call in a `before` hook: skips the suite (or fails it in CI) when a tool is missing. Returns the paths.
 */
export function requireTools(ctx: Mocha.Context, tools: Tool[]): Record<Tool, string> {
    const missing = tools.filter((t) => !toolPath(t));
    if (missing.length) {
        const packages = [...new Set(missing.map((t) => TOOL_PACKAGES[t]))].join(" ");
        const line = `tool checks need ${missing.join(", ")}: install them with \`apt-get install ${packages}\``;
        if (inCi) throw new Error(`${line} (CI=true: these checks must run)`);
        if (!announced.has(line)) console.log(`      skipped: ${line}`);
        announced.add(line);
        ctx.skip();
    }
    return Object.fromEntries(tools.map((t) => [t, toolPath(t) as string])) as Record<Tool, string>;
}

export function scratchDir(label: string): string {
    return mkdtempSync(join(tmpdir(), `bastion-network-${label}-`));
}

/** Runs a tool; the result says how it went, stdout and stderr included, for the assertion message. */
export function run(bin: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): SpawnSyncReturns<string> & { summary: string } {
    const r = spawnSync(bin, args, { encoding: "utf8", input: options.input, env: options.env ?? process.env, timeout: options.timeoutMs ?? 60_000 });
    return Object.assign(r, { summary: `${bin} ${args.join(" ")} -> exit ${r.status}${r.signal ? ` (${r.signal})` : ""}\n${r.stdout}${r.stderr}` });
}
