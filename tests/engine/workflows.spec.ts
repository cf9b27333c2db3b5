// The workflows' Pulumi steps under the real CLI, against the stand-in provider (nothing is deployed anywhere).
// GitHub Actions cannot run here: deploy.yml's `pulumi/actions` steps are translated into the CLI command the action
// runs (command, stack, policy packs), and pull-request.yml's preview job is run step by step (workflow-run.ts):
// its own shell for the export, `pulumi preview --json` with the pack, policy:check and reach:diff, and the comment
// body it builds, with `gh` recorded instead of posting. What cannot be exercised here: the OIDC role assumption,
// the Pulumi Cloud token and backend, posting the comment and the environment approval — GitHub- or cloud-side.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { describeWithEngine, ok, ownValues, useWorkspace } from "../helpers/engine";
import { JobRun, readWorkflow, runJob, WorkflowJob, WorkflowStep } from "./workflow-run";

interface ActionStep {
    command: string;
    stack: string;
    policyPacks: string[];
}

/** The `with:` inputs of pulumi/actions this translation knows; any other input fails the spec until it is added. */
// pulumi-version: the CLI the action installs; tests/workflows checks it equals package.json's pin, which the engine is built at.
const cliOnlyInputs = new Set(["comment-on-pr", "comment-on-summary", "diff", "message", "pulumi-version"]);
const translatedInputs = new Set(["command", "stack-name", "policyPacks", ...cliOnlyInputs]);

const stacksOf = (job: WorkflowJob, name: string): string[] => (name.includes("matrix.stack") ? job.strategy?.matrix?.stack ?? [] : [name.split("/").pop()!]);

