/**
 * Turns snapshot values (Pulumi's wire form, as stored in a stack export) into what the engine
 * would put on the gRPC wire to an analyzer, so that @pulumi/policy's own `deserializeProperties`
 * can take it from there.
 *
 * The engine decrypts secrets and flattens resource references and output values before calling a
 * policy pack; an export can hold forms the engine never sends, so they are normalised here:
 * - a secret with only `ciphertext` cannot be decrypted offline: its content is unknown, so it
 *   becomes the unknown sentinel (a policy reading it gets `UnknownValueError`, never a guess);
 * - a secret with `plaintext` (exported with `--show-secrets`) holds JSON text;
 * - a resource reference becomes its id (custom) or URN, as the engine does for analyzers;
 * - an output value becomes its value, or unknown when it has none;
 * - `undefined` is dropped (the engine has no such value), and non-JSON numbers become null.
 */
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../snapshot";

import {
    specialArchiveSig as ARCHIVE_SIG,
    specialAssetSig as ASSET_SIG,
    specialOutputValueSig as OUTPUT_SIG,
    specialResourceSig as RESOURCE_SIG,
} from "@pulumi/pulumi/runtime/rpc";

/** Values the engine never sends to an analyzer and `deserializeProperties` would reject. */
function fromSecret(v: Record<string, unknown>): unknown {
    if ("value" in v && v.value !== undefined) return { [SECRET_SIG_KEY]: SECRET_SIG, value: toEngineWire(v.value) };
    if (typeof v.plaintext === "string") {
        try {
            return { [SECRET_SIG_KEY]: SECRET_SIG, value: toEngineWire(JSON.parse(v.plaintext)) };
        } catch {
            return UNKNOWN;
        }
    }
    return UNKNOWN;
}

export function toEngineWire(v: unknown): unknown {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (v === undefined || typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return undefined;
    if (Array.isArray(v)) return v.map((e) => toEngineWire(e) ?? null);
    const obj = v as Record<string, unknown>;
    const sig = obj[SECRET_SIG_KEY];
    if (typeof sig === "string") {
        switch (sig) {
            case SECRET_SIG:
                return fromSecret(obj);
            case RESOURCE_SIG: {
                const id = obj.id;
                if (typeof id === "string" && id !== "") return id;
                return typeof obj.urn === "string" ? obj.urn : UNKNOWN;
            }
            case OUTPUT_SIG: {
                if (!("value" in obj) || obj.value === undefined) return UNKNOWN;
                const inner = toEngineWire(obj.value);
                return obj.secret === true ? { [SECRET_SIG_KEY]: SECRET_SIG, value: inner ?? null } : inner;
            }
            case ASSET_SIG:
            case ARCHIVE_SIG: {
                // Keep assets/archives as @pulumi/policy expects; an empty one (no path/text/uri/assets)
                // would make it throw, and the engine would never send one, so it becomes unknown.
                const known = ["path", "text", "uri", "assets"].some((k) => typeof obj[k] === "string" || (k === "assets" && typeof obj[k] === "object" && obj[k] !== null));
                if (!known) return UNKNOWN;
                const out: Record<string, unknown> = {};
                for (const [k, e] of Object.entries(obj)) {
                    const w = toEngineWire(e);
                    if (w !== undefined) out[k] = w;
                }
                return out;
            }
            default:
                return UNKNOWN; // an unrecognised signature: content unknown to us and to the policies
        }
    }
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(obj)) {
        const w = toEngineWire(e);
        if (w !== undefined) out[k] = w;
    }
    return out;
}

/** A property map in engine wire form; top-level keys whose value is undefined are absent. */
export function toEngineProperties(props: Record<string, unknown> | undefined): Record<string, unknown> {
    const w = props && typeof props === "object" ? toEngineWire(props) : {};
    return w !== null && typeof w === "object" && !Array.isArray(w) ? (w as Record<string, unknown>) : {};
}
