import { isSecretWrapper } from "../../policies/model/wire";
import { ResourceSnapshot, SECRET_SIG, SECRET_SIG_KEY, nameFromUrn } from "../snapshot";

/**
 * One resource as Pulumi serializes it in state (`apitype.ResourceV3`): the element of a stack
 * export's `resources`, and the `newState`/`oldState` of a `pulumi preview --json` step.
 * Every field is optional here because real files omit what is empty and some are damaged.
 */
export interface StateResource {
    urn?: unknown;
    type?: unknown;
    custom?: unknown;
    delete?: unknown;
    id?: unknown;
    inputs?: unknown;
    outputs?: unknown;
    parent?: unknown;
    dependencies?: unknown;
    propertyDependencies?: unknown;
    provider?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Export files write a readable secret as `{sig, plaintext: "<json>"}` (with `--show-secrets`);
 * the snapshot contract keeps the wire form `{sig, value}`, so decode it. Ciphertext stays as is.
 */
export function toWireSecrets(v: unknown): unknown {
    if (Array.isArray(v)) {
        // copy only when something inside changed: exports are large and secrets in them are rare
        let out: unknown[] | undefined;
        v.forEach((x, i) => {
            const y = toWireSecrets(x);
            if (y !== x) (out ??= [...v])[i] = y;
        });
        return out ?? v;
    }
    if (!isRecord(v)) return v;
    if (isSecretWrapper(v) && typeof v.plaintext === "string" && !("value" in v)) {
        let value: unknown = v.plaintext;
        try {
            value = JSON.parse(v.plaintext);
        } catch {
            // a plaintext that is not JSON is still the secret's text; keep it rather than fail
        }
        return { [SECRET_SIG_KEY]: SECRET_SIG, value: toWireSecrets(value) };
    }
    let out: Record<string, unknown> | undefined;
    for (const k in v) {
        const y = toWireSecrets(v[k]);
        if (y !== v[k]) (out ??= { ...v })[k] = y;
    }
    return out ?? v;
}

function propertyDependencies(v: unknown): Record<string, string[]> {
    if (!isRecord(v)) return {};
    const out: Record<string, string[]> = {};
    for (const [k, urns] of Object.entries(v)) out[k] = stringList(urns);
    return out;
}

/** Turns one state resource into the snapshot shape, or undefined when it has no usable URN. */
export function fromStateResource(raw: unknown): ResourceSnapshot | undefined {
    if (!isRecord(raw)) return undefined;
    const r = raw as StateResource;
    if (typeof r.urn !== "string" || r.urn === "") return undefined;
    const type = typeof r.type === "string" ? r.type : typeFromUrn(r.urn);
    const snap: ResourceSnapshot = {
        urn: r.urn,
        type,
        name: nameFromUrn(r.urn),
        custom: r.custom === true,
        inputs: isRecord(r.inputs) ? (toWireSecrets(r.inputs) as Record<string, unknown>) : {},
        outputs: isRecord(r.outputs) ? (toWireSecrets(r.outputs) as Record<string, unknown>) : {},
        dependencies: stringList(r.dependencies),
        propertyDependencies: propertyDependencies(r.propertyDependencies),
    };
    if (typeof r.id === "string" && r.id !== "") snap.id = r.id;
    if (typeof r.parent === "string" && r.parent !== "") snap.parent = r.parent;
    if (typeof r.provider === "string" && r.provider !== "") snap.provider = r.provider;
    return snap;
}

/** `urn:pulumi:s::p::parent$aws:ec2/vpc:Vpc::name` -> `aws:ec2/vpc:Vpc`, for files that lost `type`. */
export function typeFromUrn(urn: string): string {
    const parts = urn.split("::");
    if (parts.length < 4) return "unknown";
    const qualified = parts[2];
    return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/** `urn:pulumi:stack::project::...` -> stack and project, or undefined for a malformed URN. */
export function stackAndProjectFromUrn(urn: string): { stack: string; project: string } | undefined {
    const m = /^urn:pulumi:([^:]*)::([^:]*)::/.exec(urn);
    return m ? { stack: m[1], project: m[2] } : undefined;
}

export { isRecord };
