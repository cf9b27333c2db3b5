/**
 * `npm run policy:check -- FILE...`: the pack on stacks that already exist, read from `pulumi stack
 * export` or `pulumi preview --json` files (`-`: standard input). Never loads @pulumi/aws: rules only read
 * plain values. Several files: one report each, then one summary line over all of them.
 */
import "./plain-stack-traces";
import { ReadResult } from "../readers/read-result";
import { buildReport, exitCodeFor, PolicyReport } from "../report/report";
import { renderText } from "../report/render-text";
import { subnetRows } from "../report/subnet-rows";
import { parsePolicyCheckArgs, POLICY_CHECK_HELP } from "./arguments";
import { overallSummary } from "./overall-summary";
import { readPolicyConfig } from "./policy-config";
import { runCommand } from "./run-command";
import { readInputs } from "./read-inputs";
import { runPack } from "./run-pack";
import { basename, dirname } from "path";
import { reachabilityFileFor, writeReachabilityJson } from "../artifacts/reachability-json";
import { LISTED_PATHS, reachabilityOf } from "../report/reachability-table";

async function main(argv: string[]): Promise<number> {
    const args = parsePolicyCheckArgs(argv);
    if (args.help) {
        process.stdout.write(POLICY_CHECK_HELP);
        return 0;
    }
    const config = readPolicyConfig(args.policyConfig);
    // every file is read before any is checked, so a bad one fails fast with exit 2 and no partial report
    const inputs: ReadResult[] = readInputs(args.files);
    const reports: PolicyReport[] = [];
    const texts: string[] = [];
    for (const input of inputs) {
        const report = buildReport(input.snapshot, await runPack(input.snapshot, config));
        reports.push(report);
        const reachability = reachabilityOf(input.snapshot);
        const written = writeReachabilityJson(reachabilityFileFor(input.file), reachability, input.snapshot);
        if (!args.json) {
            const header = inputs.length > 1 ? `== ${input.file} ==\n` : "";
            const subnets = subnetRows(input.snapshot, input.outputs);
            texts.push(header + renderText({ report, snapshot: input.snapshot, subnets, warnings: input.warnings, reachability,
                paths: { limit: args.allPaths ? undefined : LISTED_PATHS, fullIn: written, allFlag: "--all-paths" }, artifacts: { dir: dirname(written), files: [basename(written)] } }));
        }
    }
    // one file: the report object, as `npm start --json` prints it; several: an array of them
    if (args.json) process.stdout.write(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + "\n");
    else process.stdout.write(texts.join("\n") + (inputs.length > 1 ? `\n${overallSummary(reports)}\n` : ""));
    return Math.max(0, ...reports.map(exitCodeFor));
}

runCommand(() => main(process.argv.slice(2)));
