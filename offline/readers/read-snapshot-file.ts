import { readFileSync, statSync } from "fs";
import { readPreviewJson } from "./preview-json";
import { SnapshotReadError } from "./read-error";
import { ReadResult } from "./read-result";
import { readStackExport } from "./stack-export";

const EXPECTED =
    "Expected the output of `pulumi stack export` (an object with `deployment.resources`), a file backend " +
    "checkpoint (`checkpoint.latest.resources`) or the output of `pulumi preview --json` (an object with `steps`).";

/** Parses an already loaded document; throws SnapshotReadError("not-pulumi") when no format fits. */
export function readSnapshotDocument(doc: unknown, file: string): ReadResult {
    const result = readStackExport(doc, file) ?? readPreviewJson(doc, file);
    if (!result) {
        throw new SnapshotReadError("not-pulumi", file, `${file} is JSON but not a Pulumi format. ${EXPECTED}`);
    }
    return result;
}

/** Reads one file from disk into a snapshot; every failure is a SnapshotReadError with a clear message. */
export function readSnapshotFile(file: string): ReadResult {
    let text: string;
    try {
        if (statSync(file).isDirectory()) {
            throw new SnapshotReadError("unreadable", file, `${file} is a directory, not a file. ${EXPECTED}`);
        }
        text = readFileSync(file, "utf8");
    } catch (e) {
        if (e instanceof SnapshotReadError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT") {
            throw new SnapshotReadError("missing", file, `${file} does not exist. Check the path; ${EXPECTED}`);
        }
        throw new SnapshotReadError("unreadable", file, `${file} could not be read (${code ?? String(e)}).`);
    }
    let doc: unknown;
    try {
        // a UTF-8 BOM (PowerShell redirection writes one) is not JSON; drop it
        doc = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        throw new SnapshotReadError(
            "not-json",
            file,
            `${file} is not JSON (${detail}). ${EXPECTED} Save the command's output with \`> file.json\`.`,
        );
    }
    return readSnapshotDocument(doc, file);
}
