/**
 * Runs a workflow job's steps here, as GitHub Actions would, against the real CLI and the stand-in provider.
 * `run:` steps run verbatim under `bash -e` (GitHub's default shell) in the workspace, with their `env:`,
 * `working-directory:` and a `$GITHUB_OUTPUT` whose values later `${{ steps.<id>.outputs.<key> }}` read.
 * Every `${{ }}` expression and every `uses:` must be one this file translates, or the run fails naming it,
 * so a new input or action cannot slip past untested. What cannot run here is said where it is skipped.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { repoRoot } from "../../engine/build/pins";
import { Engine } from "../../engine/locate";
import { EngineWorkspace } from "../../engine/workspace";

export interface WorkflowStep {
    id?: string;
    name?: string;
    if?: string;
    uses?: string;
    run?: string;
    with?: Record<string, string | boolean>;
    env?: Record<string, string>;
    "working-directory"?: string;
}
export interface WorkflowJob {
    if?: string;
    steps?: WorkflowStep[];
    strategy?: { matrix?: { stack?: string[] } };
}

export function readWorkflow(file: string): Record<string, WorkflowJob> {
    const text = fs.readFileSync(path.join(repoRoot, ".github", "workflows", file), "utf8");
    return (parse(text) as { jobs: Record<string, WorkflowJob> }).jobs;
}

/** What the run needs to know that GitHub would supply. */
export interface RunContext {
    stack: string;
    pullRequest: number;
    /** Repository variables (`vars.*`) set for the run; unset ones take the workflow's default. */
    vars: Record<string, string>;
}

/** One step's result: skipped (with why), or run with its exit code and output. */
export interface StepRun {
    name: string;
    skipped?: string;
    status?: number;
    stdout?: string;
    stderr?: string;
}

export interface JobRun {
    steps: StepRun[];
    /** `gh` invocations, one array of arguments each: the comment is recorded, not posted. */
    gh: string[][];
}

type Outputs = Record<string, Record<string, string>>;

/**
 * The expressions the workflows use, each with its value here. The DIY (file://) backend has one organization,
 * named `organization`, in place of Pulumi Cloud's; the Pulumi and GitHub tokens are not needed by a file backend
 * or the recorded `gh`.
 */
function evaluate(expression: string, ctx: RunContext, outputs: Outputs): string | boolean {
    const e = expression.trim();
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
    if (output) return outputs[output[1]]?.[output[2]] ?? "";
    const known: Record<string, () => string | boolean> = {
        "matrix.stack": () => ctx.stack,
        "vars.PULUMI_ORG || github.repository_owner": () => "organization",
        "github.event.pull_request.number": () => String(ctx.pullRequest),
        "secrets.PULUMI_ACCESS_TOKEN": () => "",
        "secrets.GITHUB_TOKEN": () => "",
        "!cancelled()": () => true,
        "vars.REACH_FAIL_ON_EXPOSURE == 'true' && '--fail-on-exposure' || ''": () => (ctx.vars.REACH_FAIL_ON_EXPOSURE === "true" ? "--fail-on-exposure" : ""),
        "steps.preview.outputs.status != '0' || steps.reach.outputs.status != '0'": () => outputs.preview?.status !== "0" || outputs.reach?.status !== "0",
    };
    const value = known[e];
    assert.ok(value, `the workflow uses \${{ ${e} }}, which tests/engine/workflow-run.ts does not translate: add it`);
    return value();
}

function expand(text: string, ctx: RunContext, outputs: Outputs): string {
    return text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => String(evaluate(e, ctx, outputs)));
}

function condition(step: WorkflowStep, ctx: RunContext, outputs: Outputs): boolean {
    if (step.if === undefined) return true;
    const inner = /^\s*\$\{\{(.*)\}\}\s*$/.exec(step.if)?.[1] ?? step.if;
    return evaluate(inner, ctx, outputs) === true;
}

/** Why a `uses:` step is not run here, or undefined when it is one this file does not know. */
function skipReason(step: WorkflowStep, engine: Engine): string | undefined {
    const uses = step.uses ?? "";
    if (/^actions\/checkout@/.test(uses)) return "the workspace is a copy of the repository";
    if (/^actions\/setup-node@/.test(uses)) return `Node.js is this process's ${process.version}`;
    if (/^aws-actions\/configure-aws-credentials@/.test(uses)) return "the stand-in provider takes no AWS credentials";
    if (/^pulumi\/actions@/.test(uses) && step.with?.command === undefined) {
        // The action only installs the CLI: the one on PATH is the engine, built at the version the action pins.
        assert.strictEqual(`v${String(step.with?.["pulumi-version"])}`, engine.version, "the action installs the CLI the engine was built at");
        return `the CLI is the engine's ${engine.version}`;
    }
    return undefined;
}

/** The workspace links the repository's node_modules and policies/node_modules, installed from the same lockfiles. */
const installs = (step: WorkflowStep): boolean => /^\s*npm ci\s*$/.test(step.run ?? "");

/** `gh` records its arguments (one per line) instead of reaching GitHub. */
const recordingGh = (log: string) => `gh() { printf '%s\\n' "$@" > "${log}.$(date +%s%N)"; }\n`;

export function runJob(job: WorkflowJob, ws: EngineWorkspace, engine: Engine, ctx: RunContext): JobRun {
    const outputs: Outputs = {};
    const runs: StepRun[] = [];
    const ghDir = ws.scratch(`gh-${ctx.stack}-${Date.now()}`);
    fs.mkdirSync(ghDir, { recursive: true });
    // policy:check and reach:diff are the repository's own scripts: the workspace's package.json names them.
    const offline = path.join(ws.dir, "offline");
    if (!fs.existsSync(offline)) fs.symlinkSync(path.join(repoRoot, "offline"), offline, "dir");
    for (const step of job.steps ?? []) {
        const name = step.name ?? step.uses ?? step.run ?? "";
        if (!condition(step, ctx, outputs)) {
            runs.push({ name, skipped: `if: ${step.if}` });
            continue;
        }
        if (step.uses) {
            const reason = skipReason(step, engine);
            assert.ok(reason, `${name}: tests/engine/workflow-run.ts does not know how to run ${step.uses}`);
            runs.push({ name, skipped: reason });
            continue;
        }
        if (installs(step)) {
            runs.push({ name, skipped: "node_modules are the repository's, from the same lockfiles" });
            continue;
        }
        const outputFile = ws.scratch(`github-output-${runs.length}`);
        fs.writeFileSync(outputFile, "");
        const env: NodeJS.ProcessEnv = { ...ws.env, GITHUB_OUTPUT: outputFile };
        for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v), ctx, outputs);
        const script = recordingGh(path.join(ghDir, "call")) + expand(step.run ?? "", ctx, outputs);
        const r = spawnSync("bash", ["-e", "-c", script], {
            cwd: path.join(ws.dir, step["working-directory"] ?? "."), env, encoding: "utf8", maxBuffer: 256 * 2 ** 20, timeout: 10 * 60_000,
        });
        runs.push({ name, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr + (r.error ? String(r.error) : "") });
        if (step.id) {
            outputs[step.id] = Object.fromEntries(fs.readFileSync(outputFile, "utf8").split("\n").filter(Boolean).map((l) => {
                const at = l.indexOf("=");
                return [l.slice(0, at), l.slice(at + 1)];
            }));
        }
        if (r.status !== 0) break; // a failed step ends the job, as on GitHub
    }
    const gh = fs.readdirSync(ghDir).sort().map((f) => fs.readFileSync(path.join(ghDir, f), "utf8").split("\n").slice(0, -1));
    return { steps: runs, gh };
}
