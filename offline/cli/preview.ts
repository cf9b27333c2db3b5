/**
 * `npm start`: the offline preview. Runs the stack program under mocks with the stack's config, runs the
 * pack on what it registered, prints the report and writes the artifacts. Nothing touches a cloud.
 */
import "./plain-stack-traces";
import { isAbsolute, relative, resolve } from "path";
import { withStackRoot } from "../artifacts/stack-root";
import { writeArtifacts } from "../artifacts/write-artifacts";
import { buildReport, exitCodeFor } from "../report/report";
import { renderText } from "../report/render-text";
import { subnetRows } from "../report/subnet-rows";
import { parsePreviewArgs } from "./arguments";
import { readPolicyConfig } from "./policy-config";
import { runCommand } from "./run-command";
import { runPack } from "./run-pack";

async function main(argv: string[]): Promise<number> {
    const args = parsePreviewArgs(argv);
    const config = readPolicyConfig(args.policyConfig);
    // loaded only now: it pulls in the stack program and @pulumi/aws, the slow part of a run
    const { runStackOffline } = await import("../mock-runner");
    const run = await runStackOffline({
        stack: args.stack,
        preview: args.preview,
        projectDir: args.projectDir === undefined ? undefined : resolve(args.projectDir),
    });
    const snapshot = withStackRoot(run.snapshot, run.outputs);
    const report = buildReport(snapshot, await runPack(snapshot, config));
    const subnets = subnetRows(snapshot, run.outputs);
    const dir = resolve(args.out ?? `out/${args.stack}`);
    const files = await writeArtifacts(dir, { snapshot, outputs: run.outputs, report, subnets });
    if (args.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    else {
        // shown relative to where the command ran, as the operator typed it, when that is shorter
        const shown = relative(process.cwd(), dir);
        const display = shown === "" || shown.startsWith("..") || isAbsolute(shown) ? dir : shown;
        process.stdout.write(renderText({ report, snapshot, subnets, artifacts: { dir: display, files } }));
    }
    return exitCodeFor(report);
}

runCommand(() => main(process.argv.slice(2)));
