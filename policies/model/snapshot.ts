/**
 * What the model is built from: a snapshot of resources, whatever handed them over — the engine's
 * `AnalyzeStack` resources (through `fromPolicyResources`), one resource in `Analyze`, our harness, a
 * `pulumi stack export`, a `pulumi preview --json`. offline's `StackSnapshot` is structurally one.
 *
 * Values may be in Pulumi's wire form (unknown sentinels, secret wrappers): only wire.ts reads them.
 */

export interface ModelResource {
    urn: string;
    /** Type token, e.g. `aws:ec2/instance:Instance`. */
    type: string;
    /** Logical name. */
    name: string;
    /** Physical id, when known. */
    id?: string;
    inputs?: Record<string, unknown>;
    /** Read first: what the provider reported (or, in a preview, what is known of it). */
    outputs?: Record<string, unknown>;
    /**
     * Input property -> URNs its value came from: resolves references whose ids are unknown. The engine
     * sends only properties that have dependencies; `undefined` (not `{}`) means the source does not
     * record them at all, so an unknown value cannot be told apart from one the program never set.
     */
    propertyDependencies?: Record<string, string[]>;
    /** Provider reference `urn::id`: where the provider's `defaultTags` come from. */
    provider?: string;
}

export interface ModelSnapshot {
    resources: readonly ModelResource[];
}
