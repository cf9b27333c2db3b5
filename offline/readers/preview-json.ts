import { ResourceSnapshot } from "../snapshot";
import { assembleSnapshot } from "./assemble-snapshot";
import { ReadResult } from "./read-result";
import { fromStateResource, isRecord } from "./state-resource";

/** Step kinds after which the resource no longer exists: they contribute nothing to the new state. */
const REMOVING_OPS = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"]);

/**
 * Reads `pulumi preview --json` output (`{steps:[{op, urn, newState, oldState}], changeSummary...}`) as
 * the state the update would produce: each step's newState, or its oldState for steps that keep the
 * resource without describing it anew. Unknown values are already the sentinel string there.
 * Returns undefined when the document is not a preview.
 */
export function readPreviewJson(doc: unknown, file: string): ReadResult | undefined {
    if (!isRecord(doc) || !Array.isArray(doc.steps)) return undefined;
    const warnings: string[] = [];
    const resources: ResourceSnapshot[] = [];
    let skipped = 0;
    for (const step of doc.steps) {
        if (!isRecord(step)) {
            skipped++;
            continue;
        }
        const op = typeof step.op === "string" ? step.op : "";
        if (REMOVING_OPS.has(op)) continue;
        const r = fromStateResource(step.newState ?? step.oldState);
        if (r) resources.push(r);
        else skipped++;
    }
    if (skipped > 0) warnings.push(`${skipped} preview step(s) carried no resource state and were skipped.`);
    if (doc.steps.length === 0) warnings.push("the preview has no steps (an empty stack, or the preview failed).");
    const assembled = assembleSnapshot(resources, "preview-json", {}, warnings);
    return { file, format: "preview-json", warnings, ...assembled };
}