/** deploy.yml's `pulumi/actions` steps that run a command, one per stack. */
function actionSteps(file: string): ActionStep[] {
    return Object.values(readWorkflow(file)).flatMap((job) => (job.steps ?? []).filter((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command !== undefined).flatMap((step) => {
        const inputs = step.with ?? {};
        const unknown = Object.keys(inputs).filter((k) => !translatedInputs.has(k));
        assert.deepStrictEqual(unknown, [], `${file}: pulumi/actions inputs this spec does not translate`);
        const policyPacks = String(inputs.policyPacks ?? "").split("\n").map((p) => p.trim()).filter(Boolean);
        return stacksOf(job, String(inputs["stack-name"])).map((stack) => ({ command: String(inputs.command), stack, policyPacks }));
    }));
}

/** `pulumi <subcommand>` lines of a job's `run:` steps, per stack of its matrix: `stack export`, `preview`, ... */
function cliLines(file: string): string[] {
    return Object.values(readWorkflow(file)).flatMap((job) => (job.steps ?? []).flatMap((s: WorkflowStep) =>
        [...(s.run ?? "").matchAll(/^\s*pulumi\s+(stack\s+\w+|\w+)/gm)].flatMap((m) => stacksOf(job, String(s.env?.STACK ?? "")).map((stack) => `${m[1]} ${stack}`))));
}

const previewJob = (): WorkflowJob => readWorkflow("pull-request.yml").preview;

/** The run's step of that name, which must have run and exited `status`. */
function ran(run: JobRun, name: string, status = 0): { stdout: string; stderr: string } {
    const step = run.steps.find((s) => s.name === name);
    assert.ok(step, `no step "${name}" in ${JSON.stringify(run.steps.map((s) => s.name))}`);
    assert.strictEqual(step.skipped, undefined, `"${name}" was skipped: ${step.skipped}`);
    assert.strictEqual(step.status, status, `"${name}" exited ${step.status}\n--- stdout\n${step.stdout}\n--- stderr\n${step.stderr}`);
    return { stdout: step.stdout ?? "", stderr: step.stderr ?? "" };
}

describeWithEngine("the workflows' pulumi steps under the real CLI", (engine) => {
    it("finds the up steps of deploy.yml and the export and preview of pull-request.yml, for both stacks", () => {
        assert.deepStrictEqual(actionSteps("deploy.yml").map((s) => `${s.command} ${s.stack}`).sort(), ["up dev", "up prod"]);
        assert.deepStrictEqual(cliLines("pull-request.yml").sort(), ["preview dev", "preview prod", "stack export dev", "stack export prod"]);
    });

    for (const stack of ["dev", "prod"]) {
        describe(stack, () => {
            const ws = useWorkspace(engine);
            const file = (name: string) => path.join(ws().dir, name);
            const read = (name: string) => fs.readFileSync(file(name), "utf8");
            const resourcesIn = (report: string) => Number(/^Resources \((\d+)\), by component:$/m.exec(report)?.[1]);
            let firstPolicy = "";
            const pullRequest = () => runJob(previewJob(), ws(), engine(), { stack, pullRequest: 7, vars: {} });

            /** What every pull-request run must show: the comment holds the pack's verdict, policy:check's report and the diff. */
            function checkComment(run: JobRun): string {
                const previewed = ran(run, "pulumi preview with the pack");
                assert.strictEqual(previewed.stdout + previewed.stderr, "", "the preview's JSON goes to preview.json, nothing else");
                const preview = JSON.parse(read("preview.json")) as { steps?: { op: string; urn: string }[]; diagnostics?: unknown[] };
                assert.ok((preview.steps ?? []).length > 0, "preview.json lists the preview's steps");
                ran(run, "Policy result and reachability diff");
                const comment = read("comment.md");
                const policy = read("policy.txt");
                assert.match(policy, new RegExp(`^bastion-network / stack ${stack}: policy check of \`pulumi preview --json\` output\n`));
                assert.match(policy, /^Policy check passed: .*, 0 mandatory violations/m);
                assert.ok(comment.startsWith(`## ${stack}: preview with bastion-network-guard passed\n`), comment.slice(0, 200));
                assert.ok(comment.includes("```\n" + policy + "```\n</details>"), "the comment holds policy:check's report verbatim");
                assert.ok(comment.endsWith(read("reach.md")), "the comment ends with reach:diff's Markdown");
                ran(run, "Comment on the pull request");
                assert.deepStrictEqual(run.gh, [["pr", "comment", "7", "--body-file", "comment.md"]]);
                const last = run.steps[run.steps.length - 1];
                assert.match(last.skipped ?? "", /^if: /, `the job's failing step runs only on a violation or an exposure: ${JSON.stringify(last)}`);
                return read("reach.md");
            }

            before(() => {
                ok(ws().pulumi(["stack", "init", stack]));
                for (const [key, value] of Object.entries(ownValues)) ok(ws().pulumi(["config", "set", "--path", key, value]));
            });

            it("pull request before the first up: the export is empty, the comment lists every path the stack opens as added", () => {
                const run = pullRequest();
                ran(run, "The deployed stack's export");
                const exported = JSON.parse(read("deployed.json")) as { version: number; deployment: { resources?: unknown[] } };
                assert.strictEqual(exported.version, 3);
                assert.deepStrictEqual(exported.deployment.resources ?? [], [], "nothing is up yet");
                const reach = checkComment(run);
                firstPolicy = read("policy.txt");
                assert.ok(resourcesIn(firstPolicy) > 20, "policy:check saw the whole stack the preview creates");
                assert.match(reach, /BASE holds no resources/);
                assert.match(reach, /\d+ paths? added/);
                assert.match(reach, new RegExp(`operator ${ownValues["bastion-network:settings.operatorCidrs[0]"].replace(/[./]/g, "\\$&")} -> acme-ec2-bastion`), reach);
            });

            it("up: deploy.yml's action command succeeds with the pack", () => {
                const step = actionSteps("deploy.yml").find((s) => s.stack === stack && s.command === "up");
                assert.ok(step, `an up step for ${stack}`);
                const packs = step.policyPacks.flatMap((p) => ["--policy-pack", path.join(ws().dir, p)]);
                ok(ws().pulumi(["up", "--stack", stack, ...packs, "--yes"]));
            });

            it("pull request after the up, with the exposure gate on: the export holds the stack, the comment says nothing changes", () => {
                const run = runJob(previewJob(), ws(), engine(), { stack, pullRequest: 7, vars: { REACH_FAIL_ON_EXPOSURE: "true" } });
                const exported = JSON.parse(read("deployed.json")) as { deployment: { resources?: { type: string }[] } };
                assert.ok((exported.deployment.resources ?? []).some((r) => r.type === "aws:ec2/instance:Instance"), "the export holds the instances brought up");
                assert.match(checkComment(run), /No reachability change/);
                const [before, after] = [resourcesIn(firstPolicy), resourcesIn(read("policy.txt"))];
                assert.strictEqual(after, before, "policy:check on the preview of the unchanged stack sees every resource, not only what changes");
            });
        });
    }
});
