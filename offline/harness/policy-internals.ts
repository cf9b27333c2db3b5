/**
 * Typed handles on the @pulumi/policy internals the analyzer server itself uses. They are marked
 * `@internal` (stripped from its .d.ts), but reusing them is what makes the harness build args
 * exactly as the server does instead of imitating it.
 */
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { createRequire } from "module";
import { join } from "path";

interface Struct {
    toJavaScript(): Record<string, unknown>;
}

interface DeserializeModule {
    deserializeProperties(props: Struct, proxySecrets: boolean): Record<string, unknown>;
}

export interface UnknownValueErrorLike extends Error {
    props: (string | symbol)[];
}

interface ProxyModule {
    unknownCheckingProxy<T>(v: T): T;
    UnknownValueError: new (sentinel: string, props: string[]) => UnknownValueErrorLike;
}

interface PolicyModule {
    isResourcePolicy(p: Policy): p is ResourceValidationPolicy;
    isStackPolicy(p: Policy): p is StackValidationPolicy;
    getPulumiType(o: unknown): string | undefined;
}

/**
 * The copy of @pulumi/policy the pack itself loads: `policies/node_modules` once `cd policies && npm ci`
 * has run (the analyzer server runs in the pack's process, with the pack's copy), else the
 * repository's. One copy, not two: each brings its own @pulumi/pulumi, about 0.8 s to load.
 */
const packRequire = createRequire(join(__dirname, "..", "..", "policies", "package.json"));
const deserialize = packRequire("@pulumi/policy/deserialize") as DeserializeModule;
const proxy = packRequire("@pulumi/policy/proxy") as ProxyModule;
const policy = packRequire("@pulumi/policy/policy") as PolicyModule;

/** As the server: `deserializeProperties(struct, false)` then `unknownCheckingProxy`. */
export function engineProps(wire: Record<string, unknown>): Record<string, unknown> {
    // `toJavaScript` of a protobuf Struct yields a fresh plain object; a shallow wrapper is enough
    // because deserializeProperties copies every value it keeps.
    return proxy.unknownCheckingProxy(deserialize.deserializeProperties({ toJavaScript: () => wire }, false));
}

export const UnknownValueError = proxy.UnknownValueError;
export const isResourcePolicy = policy.isResourcePolicy;
export const isStackPolicy = policy.isStackPolicy;
export const getPulumiType = policy.getPulumiType;

interface SerializeModule {
    serializeProperties(obj: unknown): Promise<unknown>;
}
const serialize = packRequire("@pulumi/policy/deserialize") as SerializeModule;

/** As the server's `remediate`: secrets stay wrapped so a remediation's writes keep them secret. */
export function remediationProps(wire: Record<string, unknown>): Record<string, unknown> {
    return proxy.unknownCheckingProxy(deserialize.deserializeProperties({ toJavaScript: () => wire }, true));
}

/** Back to wire form after a remediation, exactly as the server returns it to the engine. */
export async function serializeRemediated(props: unknown): Promise<Record<string, unknown>> {
    const s = await serialize.serializeProperties(props);
    return s !== null && typeof s === "object" ? (s as Record<string, unknown>) : {};
}
