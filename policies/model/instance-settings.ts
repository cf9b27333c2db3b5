/**
 * Launch settings of instances, spot requests, launch templates and launch configurations (metadata
 * options, EBS devices, user data) and standalone EBS volumes, read as the resource writes them: no
 * device is inherited here; `fromTemplate` says that an instance's missing settings are its template's.
 */
import { gunzipSync } from "zlib";
import { AwsTypes } from "./aws-types";
import { ModelContext } from "./context";
import { prop, readValue } from "./resource-index";
import { ModelResource } from "./snapshot";
import { BlockDevice, LaunchSettings, MetadataOptions, Volume } from "./types";
import { Read, UNK, known, plain, unknown } from "./wire";

const LAUNCH_SETTINGS_TYPES = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest, AwsTypes.LaunchTemplate, AwsTypes.LaunchConfiguration] as const;
const VOLUME_TYPES = [AwsTypes.EbsVolume, AwsTypes.Volume] as const;

/** Strings as written (numbers as their text); anything else is not set. */
const asText = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined);
const asFlag = (v: unknown): boolean | undefined => {
    if (typeof v === "boolean") return v;
    const s = typeof v === "string" ? v.trim().toLowerCase() : undefined;
    return s === "true" ? true : s === "false" ? false : undefined;
};
const asRecord = (v: unknown): Record<string, unknown> | undefined =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** A device object (anything else reads as one that sets nothing). */
function device(r: ModelResource, where: string, path: string[], raw: unknown): BlockDevice {
    const dev = asRecord(raw) ?? {};
    return { where, encrypted: readValue(dev.encrypted, asFlag, { urn: r.urn, path: [...path, "encrypted"] }) };
}

function deviceList(r: ModelResource, key: string, inner?: string): Read<Read<BlockDevice>[]> {
    const raw = prop(r, key);
    if (raw === UNK) return unknown("preview", { urn: r.urn, path: [key] });
    if (!Array.isArray(raw)) return known([]);
    const out: Read<BlockDevice>[] = [];
    raw.forEach((item, i) => {
        const at = [key, String(i)];
        const v = plain(item);
        if (v === UNK) out.push(unknown("preview", { urn: r.urn, path: at }));
        else if (!inner) out.push(known(device(r, `${key}[${i}]`, at, v)));
        else {
            const d = plain(asRecord(v)?.[inner]);
            if (d === UNK) out.push(unknown("preview", { urn: r.urn, path: [...at, inner] }));
            else if (asRecord(d)) out.push(known(device(r, `${key}[${i}].${inner}`, [...at, inner], d))); // no ebs: instance store
        }
    });
    return known(out);
}

function metadataOf(r: ModelResource): Read<MetadataOptions | undefined> {
    const raw = prop(r, "metadataOptions");
    if (raw === UNK) return unknown("preview", { urn: r.urn, path: ["metadataOptions"] });
    const md = asRecord(raw);
    if (!md) return known(undefined);
    const at = (k: string) => ({ urn: r.urn, path: ["metadataOptions", k] });
    return known({ httpTokens: readValue(md.httpTokens, asText, at("httpTokens")), httpEndpoint: readValue(md.httpEndpoint, asText, at("httpEndpoint")) });
}

/** User data as text: plain, or base64 (`userDataBase64`, launch templates), gzip-compressed or not. */
export function userDataText(raw: string): string {
    const looksBase64 = /^[A-Za-z0-9+/=\s]+$/.test(raw) && raw.replace(/\s/g, "").length % 4 === 0;
    if (!looksBase64) return raw;
    const bytes = Buffer.from(raw, "base64");
    // cloud-init takes gzip-compressed user data (`userDataBase64` of a gzipped script).
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
            return gunzipSync(bytes).toString("utf8");
        } catch {
            return raw;
        }
    }
    const decoded = bytes.toString("utf8");
    // Plain text that happens to look like base64 decodes to garbage: keep whichever is readable.
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    return /[\x00-\x08\x0e-\x1f]/.test(decoded) || decoded.includes("\ufffd") ? raw : decoded;
}

/** `userData`, else `userDataBase64` (a known one decides even when the other is not known yet). */
function userDataOf(r: ModelResource): Read<string | undefined> {
    const read = (key: string) => readValue(r.outputs?.[key] !== undefined ? r.outputs[key] : r.inputs?.[key], asText, { urn: r.urn, path: [key] });
    const plainData = read("userData");
    if (plainData.known && plainData.value !== undefined) return known(userDataText(plainData.value), plainData.secret);
    const b64 = read("userDataBase64");
    if (b64.known && b64.value !== undefined) return known(userDataText(b64.value), b64.secret);
    return plainData.known ? b64 : plainData;
}

export function readLaunchSettings(c: ModelContext, r: ModelResource): LaunchSettings {
    const template = prop(r, "launchTemplate");
    const isTemplate = r.type === AwsTypes.LaunchTemplate;
    return {
        urn: r.urn, type: r.type, name: r.name,
        role: c.tag(r, c.opts.roleTagKey),
        metadata: metadataOf(r),
        fromTemplate: template === UNK ? unknown("preview", { urn: r.urn, path: ["launchTemplate"] }) : known(asRecord(template) !== undefined),
        rootDevice: isTemplate ? known(undefined) : rootDevice(r),
        devices: isTemplate ? deviceList(r, "blockDeviceMappings", "ebs") : deviceList(r, "ebsBlockDevices"),
        userData: userDataOf(r),
    };
}

function rootDevice(r: ModelResource): Read<BlockDevice | undefined> {
    const raw = prop(r, "rootBlockDevice");
    if (raw === UNK) return unknown("preview", { urn: r.urn, path: ["rootBlockDevice"] });
    return known(raw === undefined ? undefined : device(r, "the root volume", ["rootBlockDevice"], raw));
}

export function readAllLaunchSettings(c: ModelContext): LaunchSettings[] {
    return c.idx.ofType(...LAUNCH_SETTINGS_TYPES).map((r) => readLaunchSettings(c, r));
}

export function readVolumes(c: ModelContext): Volume[] {
    return c.idx.ofType(...VOLUME_TYPES).map((v) => Object.assign(c.entity(v), { device: device(v, "the volume", [], { encrypted: v.outputs?.encrypted ?? v.inputs?.encrypted }) }));
}
