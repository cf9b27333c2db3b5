// A throwaway place to run the real CLI on this project (or a fixture program): a copy of the program, its
// own PULUMI_HOME holding the stand-in AWS/TLS plugins, a `file://` backend and a passphrase. Nothing in it
// reaches a cloud or the network, and the repository's own Pulumi.<stack>.yaml files are never touched.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "./build/pins";
import { Engine } from "./locate";
import { installStandInPlugins } from "./provider/install";

export interface RunResult {
    status: number;
    stdout: string;
    stderr: string;
    /** The command line, for failure messages. */
    command: string;
}

export interface EngineWorkspace {
    /** The program's folder (the copy): run `pulumi` here. */
    dir: string;
    /** The environment every command runs with. */
    env: NodeJS.ProcessEnv;
    pulumi(args: string[], opts?: { input?: string }): RunResult;
    /** A path for a file of the run's own (event logs, exports, configs), beside the program, removed with it. */
    scratch(name: string): string;
    /** Runs a bash script in `dir` with the workspace's environment (for the README's commands). */
    bash(script: string): RunResult;
    remove(): void;
}

/** What a copy of this project holds: the program, the pack and the stack files. */
export const projectEntries = ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "package.json", "tsconfig.json", "infra", "policies", "schema"];

export interface WorkspaceOptions {
    /** Folder of a fixture program to copy instead of this project (it uses the repository's node_modules). */
    programDir?: string;
    /** A project with no program, named so (for importing someone else's export and analyzing it). */
    emptyProject?: string;
    /** Extra environment (e.g. a fixed HOME for ssh-keygen). */
    env?: NodeJS.ProcessEnv;
}

function copyInto(source: string, target: string): void {
    fs.cpSync(source, target, {
        recursive: true,
        filter: (src) => path.basename(src) !== "node_modules",
    });
}

export function createWorkspace(engine: Engine, options: WorkspaceOptions = {}): EngineWorkspace {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "bastion-engine-"));
    const dir = path.join(root, "project");
    const home = path.join(root, "home");
    const state = path.join(root, "state");
    for (const d of [dir, home, state]) fs.mkdirSync(d, { recursive: true });

    if (options.emptyProject) {
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${options.emptyProject}\nruntime: nodejs\n`);
    } else if (options.programDir) {
        copyInto(options.programDir, dir);
    } else {
        for (const entry of projectEntries) {
            if (fs.existsSync(path.join(repoRoot, entry))) copyInto(path.join(repoRoot, entry), path.join(dir, entry));
        }
        const packModules = path.join(repoRoot, "policies", "node_modules");
        if (fs.existsSync(packModules)) fs.symlinkSync(packModules, path.join(dir, "policies", "node_modules"), "dir");
    }
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    installStandInPlugins(path.join(root, "pulumi-home"));

    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: `${engine.binDir}${path.delimiter}${process.env.PATH ?? ""}`,
        HOME: home,
        USER: process.env.USER ?? "operator",
        PULUMI_HOME: path.join(root, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${state}`,
        PULUMI_CONFIG_PASSPHRASE: "engine-spec-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "1",
        PULUMI_SKIP_CONFIRMATIONS: "1",
        // `--event-log` (where the analyzer's findings are read) is a debug flag at v3.248.0.
        PULUMI_DEBUG_COMMANDS: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "1",
        NO_COLOR: "1",
        // Never inherit real credentials: the stand-in needs none, and nothing may reach AWS.
        AWS_ACCESS_KEY_ID: "stand-in",
        AWS_SECRET_ACCESS_KEY: "stand-in",
        AWS_PROFILE: "",
        ...options.env,
    };
    const finish = (command: string, r: ReturnType<typeof spawnSync>): RunResult => ({
        status: r.status ?? -1,
        stdout: String(r.stdout ?? ""),
        stderr: String(r.stderr ?? "") + (r.error ? String(r.error) : ""),
        command,
    });
    return {
        dir,
        env,
        pulumi: (args, opts = {}) =>
            finish(`pulumi ${args.join(" ")}`, spawnSync(engine.pulumi, args.includes("--non-interactive") ? args : [...args, "--non-interactive"], {
                cwd: dir, env, encoding: "utf8", input: opts.input, maxBuffer: 256 * 2 ** 20, timeout: 10 * 60_000,
            })),
        scratch: (name) => path.join(root, name),
        bash: (script) =>
            finish(script, spawnSync("bash", ["-euo", "pipefail", "-c", script], {
                cwd: dir, env, encoding: "utf8", maxBuffer: 256 * 2 ** 20, timeout: 10 * 60_000,
            })),
        remove: () => fs.rmSync(root, { recursive: true, force: true }),
    };
}
