import { isSnapshotReadError } from "../readers/read-error";
import { InputError } from "./input-error";

/** Exit codes both commands share. 3 is not an answer about the stack but a fault in this tool. */
export const EXIT = { clean: 0, mandatory: 1, badInput: 2, internal: 3 } as const;

interface ConfigErrorLike {
    name: string;
    message: string;
    problems: { key: string; message: string }[];
}

function isConfigError(e: unknown): e is ConfigErrorLike {
    return e instanceof Error && e.name === "ConfigError" && Array.isArray((e as Partial<ConfigErrorLike>).problems);
}

/** The message for an error the operator caused, or undefined for a fault of the tool itself. */
export function inputErrorMessage(e: unknown): string | undefined {
    if (e instanceof InputError || isSnapshotReadError(e)) return e.message;
    // the mock runner's "no Pulumi.<stack>.yaml" and friends: matched by name so this file loads nothing heavy
    if (e instanceof Error && e.name === "StackFileError") return e.message;
    if (isConfigError(e)) return `${e.message}\nFix these keys in the stack's Pulumi.<stack>.yaml and run again.`;
    return undefined;
}

function fail(e: unknown): never {
    const message = inputErrorMessage(e);
    if (message !== undefined) {
        process.stderr.write(`error: ${message}\n`);
        process.exit(EXIT.badInput);
    }
    process.stderr.write(`internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(EXIT.internal);
}

/**
 * Runs a command's main and turns its outcome into an exit code. Operator errors print one paragraph on
 * stderr; anything else is a bug here, printed with its stack so it can be reported. Failures exit at
 * once: the Pulumi runtime leaves a second, unhandled copy of a program's error behind, which Node would
 * otherwise print with its trace and exit 1 ("mandatory violation") for.
 */
export function runCommand(main: () => Promise<number>): void {
    process.on("unhandledRejection", fail);
    main().then((code) => {
        process.exitCode = code;
    }, fail);
}
