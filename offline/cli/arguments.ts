import { parseArgs } from "util";
import { InputError } from "./input-error";

export interface PreviewArgs {
    stack: string;
    preview: boolean;
    json: boolean;
    out?: string;
    policyConfig?: string;
    /** Where Pulumi.yaml and Pulumi.<stack>.yaml are; the repository root unless given. */
    projectDir?: string;
}

export interface PolicyCheckArgs {
    files: string[];
    json: boolean;
    policyConfig?: string;
}

export const PREVIEW_USAGE =
    "usage: npm start -- [--stack NAME] [--preview] [--json] [--out DIR] [--policy-config FILE] [--project-dir DIR]";
export const POLICY_CHECK_USAGE = "usage: npm run policy:check -- FILE... [--json] [--policy-config FILE]";

function parse<T extends Record<string, { type: "string" | "boolean" }>>(argv: string[], options: T, positionals: boolean, usage: string) {
    try {
        return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
    } catch (e) {
        // parseArgs' own wording names the flag; add the usage line so the fix is on screen
        throw new InputError(`${e instanceof Error ? e.message : String(e)}. ${usage}`);
    }
}

export function parsePreviewArgs(argv: string[]): PreviewArgs {
    const { values } = parse(
        argv,
        { stack: { type: "string" }, preview: { type: "boolean" }, json: { type: "boolean" }, out: { type: "string" }, "policy-config": { type: "string" }, "project-dir": { type: "string" } },
        false,
        PREVIEW_USAGE,
    );
    const stack = values.stack ?? "dev";
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new InputError(`"${stack}" is not a stack name (letters, digits, "-", "_", "."). ${PREVIEW_USAGE}`);
    return { stack, preview: values.preview ?? false, json: values.json ?? false, out: values.out, policyConfig: values["policy-config"], projectDir: values["project-dir"] };
}

export function parsePolicyCheckArgs(argv: string[]): PolicyCheckArgs {
    const { values, positionals } = parse(argv, { json: { type: "boolean" }, "policy-config": { type: "string" } }, true, POLICY_CHECK_USAGE);
    if (positionals.length === 0) {
        throw new InputError(`No file given. Pass the output of \`pulumi stack export\` or \`pulumi preview --json\`. ${POLICY_CHECK_USAGE}`);
    }
    return { files: positionals, json: values.json ?? false, policyConfig: values["policy-config"] };
}
