/**
 * The one shape every source of resources is turned into before the policy harness sees it:
 * the mock runner (offline preview), `pulumi stack export` files and `pulumi preview --json` output.
 *
 * Values are kept in Pulumi's wire form, exactly as they appear in a stack export: an unknown
 * (preview) value is the string `UNKNOWN`, a secret is the object
 * `{ [SECRET_SIG_KEY]: SECRET_SIG, value | ciphertext }`. The harness deserializes them the way
 * the engine does before a policy reads them.
 */

import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_SENTINEL } from "../policies/model/wire";

/** Pulumi's sentinel for a value not known until the update (`pulumi.runtime.unknownValue` on the wire). */
export const UNKNOWN = UNKNOWN_SENTINEL;
/** Key and value that mark a secret in wire form: written here, read only by the model's wire reader. */
export { SECRET_SIG, SECRET_SIG_KEY };

export type WireValue = unknown;

export interface ResourceSnapshot {
    urn: string;
    /** Type token, e.g. `aws:ec2/securityGroup:SecurityGroup`. */
    type: string;
    /** The logical name (the last URN segment). */
    name: string;
    custom: boolean;
    /** Physical id; `UNKNOWN` during a preview; absent for components. */
    id?: string;
    /** What resource policies read. */
    inputs: Record<string, WireValue>;
    /** What stack policies read. */
    outputs: Record<string, WireValue>;
    parent?: string;
    dependencies: string[];
    /** Input property name -> URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
    /** Provider reference `urn::id`, when the resource has one. */
    provider?: string;
}

export type SnapshotSource = "offline-preview" | "offline-update" | "stack-export" | "preview-json";

export interface StackSnapshot {
    project: string;
    stack: string;
    source: SnapshotSource;
    resources: ResourceSnapshot[];
    /** True when the file was written by `npm start`: its ids, addresses and ARNs come from the mocked provider. */
    mocked?: boolean;
}

/** `urn:pulumi:stack::project::qualified$type::name` -> name. */
export function nameFromUrn(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}
