/**
 * The AWS providers a snapshot registers and the settings each was given (account guards, profile and roles,
 * endpoints...), as the report shows them: lists and objects in short form, every secret as `[secret]`.
 * Settings the SDK sends on every provider at their defaults are left out, so what is shown is what the stack
 * file chose.
 */
import { AwsTypes } from "../../policies/model/aws-types";
import { isSecretWrapper as isSecret, isSentinel } from "../../policies/model/wire";
import { nameFromUrn, StackSnapshot } from "../snapshot";
import { textTable } from "./text-table";

const SDK_DEFAULTS: Record<string, string> = { skipCredentialsValidation: "false", skipRegionValidation: "true" };
const NOT_SETTINGS = new Set(["version", "pluginDownloadURL"]);
const CREDENTIAL_SOURCES = ["profile", "assumeRoles", "assumeRoleWithWebIdentity", "accessKey", "sharedCredentialsFiles"];

export function providerSettingsSection(snapshot: StackSnapshot): string[] {
    const out: string[] = [];
    for (const provider of snapshot.resources.filter((r) => r.type === AwsTypes.AwsProvider)) {
        const rows = Object.entries(provider.inputs)
            .filter(([k, v]) => !NOT_SETTINGS.has(k) && !k.startsWith("__") && v !== undefined && v !== null && v !== "null" && SDK_DEFAULTS[k] !== v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, shortForm(v)]);
        const given = new Set(rows.map(([k]) => k));
        out.push("", `AWS provider ${nameFromUrn(provider.urn)} (${rows.length} setting${rows.length === 1 ? "" : "s"}):`, ...textTable(["setting", "value"], rows));
        if (!given.has("allowedAccountIds") && !given.has("forbiddenAccountIds")) {
            out.push("  account guard: none, any account the credentials reach (aws:allowedAccountIds; README, \"Choosing the account\")");
        }
        if (!CREDENTIAL_SOURCES.some((k) => given.has(k))) out.push("  credentials: from the environment (AWS_PROFILE, `aws configure`, SSO)");
    }
    return out;
}

/** One line: JSON text parsed, lists joined, objects as key=value, secrets masked at any depth. */
export function shortForm(v: unknown): string {
    if (isSecret(v)) return "[secret]";
    if (isSentinel(v)) return "(known after the update)";
    if (typeof v === "string") {
        const parsed = parseJson(v);
        return typeof parsed === "object" && parsed !== null ? shortForm(parsed) : v;
    }
    if (Array.isArray(v)) return v.map((x) => (typeof x === "object" && x !== null && !isSecret(x) ? `{ ${shortForm(x)} }` : shortForm(x))).join(", ");
    if (typeof v === "object" && v !== null) {
        return Object.entries(v).map(([k, x]) => `${k}=${typeof x === "object" && x !== null && !Array.isArray(x) && !isSecret(x) ? `{ ${shortForm(x)} }` : shortForm(x)}`).join(" ");
    }
    return String(v);
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
