import { ResourceSnapshot } from "../snapshot";
import { assembleSnapshot } from "./assemble-snapshot";
import { defaultProviders } from "./default-providers";
import { ReadResult } from "./read-result";
import { fromStateResource, isRecord } from "./state-resource";

/** Step kinds after which the resource no longer exists: they contribute nothing to the new state. */
const REMOVING_OPS = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"]);

/**
 * A step's newState is recorded before the step runs (pulumi/pulumi#9571), so a create or update
 * carries inputs and no outputs. The analyzer's stack policies see the provider's preview result, in
 * which the inputs carry over to the outputs; the snapshot says the same. `__defaults` is bridge
 * bookkeeping that never reaches outputs.
 */
function withPreviewOutputs(r: ResourceSnapshot): ResourceSnapshot {
    if (!r.custom || Object.keys(r.outputs).length > 0 || Object.keys(r.inputs).length === 0) return r;
    const { __defaults: _bookkeeping, ...outputs } = r.inputs;
    void _bookkeeping;
    return { ...r, outputs };
}

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
    const removedUrns: string[] = [];
    let skipped = 0;
    for (const step of doc.steps) {
        if (!isRecord(step)) {
            skipped++;
            continue;
        }
        const op = typeof step.op === "string" ? step.op : "";
        if (REMOVING_OPS.has(op)) {
            if (typeof step.urn === "string") removedUrns.push(step.urn);
            continue;
        }
        // an unchanged resource (`--show-sames`) is its deployed state: oldState has the ids and outputs newState lacks
        const state = op === "same" && isRecord(step.oldState) ? step.oldState : step.newState ?? step.oldState;
        const r = fromStateResource(state);
        if (r) resources.push(withPreviewOutputs(r));
        else skipped++;
    }
    if (skipped > 0) warnings.push(`${skipped} preview step(s) carried no resource state and were skipped.`);
    if (doc.steps.length === 0) warnings.push("the preview has no steps (an empty stack, or the preview failed).");
    const config = isRecord(doc.config) ? doc.config : {};
    const assembled = assembleSnapshot([...defaultProviders(resources, config), ...resources], "preview-json", {}, warnings);
    return { file, format: "preview-json", warnings, ...assembled, removedUrns };
}
