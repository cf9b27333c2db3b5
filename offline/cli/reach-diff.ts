/**
 * `npm run reach:diff -- BASE NEW`: what a change opens or closes. Both snapshots are read as
 * `policy:check` reads them, each turned into the reachability model, and the paths compared by logical
 * identity. Prints text or JSON; writes a pull-request comment and a diagram of the change on request.
 */
import "./plain-stack-traces";
import { writeFileSync } from "fs";
import { reachabilityOf } from "../report/reachability-table";
import { diffJson, diffReachability, opensFromOutside } from "../reach-diff/compare";
import { parseReachDiffArgs, REACH_DIFF_HELP } from "../reach-diff/arguments";
import { renderDiffMarkdown, renderDiffText } from "../reach-diff/render";
import { diffDiagramXml } from "../reach-diff/diagram";
import { ReadResult } from "../readers/read-result";
import { readPair } from "../reach-diff/read-pair";
import { InputError } from "./input-error";
import { runCommand } from "./run-command";

/** `bastion-network / dev`, or `bastion-network: stack dev -> prod` when the two differ, or that BASE is empty (a stack never deployed). */
function stackLabel(base: ReadResult, next: ReadResult): string {
    if (base.snapshot.resources.length === 0) return `${next.snapshot.project} / ${next.snapshot.stack}; BASE holds no resources`;
    const [a, b] = [base.snapshot.stack, next.snapshot.stack];
    return a === b ? `${next.snapshot.project} / ${b}` : `${next.snapshot.project}: stack ${a} -> ${b}`;
}

/** Which side, if any, the offline preview wrote: its addresses come from the mocked provider, not from AWS. */
function mockedLabel(base: ReadResult, next: ReadResult): string {
    const [a, b] = [base.snapshot.mocked === true, next.snapshot.mocked === true];
    if (!a && !b) return "";
    return `; ${a && b ? "both" : a ? "BASE" : "NEW"} from the offline preview's mocked provider`;
}

function write(file: string, text: string, flag: string): void {
    try {
        writeFileSync(file, text);
    } catch (e) {
        throw new InputError(`${flag} ${file} could not be written (${(e as NodeJS.ErrnoException).code ?? String(e)}): give a path in a folder that exists and is writable.`);
    }
}

async function main(argv: string[]): Promise<number> {
    const args = parseReachDiffArgs(argv);
    if (args.help) {
        process.stdout.write(REACH_DIFF_HELP);
        return 0;
    }
    const { base, next, nextSnapshot, notes } = readPair(args.base, args.next);
    // a stack never deployed exports no resources (and so names no project): it is the base of anything
    const named = base.snapshot.resources.length > 0 && next.snapshot.resources.length > 0;
    if (named && base.snapshot.project !== next.snapshot.project) {
        throw new InputError(
            `${base.file} is project "${base.snapshot.project}" and ${next.file} is project "${next.snapshot.project}": a diff compares two snapshots of one project (e.g. the deployed stack's export and a preview of the change).`,
        );
    }
    const before = reachabilityOf(base.snapshot);
    const after = reachabilityOf(nextSnapshot);
    const diff = diffReachability(before, after);
    const title = `Reachability diff: ${base.file} -> ${next.file} (${stackLabel(base, next)}${mockedLabel(base, next)})`;
    if (args.markdown) write(args.markdown, renderDiffMarkdown(diff, title), "--markdown");
    if (args.drawio) write(args.drawio, await diffDiagramXml(nextSnapshot, after, diff, title), "--drawio");
    process.stdout.write(args.json ? JSON.stringify(diffJson(diff), null, 2) + "\n" : renderDiffText(diff, title, notes));
    for (const note of notes) if (args.json) process.stderr.write(`note: ${note}\n`);
    return args.failOnExposure && opensFromOutside(diff) ? 1 : 0;
}

runCommand(() => main(process.argv.slice(2)));
