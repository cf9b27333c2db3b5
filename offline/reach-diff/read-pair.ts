/**
 * BASE and NEW read as policy:check reads them, with one difference: `pulumi preview --json` lists only the
 * resources a change touches (an unchanged resource has no step), so a preview given as NEW is read as BASE
 * with its steps applied — created, updated and replaced resources as the preview describes them, deleted
 * ones gone, everything else as in BASE.
 */
import { readInputs } from "../cli/read-inputs";
import { ReadResult } from "../readers/read-result";
import { StackSnapshot } from "../snapshot";
import { logicalUrn } from "./path-identity";

export interface SnapshotPair {
    base: ReadResult;
    next: ReadResult;
    /** NEW as compared: the preview applied to BASE, or NEW itself. */
    nextSnapshot: StackSnapshot;
    /** What the reader of the output should know about how the pair was read. */
    notes: string[];
}

/** A preview's steps applied to a full state: resources by logical URN, the preview's version winning. */
export function applyPreview(base: StackSnapshot, preview: StackSnapshot, removedUrns: string[]): StackSnapshot {
    const removed = new Set(removedUrns.map(logicalUrn));
    const described = new Set(preview.resources.map((r) => logicalUrn(r.urn)));
    const kept = base.resources.filter((r) => !removed.has(logicalUrn(r.urn)) && !described.has(logicalUrn(r.urn)));
    return { ...preview, resources: [...kept, ...preview.resources] };
}

export function readPair(baseFile: string, nextFile: string): SnapshotPair {
    const [base, next] = readInputs([baseFile, nextFile]);
    const notes: string[] = [];
    if (base.format === "preview-json") {
        notes.push(`${base.file} is a preview: it holds only the resources its change touches, so paths through the others are not compared. Give the deployed stack's \`pulumi stack export\` as BASE.`);
    }
    if (next.format !== "preview-json" || base.format === "preview-json") return { base, next, nextSnapshot: next.snapshot, notes };
    return { base, next, nextSnapshot: applyPreview(base.snapshot, next.snapshot, next.removedUrns ?? []), notes };
}
