import { parse } from "../cli/arguments";
import { InputError } from "../cli/input-error";

export interface ReachDiffArgs {
    help: boolean;
    /** Paths; `-` is standard input (for one of them). */
    base: string;
    next: string;
    json: boolean;
    markdown?: string;
    drawio?: string;
    failOnExposure: boolean;
}

export const REACH_DIFF_USAGE =
    "usage: npm run reach:diff -- BASE NEW [--json] [--markdown FILE] [--drawio FILE] [--fail-on-exposure]   (- reads standard input)";

export const REACH_DIFF_HELP = `${REACH_DIFF_USAGE}

Compares what can reach what in two snapshots of a stack: the paths a change opens (added), closes
(removed) or changes (verdict, or the address kind, route or rule that carries it). BASE and NEW are
each the output of \`pulumi stack export\`, a file backend checkpoint, \`pulumi preview --json\` or
out/<stack>/stack-export.json; \`-\` reads one of them from standard input. Paths are matched by logical
identity (resource names, the internet, address blocks), never by ids or addresses, so an export and a
preview of the same config give no change. A \`pulumi preview --json\` lists only what it changes: as NEW
it is read as BASE with its steps applied (give the deployed stack's export as BASE). A path that waits
on a value a preview does not know yet is listed apart, with what it waits on, never as added.

  --json                print { added, removed, changed, unknown } as JSON instead of text
  --markdown FILE       also write the diff as a pull-request comment (Markdown) to FILE
  --drawio FILE         also write NEW's network diagram with added paths green and removed ones dashed
  --fail-on-exposure    exit 1 when a path from outside the stack's VPCs (the internet, any range
                        outside them) to a host is added or changed to yes
  -h, --help            print this help and exit

Exit codes: 0 compared (whatever changed), 1 an exposure with --fail-on-exposure, 2 bad input.
`;

export function parseReachDiffArgs(argv: string[]): ReachDiffArgs {
    const { values, positionals } = parse(
        argv,
        { help: { type: "boolean", short: "h" }, json: { type: "boolean" }, markdown: { type: "string" }, drawio: { type: "string" }, "fail-on-exposure": { type: "boolean" } },
        true,
        REACH_DIFF_USAGE,
    );
    const help = values.help ?? false;
    if (!help && positionals.length !== 2) {
        const got = positionals.length === 0 ? "none" : positionals.map((p) => `"${p}"`).join(", ");
        throw new InputError(`Give two snapshots, BASE and NEW (got ${got}): e.g. \`pulumi stack export > base.json\` and \`pulumi preview --json > new.json\`. ${REACH_DIFF_USAGE}`);
    }
    if (positionals[0] === "-" && positionals[1] === "-") throw new InputError(`"-" (standard input) can stand for one of BASE and NEW, not both. ${REACH_DIFF_USAGE}`);
    return {
        help,
        base: positionals[0] ?? "",
        next: positionals[1] ?? "",
        json: values.json ?? false,
        markdown: values.markdown,
        drawio: values.drawio,
        failOnExposure: values["fail-on-exposure"] ?? false,
    };
}
