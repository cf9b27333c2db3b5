import { AwsTypes } from "../../policies/model";
import { ResourceSnapshot, StackSnapshot } from "../snapshot";

/**
 * Real state always has a root `pulumi:pulumi:Stack` resource carrying the stack outputs. When a snapshot
 * lacks one (a mock run may), add it, so the export is what `pulumi stack export` would print and the
 * preview and a later policy check of that export see the very same resources.
 */
export function withStackRoot(snapshot: StackSnapshot, outputs: Record<string, unknown>): StackSnapshot {
    if (snapshot.resources.some((r) => r.type === AwsTypes.Stack)) return snapshot;
    const root: ResourceSnapshot = {
        urn: `urn:pulumi:${snapshot.stack}::${snapshot.project}::${AwsTypes.Stack}::${snapshot.project}-${snapshot.stack}`,
        type: AwsTypes.Stack,
        name: `${snapshot.project}-${snapshot.stack}`,
        custom: false,
        inputs: {},
        outputs,
        dependencies: [],
        propertyDependencies: {},
    };
    return { ...snapshot, resources: [root, ...snapshot.resources] };
}
