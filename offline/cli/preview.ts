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
import { parsePreviewArgs, PREVIEW_HELP } from "./arguments";
import { prepareOutDir } from "./out-dir";
import { outputsText } from "./outputs-text";
import { readPolicyConfig } from "./policy-config";
import { runCommand } from "./run-command";
import { runPack } from "./run-pack";

async function main(argv: string[]): Promise<number> {
    const args = parsePreviewArgs(argv);
    if (args.help) {
        process.stdout.write(PREVIEW_HELP);
        return 0;
    }
    const config = readPolicyConfig(args.policyConfig);
    const dir = resolve(args.out ?? `out/${args.stack}`);
    prepareOutDir(dir);
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
    const files = await writeArtifacts(dir, { snapshot, outputs: run.outputs, report, subnets });
    if (args.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    else {
        // shown relative to where the command ran, as the operator typed it, when that is shorter
        const shown = relative(process.cwd(), dir);
        const display = shown === "" || shown.startsWith("..") || isAbsolute(shown) ? dir : shown;
        const lines = renderText({ report, snapshot, subnets, artifacts: { dir: display, files } }).trimEnd().split("\n");
        // The stack's outputs as `pulumi up` shows them, just before the one summary line that ends the report.
        const summary = lines.pop();
        while (lines[lines.length - 1] === "") lines.pop();
        const outputs = outputsText(run.outputs);
        const note = outputs ? `${outputs}    (mocked provider: the ids, ARNs and addresses above are made up from names)\n\n` : "";
        process.stdout.write(`${lines.join("\n")}\n\n${note}${summary}\n`);
    }
    return exitCodeFor(report);
}

runCommand(() => main(process.argv.slice(2)));
