import { ResourceSnapshot } from "../snapshot";
import { assembleSnapshot } from "./assemble-snapshot";
import { ReadResult } from "./read-result";
import { fromStateResource, isRecord } from "./state-resource";

/**
 * Reads a `pulumi stack export` document (`{version, deployment:{resources}}`) or the checkpoint a
 * file backend stores (`{version, checkpoint:{stack, latest:{resources}}}`).
 * Returns undefined when the document is neither, so the caller can try other formats.
 */
export function readStackExport(doc: unknown, file: string): ReadResult | undefined {
    if (!isRecord(doc)) return undefined;
    let deployment: unknown;
    let format: "stack-export" | "checkpoint";
    let qualifiedStack: string | undefined;
    if (isRecord(doc.deployment)) {
        deployment = doc.deployment;
        format = "stack-export";
    } else if (isRecord(doc.checkpoint)) {
        deployment = doc.checkpoint.latest ?? {};
        format = "checkpoint";
        if (typeof doc.checkpoint.stack === "string") qualifiedStack = doc.checkpoint.stack;
    } else {
        return undefined;
    }
    if (!isRecord(deployment)) return undefined;
    const rawResources = deployment.resources ?? [];
    if (!Array.isArray(rawResources)) return undefined;

    const warnings: string[] = [];
    const resources: ResourceSnapshot[] = [];
    let unusable = 0;
    let pendingDelete = 0;
    for (const raw of rawResources) {
        // `delete: true` marks the old copy of a replaced resource, gone once the update finishes
        if (isRecord(raw) && raw.delete === true) {
            pendingDelete++;
            continue;
        }
        const r = fromStateResource(raw);
        if (r) resources.push(r);
        else unusable++;
    }
    if (unusable > 0) warnings.push(`${unusable} resource entr${unusable === 1 ? "y has" : "ies have"} no URN and were skipped.`);
    if (pendingDelete > 0) warnings.push(`${pendingDelete} resource(s) pending deletion (replaced) were left out.`);
    const pending = deployment.pending_operations;
    if (Array.isArray(pending) && pending.length > 0) {
        warnings.push(
            `${pending.length} pending operation(s) from an interrupted update: their resources may or may not ` +
                `exist and were not analysed (run \`pulumi refresh\` to settle them).`,
        );
    }
    if (isRecord(deployment.metadata) && isRecord(deployment.metadata.integrity_error)) {
        warnings.push("the file records an integrity error from the update that wrote it; analysed as found.");
    }
    // file backends qualify the stack as `org/project/stack`; keep the last segment
    const stack = qualifiedStack?.split("/").pop();
    const assembled = assembleSnapshot(resources, "stack-export", { stack }, warnings);
    // the offline preview's own export (stack-export-writer.ts) marks itself so
    const marker = isRecord(deployment.metadata) ? deployment.metadata.offlinePreview : undefined;
    if (isRecord(marker) && marker.provider === "mocked") assembled.snapshot.mocked = true;
    return { file, format, warnings, ...assembled };
}
