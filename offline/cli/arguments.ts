import { parseArgs } from "util";
import { InputError } from "./input-error";

export interface PreviewArgs {
    help: boolean;
    stack: string;
    preview: boolean;
    json: boolean;
    out?: string;
    policyConfig?: string;
    /** Where Pulumi.yaml and Pulumi.<stack>.yaml are; the repository root unless given. */
    projectDir?: string;
}

export interface PolicyCheckArgs {
    help: boolean;
    /** Paths; `-` is standard input. */
    files: string[];
    json: boolean;
    policyConfig?: string;
    /** List every reachability path in the text report, not only the first LISTED_PATHS. */
    allPaths: boolean;
}

export const PREVIEW_USAGE =
    "usage: npm start -- [--stack NAME] [--preview] [--json] [--out DIR] [--policy-config FILE] [--project-dir DIR]";
export const POLICY_CHECK_USAGE = "usage: npm run policy:check -- FILE... [--json] [--policy-config FILE] [--all-paths]   (FILE - reads standard input)";

export const PREVIEW_HELP = `${PREVIEW_USAGE}

Runs the stack program offline (under mocks: no cloud, no credentials, made-up ids), checks what it
registered with the bastion-network-guard policy pack, prints the report and the stack's outputs, and
writes the artifacts (ssh config, diagram, plan) to --out.

  --stack NAME          the stack whose Pulumi.<NAME>.yaml is read (default: dev)
  --preview             leave computed values unknown, as \`pulumi preview\` does
  --json                print the report as JSON instead of text
  --out DIR             where the artifacts go (default: out/<stack>); must be a writable directory
  --policy-config FILE  the JSON you would pass to \`pulumi preview --policy-pack-config\`
  --project-dir DIR     the folder holding Pulumi.yaml (default: this repository)
  -h, --help            print this help and exit

Exit codes: 0 clean or advisory only, 1 a mandatory violation, 2 bad input or config.
`;

export const POLICY_CHECK_HELP = `${POLICY_CHECK_USAGE}

Checks stacks that already exist with the bastion-network-guard policy pack. Each FILE is the output of
\`pulumi stack export\`, a file backend checkpoint, or \`pulumi preview --json\`; \`-\` reads one from standard
input (\`pulumi stack export | npm run policy:check -- -\`). Several files give one report each and one
summary line over all of them.

  --json                print the report (an array of reports for several files) as JSON
  --policy-config FILE  the JSON you would pass to \`pulumi preview --policy-pack-config\`
  --all-paths           list every reachability path in the text report (by default the first 200,
                        those that get through first; every path is always in out/reachability/)
  -h, --help            print this help and exit

Exit codes: 0 clean or advisory only, 1 a mandatory violation, 2 bad input.
`;

export function parse<T extends Record<string, { type: "string" | "boolean"; short?: string }>>(argv: string[], options: T, positionals: boolean, usage: string) {
    try {
        return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
    } catch (e) {
        // parseArgs' own wording names the flag; add the usage line so the fix is on screen
        throw new InputError(`${e instanceof Error ? e.message : String(e)}. ${usage}`);
    }
}

const HELP = { help: { type: "boolean" as const, short: "h" } };

export function parsePreviewArgs(argv: string[]): PreviewArgs {
    const { values } = parse(
        argv,
        { ...HELP, stack: { type: "string" }, preview: { type: "boolean" }, json: { type: "boolean" }, out: { type: "string" }, "policy-config": { type: "string" }, "project-dir": { type: "string" } },
        false,
        PREVIEW_USAGE,
    );
    const stack = values.stack ?? "dev";
    if (!values.help && !/^[A-Za-z0-9_.-]+$/.test(stack)) throw new InputError(`"${stack}" is not a stack name (letters, digits, "-", "_", "."). ${PREVIEW_USAGE}`);
    return {
        help: values.help ?? false,
        stack,
        preview: values.preview ?? false,
        json: values.json ?? false,
        out: values.out,
        policyConfig: values["policy-config"],
        projectDir: values["project-dir"],
    };
}

export function parsePolicyCheckArgs(argv: string[]): PolicyCheckArgs {
    const { values, positionals } = parse(argv, { ...HELP, json: { type: "boolean" }, "policy-config": { type: "string" }, "all-paths": { type: "boolean" } }, true, POLICY_CHECK_USAGE);
    const help = values.help ?? false;
    if (positionals.length === 0 && !help) {
        throw new InputError(`No file given. Pass the output of \`pulumi stack export\` or \`pulumi preview --json\` (or - for standard input). ${POLICY_CHECK_USAGE}`);
    }
    if (positionals.filter((f) => f === "-").length > 1) throw new InputError(`"-" (standard input) can be given once. ${POLICY_CHECK_USAGE}`);
    return { help, files: positionals, json: values.json ?? false, policyConfig: values["policy-config"], allPaths: values["all-paths"] ?? false };
}
