import { readFileSync } from "fs";
import { SnapshotReadError } from "../readers/read-error";
import { readSnapshotDocument, readSnapshotFile } from "../readers/read-snapshot-file";
import { ReadResult } from "../readers/read-result";

export const STDIN = "-";
const STDIN_NAME = "(standard input)";

/** Reads each file, `-` being standard input (`pulumi stack export | npm run policy:check -- -`). */
export function readInputs(files: string[]): ReadResult[] {
    return files.map((f) => (f === STDIN ? readStdinSnapshot() : readSnapshotFile(f)));
}

function readStdinSnapshot(): ReadResult {
    let text: string;
    try {
        text = readFileSync(0, "utf8");
    } catch (e) {
        throw new SnapshotReadError("unreadable", STDIN_NAME, `${STDIN_NAME} could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
    }
    if (text.trim() === "") {
        throw new SnapshotReadError("not-json", STDIN_NAME, `${STDIN_NAME} is empty: pipe in \`pulumi stack export\` or \`pulumi preview --json\`, e.g. \`pulumi stack export | npm run policy:check -- -\`.`);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (e) {
        throw new SnapshotReadError("not-json", STDIN_NAME, `${STDIN_NAME} is not JSON (${e instanceof Error ? e.message : String(e)}): pipe in \`pulumi stack export\` or \`pulumi preview --json\`.`);
    }
    return readSnapshotDocument(doc, STDIN_NAME);
}
