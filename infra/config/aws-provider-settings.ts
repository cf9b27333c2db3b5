/**
 * The stack's `aws:` settings, read for the explicit provider the stack builds. An explicit `aws.Provider` reads
 * none of the stack's `aws:` config by itself (only Pulumi's default provider does), so each key is read here as
 * the default provider reads it (JSON for objects and lists, `true`/`false`, digits), checked against the
 * provider's own shape (aws-provider-keys.ts), and handed on with the same meaning. Secrets stay secrets.
 */
import { ConfigProblem } from "../config-problem";
import { AWS_KEY_NAMES, AWS_OBJECT_FIELDS, AWS_PROVIDER_KEYS, AwsProviderKey, awsEndpointServices, FieldKind } from "./aws-provider-keys";
import { closestKey, showValue } from "./hints";
import { isSecureValue } from "./secrets";

/** What the provider is given besides the region (which is `aws:region`, read with the settings). */
export interface AwsProviderSettings {
    /** Each key the stack gives, as the provider's type (a list, an object, a boolean...). */
    values: Partial<Record<AwsProviderKey, unknown>>;
    /** Keys the provider gets as secrets: the credentials always, and anything set with `--secret`. */
    secretKeys: AwsProviderKey[];
}

/** An encrypted value an offline run cannot decrypt: passed on as a secret, never read. */
export const NOT_DECRYPTED = "[secret: encrypted in the stack file; decrypted only by the Pulumi CLI]";

/** String keys whose value the provider accepts from a fixed set (its schema's validation). */
const ONE_OF: Partial<Record<AwsProviderKey, readonly string[]>> = {
    retryMode: ["standard", "adaptive"],
    ec2MetadataServiceEndpointMode: ["IPv4", "IPv6"],
    s3UsEast1RegionalEndpoint: ["legacy", "regional"],
    tagPolicyCompliance: ["disabled", "warning", "error"],
};

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export interface ReadAwsSettings {
    value: AwsProviderSettings;
    problems: ConfigProblem[];
    warnings: ConfigProblem[];
}

/**
 * Reads every `aws:` key but the region from `config` (`namespace:key` -> string); `secretKeys` are the keys
 * the CLI decrypted. Unknown keys are the caller's to report (with the project's own keys).
 */
export function readAwsProviderSettings(config: Record<string, string>, secretKeys: readonly string[], stack: string): ReadAwsSettings {
    const problems: ConfigProblem[] = [];
    const warnings: ConfigProblem[] = [];
    const value: AwsProviderSettings = { values: {}, secretKeys: [] };
    for (const key of AWS_KEY_NAMES) {
        const text = config[`aws:${key}`];
        if (text === undefined || key === "region") continue;
        const full = `aws:${key}`;
        const kind = AWS_PROVIDER_KEYS[key];
        const encrypted = isSecureValue(parseJson(text));
        const secret = encrypted || secretKeys.includes(full);
        if (kind === "credential" && !secret) {
            problems.push({ key: full, message: `is a credential written in plain text in Pulumi.${stack}.yaml: set it with \`pulumi config set --secret ${full} <value>\`, or better, leave keys out and use aws:profile or aws:assumeRoles (README, "Choosing the account").` });
            continue;
        }
        if (secret || kind === "credential") value.secretKeys.push(key);
        if (encrypted) {
            value.values[key] = NOT_DECRYPTED;
            continue;
        }
        const read = readValue(key, text, secret);
        if ("problem" in read) problems.push({ key: full, message: read.problem });
        else value.values[key] = read.value;
    }
    checkAccountGuard(value.values, problems, warnings);
    return { value, problems, warnings };
}

/** How the stack file writes an example of each kind, for the messages. */
const EXAMPLE: Record<string, string> = {
    "account ids": `a list of 12-digit account ids in quotes, e.g. ["111122223333"]`,
    "string list": `a list of strings, e.g. ["~/.aws/config"]`,
    "assume roles": `a list of roles, e.g. [{ roleArn: "arn:aws:iam::111122223333:role/deploy", sessionName: "pulumi" }]`,
    "web identity role": `an object, e.g. { roleArn: "arn:aws:iam::111122223333:role/deploy", webIdentityTokenFile: "/var/run/token" }`,
    endpoints: `a list of service-to-URL maps, e.g. [{ ec2: "http://localhost:4566" }]`,
    "default tags": `an object, e.g. { tags: { CostCenter: "net" } }`,
    "ignore tags": `an object, e.g. { keyPrefixes: ["kubernetes.io/"] }`,
};

