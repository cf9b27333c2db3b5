/**
 * `npm run twin [-- --stack NAME | --file EXPORT.json]`: the planned network brought up in Linux
 * network namespaces with real sshd/ssh and nftables, checked, and taken down. Root only.
 * Exit codes: 0 every check passed, 1 a check failed, 2 cannot run here or bad input, 3 a fault of the twin.
 */
import { parseArgs } from "util";
import { releaseLock, acquireLock } from "./lock";
import { missingRequirement, namespaceProblem } from "./preflight";
import { failureLine, renderRows, summary } from "./render";
import { fromFile, fromStack } from "./source";
import { cleanupAll, StepError } from "./system";
import { TopologyError } from "./topology";
import { runTwin } from "./twin";

const USAGE = "usage: npm run twin -- [--stack NAME | --file STACK-EXPORT.json]";
const EXIT = { pass: 0, fail: 1, cannotRun: 2, internal: 3 } as const;

function refuse(message: string): never {
    process.stderr.write(`error: ${message}\n`);
    process.exit(EXIT.cannotRun);
}

function parse(argv: string[]): { stack: string; file?: string } {
    try {
        const { values } = parseArgs({ args: argv, options: { stack: { type: "string" }, file: { type: "string" } }, strict: true, allowPositionals: false });
        if (values.stack && values.file) refuse(`give --stack or --file, not both. ${USAGE}`);
        const stack = values.stack ?? "dev";
        if (!/^[A-Za-z0-9_.-]+$/.test(stack)) refuse(`"${stack}" is not a stack name. ${USAGE}`);
        return { stack, file: values.file };
    } catch (e) {
        refuse(`${e instanceof Error ? e.message : String(e)}. ${USAGE}`);
    }
}

/** Takes everything down on the way out, whatever the way out is. */
function guardExits(): void {
    let cleaned = false;
    const clean = () => {
        if (cleaned) return;
        cleaned = true;
        cleanupAll();
        releaseLock();
    };
    process.on("exit", clean);
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
        process.on(signal, () => {
            process.stderr.write(`\ntwin: ${signal}, removing the twin's namespaces and files\n`);
            clean();
            process.exit(code);
        });
    }
}

function isInputError(e: unknown): e is Error {
    return e instanceof Error && ["TopologyError", "SnapshotReadError", "StackFileError", "ConfigError", "InputError"].includes(e.name);
}

async function main(): Promise<number> {
    const args = parse(process.argv.slice(2));
    const missing = missingRequirement();
    if (missing) refuse(missing);
    const holder = acquireLock();
    if (holder !== undefined) refuse(`another twin run (pid ${holder}) is in progress; wait for it to finish`);
    guardExits();
    const cannot = namespaceProblem();
    if (cannot) refuse(cannot);
    const started = Date.now();
    const source = args.file ? await fromFile(args.file) : await fromStack(args.stack);
    process.stdout.write(`bastion-network twin: ${source.label}\n`);
    process.stdout.write("Linux network namespaces, nftables and OpenSSH model the plan's routes and security groups; this is not AWS.\n");
    const result = await runTwin(source, (line) => process.stdout.write(`  ${line}\n`));
    process.stdout.write(`\n${renderRows(result.rows).join("\n")}\n\n`);
    for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
    process.stdout.write(`${summary(result.rows, (Date.now() - started) / 1000, source.label.split(" (")[0])}\n`);
    const failure = failureLine(result.rows);
    if (failure) {
        process.stderr.write(`${failure}\n`);
        return EXIT.fail;
    }
    return EXIT.pass;
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        if (isInputError(e) || e instanceof TopologyError) refuse(e.message.split("\n").join(" "));
        if (e instanceof StepError) {
            process.stderr.write(`error: the twin could not be built: ${e.message}\n`);
            process.exit(EXIT.internal);
        }
        process.stderr.write(`internal error in the twin (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exit(EXIT.internal);
    },
);
