import { AwsTypes } from "../../policies/model/aws-types";
import { ResourceSnapshot, SnapshotSource, StackSnapshot } from "../snapshot";
import { stackAndProjectFromUrn } from "./state-resource";


/**
 * Builds the snapshot from already converted resources: de-duplicates URNs (last wins, as the engine's
 * own snapshot would after a replace), names the stack, and lists what was tolerated.
 */
export function assembleSnapshot(
    resources: ResourceSnapshot[],
    source: SnapshotSource,
    names: { stack?: string; project?: string },
    warnings: string[],
): { snapshot: StackSnapshot; outputs: Record<string, unknown> } {
    const byUrn = new Map<string, ResourceSnapshot>();
    let duplicates = 0;
    for (const r of resources) {
        if (byUrn.has(r.urn)) duplicates++;
        byUrn.set(r.urn, r);
    }
    if (duplicates > 0) warnings.push(`${duplicates} resource(s) appeared more than once; the last copy of each was used.`);
    const unique = [...byUrn.values()];

    const dangling = new Set<string>();
    for (const r of unique) {
        const refs = [...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
        if (r.parent) refs.push(r.parent);
        for (const urn of refs) if (!byUrn.has(urn)) dangling.add(urn);
    }
    if (dangling.size > 0) {
        warnings.push(
            `${dangling.size} dependency or parent reference(s) point at resources missing from the file ` +
                `(e.g. ${[...dangling][0]}); they were kept but cannot be resolved.`,
        );
    }

    const root = unique.find((r) => r.type === AwsTypes.Stack);
    const fromUrn = unique.length > 0 ? stackAndProjectFromUrn(unique[0].urn) : undefined;
    const snapshot: StackSnapshot = {
        project: names.project ?? fromUrn?.project ?? "unknown",
        stack: names.stack ?? fromUrn?.stack ?? "unknown",
        source,
        resources: unique,
    };
    return { snapshot, outputs: root ? root.outputs : {} };
}
