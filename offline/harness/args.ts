/**
 * The pieces of `ResourceValidationArgs` / `StackValidationArgs` that the analyzer server builds
 * around the deserialized props: type checks, options, provider, stack tags, notApplicable.
 */
import type { PolicyProviderResource, PolicyResourceOptions } from "@pulumi/policy";
import type { ResourceSnapshot } from "../snapshot";
import { engineProps, getPulumiType } from "./policy-internals";

/** Thrown by `args.notApplicable`; the server's own class is private, this one behaves the same. */
export class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

export function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

/** The read-only view of the stack tags that the server hands to every policy. */
export function freezeTags(tags: Record<string, string> | undefined): ReadonlyMap<string, string> {
    const map = new Map(Object.entries(tags ?? {}));
    return Object.freeze({
        entries: map.entries.bind(map),
        forEach: map.forEach.bind(map),
        get: map.get.bind(map),
        has: map.has.bind(map),
        keys: map.keys.bind(map),
        size: map.size,
        values: map.values.bind(map),
        [Symbol.iterator]: map[Symbol.iterator].bind(map),
    }) as ReadonlyMap<string, string>;
}

/** Same order of checks as the server: the attached Pulumi type, else the class's `isInstance`. */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = getPulumiType(resourceClass);
    if (pulumiType) return type === pulumiType;
    const isInstance = (resourceClass as { isInstance?: unknown } | undefined)?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** What `getResourceOptions` yields from a request; a snapshot carries only the parent. */
export function resourceOptions(r: ResourceSnapshot): PolicyResourceOptions {
    const opts: PolicyResourceOptions = {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (r.parent) opts.parent = r.parent;
    return opts;
}

/** `urn::id` -> the provider's URN (URNs themselves contain `::`, the id is after the last one). */
export function providerUrn(ref: string | undefined): string | undefined {
    if (!ref) return undefined;
    const i = ref.lastIndexOf("::");
    return i < 0 ? ref : ref.slice(0, i);
}

/** As `getProviderResource`: the provider's type, name, URN and its inputs behind the proxy. */
export function providerResource(
    r: ResourceSnapshot,
    byUrn: ReadonlyMap<string, ResourceSnapshot>,
    wireInputs: (r: ResourceSnapshot) => Record<string, unknown>,
): PolicyProviderResource | undefined {
    const urn = providerUrn(r.provider);
    if (!urn) return undefined;
    const p = byUrn.get(urn);
    const name = urn.slice(urn.lastIndexOf("::") + 2);
    const typeStart = urn.lastIndexOf("::", urn.lastIndexOf("::") - 1);
    const qualified = urn.slice(typeStart + 2, urn.lastIndexOf("::"));
    const type = p?.type ?? qualified.slice(qualified.lastIndexOf("$") + 1);
    let props: Record<string, unknown> | undefined;
    return {
        type, name, urn,
        // Deserialized on first read, like the args' own props (see index.ts).
        get props() { return (props ??= engineProps(p ? wireInputs(p) : {})); },
        set props(v) { props = v; },
    };
}