function readValue(key: AwsProviderKey, text: string, secret: boolean): { value: unknown } | { problem: string } {
    const kind = AWS_PROVIDER_KEYS[key];
    const got = (v: unknown) => (secret ? "a secret value" : showValue(v));
    switch (kind) {
        case "string":
        case "credential": {
            const allowed = ONE_OF[key];
            if (allowed && !allowed.includes(text)) return { problem: `must be one of ${allowed.join(", ")}; got ${got(text)}.` };
            return text.trim() === "" ? { problem: "is empty: give a value or remove the key." } : { value: text };
        }
        case "boolean":
            return text === "true" || text === "false" ? { value: text === "true" } : { problem: `must be true or false; got ${got(text)}.` };
        case "integer":
            return /^\d+$/.test(text) ? { value: Number(text) } : { problem: `must be a whole number (0 or more); got ${got(text)}.` };
        default:
            break;
    }
    const v = parseJson(text);
    const wrong = (detail?: string) => ({ problem: `must be ${EXAMPLE[kind]}; got ${detail ?? got(v)}.` });
    if (kind === "account ids" || kind === "string list") {
        if (!Array.isArray(v)) return wrong();
        const bad = v.findIndex((x) => typeof x !== "string" || (kind === "account ids" && !ACCOUNT_ID.test(x)));
        if (bad >= 0) return wrong(`${got(v[bad])} at [${bad}]${typeof v[bad] === "number" ? " (a number: quote it, or YAML drops leading zeros)" : ""}`);
        return { value: v };
    }
    if (kind === "assume roles" || kind === "endpoints") {
        if (!Array.isArray(v) || v.length === 0) return wrong();
        for (const [i, entry] of v.entries()) {
            const problem = kind === "endpoints" ? endpointProblem(entry) : objectProblem(entry, AWS_OBJECT_FIELDS["assume roles"], true);
            if (problem) return { problem: `[${i}] ${problem}` };
        }
        return { value: v };
    }
    const problem = objectProblem(v, AWS_OBJECT_FIELDS[kind], kind === "web identity role");
    return problem ? { problem: problem.startsWith("must be") ? `must be ${EXAMPLE[kind]}; got ${got(v)}.` : problem } : { value: v };
}

/** A problem with one object of the fields `fields`, or undefined; a role must name its ARN. */
function objectProblem(v: unknown, fields: Record<string, FieldKind>, role: boolean): string | undefined {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return `must be an object; got ${showValue(v)}.`;
    const known = Object.keys(fields);
    for (const [field, x] of Object.entries(v)) {
        const kind = fields[field];
        if (!kind) {
            const near = closestKey(field, known);
            return `.${field} is not a field the provider reads${near ? `; did you mean "${near}"?` : ` (fields: ${known.join(", ")}).`}`;
        }
        const ok = kind === "string" ? typeof x === "string"
            : kind === "string list" ? Array.isArray(x) && x.every((s) => typeof s === "string")
            : typeof x === "object" && x !== null && !Array.isArray(x) && Object.values(x).every((s) => typeof s === "string");
        if (!ok) return `.${field} must be ${kind === "string" ? "a string" : kind === "string list" ? "a list of strings" : "a map of names to strings"}; got ${showValue(x)}.`;
    }
    if (role) {
        const arn = (v as { roleArn?: unknown }).roleArn;
        if (arn === undefined) return "has no roleArn: the provider would assume no role. Give the role's ARN (arn:aws:iam::<account>:role/<name>).";
        if (!ROLE_ARN.test(String(arn))) return `.roleArn must be an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>); got ${showValue(arn)}.`;
    }
    return undefined;
}

function endpointProblem(entry: unknown): string | undefined {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return `must be a map of service names to URLs, e.g. { ec2: "http://localhost:4566" }; got ${showValue(entry)}.`;
    const services = awsEndpointServices();
    for (const [service, url] of Object.entries(entry)) {
        if (!services.includes(service)) {
            const near = closestKey(service, services);
            return `.${service} is not a service the provider has an endpoint for${near ? `; did you mean "${near}"?` : " (see https://www.pulumi.com/registry/packages/aws/installation-configuration/)."}`;
        }
        if (typeof url !== "string" || !/^https?:\/\/\S+$/.test(url)) return `.${service} must be a URL (http:// or https://); got ${showValue(url)}.`;
    }
    return undefined;
}

/** The guard's combinations the provider itself refuses (allowed with forbidden) or cannot honour. */
function checkAccountGuard(values: AwsProviderSettings["values"], problems: ConfigProblem[], warnings: ConfigProblem[]): void {
    const given = (k: AwsProviderKey) => Array.isArray(values[k]) && (values[k] as unknown[]).length > 0;
    if (given("allowedAccountIds") && given("forbiddenAccountIds")) {
        problems.push({ key: "aws:forbiddenAccountIds", message: "conflicts with aws:allowedAccountIds (the provider takes one or the other): keep the allowed list, which already refuses every other account." });
    }
    if (values.skipRequestingAccountId === true && given("allowedAccountIds")) {
        problems.push({ key: "aws:skipRequestingAccountId", message: "is true, so the provider never learns the account and aws:allowedAccountIds refuses every update (\"AWS account ID not allowed\"): remove one of the two." });
    } else if (values.skipRequestingAccountId === true && given("forbiddenAccountIds")) {
        warnings.push({ key: "aws:skipRequestingAccountId", message: "is true, so the provider never learns the account and aws:forbiddenAccountIds checks nothing." });
    }
}

/**
 * The provider's default tags: the stack's `aws:defaultTags` with ours over them (Project, Environment and
 * ManagedBy are what the pack and the operators read), and the keys where the two disagreed.
 */
export function mergeDefaultTags(values: AwsProviderSettings["values"] | undefined, ours: Record<string, string>): { tags: Record<string, string>; clashes: string[] } {
    const theirs = (values?.defaultTags as { tags?: Record<string, string> } | undefined)?.tags ?? {};
    const clashes = Object.keys(ours).filter((k) => theirs[k] !== undefined && theirs[k] !== ours[k]);
    return { tags: { ...theirs, ...ours }, clashes };
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
