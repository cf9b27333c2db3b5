import { ResourceSnapshot, nameFromUrn } from "../snapshot";

/**
 * `pulumi preview --json` leaves default providers out of its steps (display/json.go shows only what the
 * user declared), yet the engine hands them to the analyzer with their inputs: the stack's `<pkg>:<key>`
 * config as strings (objects as JSON text, as in the document's `config`) and the version the name carries
 * (`default_7_48_0`). A stack policy reads them through `provider.props` (e.g. `aws:defaultTags`, which
 * also tag the resources), so the reader puts them back from the document's own `config`.
 */
export function defaultProviders(resources: ResourceSnapshot[], config: Record<string, unknown>): ResourceSnapshot[] {
    const present = new Set(resources.map((r) => r.urn));
    const out = new Map<string, ResourceSnapshot>();
    for (const r of resources) {
        const urn = r.provider ? r.provider.slice(0, Math.max(0, r.provider.lastIndexOf("::"))) : "";
        if (!urn || present.has(urn) || out.has(urn)) continue;
        const m = /::pulumi:providers:([^:]+)::(default(?:_(\d+)_(\d+)_(\d+))?)$/.exec(urn);
        if (!m) continue;
        const inputs: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(config)) {
            if (key.startsWith(`${m[1]}:`) && typeof value === "string") inputs[key.slice(m[1].length + 1)] = value;
        }
        if (m[3] !== undefined) inputs.version = `${m[3]}.${m[4]}.${m[5]}`;
        const id = r.provider!.slice(urn.length + 2);
        out.set(urn, {
            urn, type: `pulumi:providers:${m[1]}`, name: nameFromUrn(urn), custom: true,
            inputs, outputs: { ...inputs }, dependencies: [], propertyDependencies: {},
            ...(id ? { id } : {}),
        });
    }
    return [...out.values()];
}
