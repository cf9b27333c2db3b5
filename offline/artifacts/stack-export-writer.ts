import { createHash } from "crypto";
import { isSecretWrapper } from "../../policies/model/wire";
import { ResourceSnapshot, SECRET_SIG, SECRET_SIG_KEY, StackSnapshot } from "../snapshot";
import { canonicalJson } from "./canonical-json";

/** The SDK this snapshot was simulated with; stands in for the CLI version real exports record. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SDK_VERSION: string = require("@pulumi/pulumi/package.json").version;

/**
 * Exports write readable secrets as `plaintext` (JSON text), as `pulumi stack export --show-secrets` does.
 * This file writes the wire form; which value is a secret is the model's wire reader's to say.
 */
function toExportSecrets(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(toExportSecrets);
    if (typeof v !== "object" || v === null) return v;
    const o = v as Record<string, unknown>;
    if (isSecretWrapper(o) && "value" in o) return { [SECRET_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(o.value) };
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = toExportSecrets(x);
    return out;
}

function exportResource(r: ResourceSnapshot): Record<string, unknown> {
    const out: Record<string, unknown> = { urn: r.urn, custom: r.custom, type: r.type };
    if (r.id !== undefined) out.id = r.id;
    out.inputs = toExportSecrets(r.inputs);
    out.outputs = toExportSecrets(r.outputs);
    if (r.parent) out.parent = r.parent;
    out.dependencies = r.dependencies;
    out.propertyDependencies = r.propertyDependencies;
    if (r.provider) out.provider = r.provider;
    return out;
}

/**
 * Says in the file itself that it is no real stack's state. `deployment.metadata` is the engine's own place for
 * notes on a snapshot; `pulumi stack import --file` accepts the extra key (and drops it), and the readers turn it
 * into `mocked: true` so every report on the file says where its values came from.
 */
export const OFFLINE_PREVIEW_MARKER = {
    provider: "mocked",
    note: "written by npm start (the offline preview): ids, addresses and ARNs are made up by the mocked provider",
} as const;

/**
 * A `pulumi stack export` document (deployment version 3) of the snapshot. The manifest time is fixed
 * at the epoch so the file is reproducible; `magic` is computed the way the engine computes it.
 * Expects a snapshot that already has its root stack resource (see withStackRoot).
 */
export function stackExportJson(snapshot: StackSnapshot): string {
    const version = `v${SDK_VERSION}`;
    return canonicalJson({
        version: 3,
        deployment: {
            manifest: {
                time: "1970-01-01T00:00:00Z",
                magic: createHash("sha256").update(version).digest("hex"),
                version,
            },
            metadata: { offlinePreview: OFFLINE_PREVIEW_MARKER },
            resources: snapshot.resources.map(exportResource),
        },
    });
}
