// The workflows' Pulumi steps under the real CLI. GitHub Actions cannot run here, so every `pulumi/actions` step
// is translated into the CLI command the action runs (command, stack, policy packs, message) and run against the
// stand-in provider after the values a fork must set. What cannot be exercised here: the OIDC role assumption, the
// Pulumi Cloud token and backend, the PR comment and the environment approval — all GitHub- or cloud-side.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { repoRoot } from "../../engine/build/pins";
import { describeWithEngine, ok, ownValues, useWorkspace } from "../helpers/engine";

interface Step {
    name?: string;
    uses?: string;
    with?: Record<string, string | boolean>;
}

interface PulumiStep {
    workflow: string;
    name: string;
    command: string;
    stack: string;
    policyPacks: string[];
}

/** The `with:` inputs of pulumi/actions this translation knows; any other input fails the spec until it is added. */
// pulumi-version: the CLI the action installs; tests/workflows checks it equals package.json's pin, which the engine is built at.
const cliOnlyInputs = new Set(["comment-on-pr", "comment-on-summary", "diff", "message", "pulumi-version"]);
const translatedInputs = new Set(["command", "stack-name", "policyPacks", ...cliOnlyInputs]);

function pulumiSteps(): PulumiStep[] {
    const dir = path.join(repoRoot, ".github", "workflows");
    const steps: PulumiStep[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
        const doc = parse(fs.readFileSync(path.join(dir, file), "utf8")) as { jobs: Record<string, { steps?: Step[]; strategy?: { matrix?: { stack?: string[] } } }> };
        for (const job of Object.values(doc.jobs)) {
            for (const step of job.steps ?? []) {
                if (!step.uses?.startsWith("pulumi/actions@")) continue;
                const inputs = step.with ?? {};
                const unknown = Object.keys(inputs).filter((k) => !translatedInputs.has(k));
                assert.deepStrictEqual(unknown, [], `${file}: pulumi/actions inputs this spec does not translate`);
                const stackName = String(inputs["stack-name"]);
                // `<org>/<stack>`: the org is Pulumi Cloud's; a matrix expands to each of its stacks.
                const stacks = stackName.includes("matrix.stack") ? job.strategy?.matrix?.stack ?? [] : [stackName.split("/").pop()!];
                for (const stack of stacks) {
                    steps.push({
                        workflow: file, name: step.name ?? String(inputs.command), command: String(inputs.command), stack,
                        policyPacks: String(inputs.policyPacks ?? "").split("\n").map((p) => p.trim()).filter(Boolean),
                    });
                }
            }
        }
    }
    return steps;
}

describeWithEngine("the workflows' pulumi steps under the real CLI", (engine) => {
    const steps = pulumiSteps();

    it("finds the preview and up steps of both workflows", () => {
        assert.deepStrictEqual(steps.map((s) => `${s.workflow} ${s.command} ${s.stack}`).sort(), [
            "deploy.yml up dev", "deploy.yml up prod", "pull-request.yml preview dev", "pull-request.yml preview prod",
        ]);
    });

    for (const stack of ["dev", "prod"]) {
        describe(stack, () => {
            const ws = useWorkspace(engine);
            before(() => {
                ok(ws().pulumi(["stack", "init", stack]));
                for (const [key, value] of Object.entries(ownValues)) ok(ws().pulumi(["config", "set", "--path", key, value]));
            });

            for (const command of ["preview", "up"]) {
                it(`${command}: the action's command succeeds with the pack`, () => {
                    const step = steps.find((s) => s.stack === stack && s.command === command);
                    assert.ok(step, `a ${command} step for ${stack}`);
                    const packs = step.policyPacks.flatMap((p) => ["--policy-pack", path.join(ws().dir, p)]);
                    const extra = command === "up" ? ["--yes"] : [];
                    ok(ws().pulumi([command, "--stack", stack, ...packs, ...extra]));
                });
            }
        });
    }
});
