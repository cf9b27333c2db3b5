/**
 * The AWS provider's settings, as a stack file gives them under `aws:`: one entry per key of the pinned
 * @pulumi/aws `ProviderArgs`, with the shape its schema gives it. The `satisfies` clauses make `tsc` fail when
 * an upgrade of @pulumi/aws adds, removes or retypes a key, so the config check, the JSON Schema, the explicit
 * provider and the report cannot drift from the provider. Endpoint service names (hundreds) are read from the
 * pinned package's own type declarations when a stack gives `aws:endpoints`.
 */
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";

/** How a value is written in the stack file (the CLI hands objects and lists to the program as JSON). */
export type AwsValueKind =
    | "string" | "credential" | "boolean" | "integer" | "string list" | "account ids"
    | "assume roles" | "web identity role" | "endpoints" | "default tags" | "ignore tags";

type Plain<T> = NonNullable<pulumi.Unwrap<T>>;
/** The kinds a key of type `T` may be declared as: a boolean key must be "boolean", and so on. */
type KindsFor<T> = [T] extends [boolean] ? "boolean"
    : [T] extends [number] ? "integer"
    : [T] extends [string] ? "string" | "credential"
    : [T] extends [string[]] ? "string list" | "account ids"
    : [T] extends [unknown[]] ? "assume roles" | "endpoints"
    : "web identity role" | "default tags" | "ignore tags";

/** Every key of the provider, and only those (`tsc` checks both, and each kind against the key's type). */
export const AWS_PROVIDER_KEYS = {
    accessKey: "credential",
    allowedAccountIds: "account ids",
    assumeRoleWithWebIdentity: "web identity role",
    assumeRoles: "assume roles",
    customCaBundle: "string",
    defaultTags: "default tags",
    ec2MetadataServiceEndpoint: "string",
    ec2MetadataServiceEndpointMode: "string",
    endpoints: "endpoints",
    forbiddenAccountIds: "account ids",
    httpProxy: "string",
    httpsProxy: "string",
    ignoreTags: "ignore tags",
    insecure: "boolean",
    maxRetries: "integer",
    noProxy: "string",
    profile: "string",
    region: "string",
    retryMode: "string",
    s3UsEast1RegionalEndpoint: "string",
    s3UsePathStyle: "boolean",
    secretKey: "credential",
    sharedConfigFiles: "string list",
    sharedCredentialsFiles: "string list",
    skipCredentialsValidation: "boolean",
    skipMetadataApiCheck: "boolean",
    skipRegionValidation: "boolean",
    skipRequestingAccountId: "boolean",
    stsRegion: "string",
    tagPolicyCompliance: "string",
    token: "credential",
    tokenBucketRateLimiterCapacity: "integer",
    useDualstackEndpoint: "boolean",
    useFipsEndpoint: "boolean",
    userAgents: "string list",
} as const satisfies { [K in keyof Required<aws.ProviderArgs>]: KindsFor<Plain<aws.ProviderArgs[K]>> };

export type AwsProviderKey = keyof typeof AWS_PROVIDER_KEYS;
export const AWS_KEY_NAMES = Object.keys(AWS_PROVIDER_KEYS).sort() as AwsProviderKey[];

/** What one field of a nested object holds. */
export type FieldKind = "string" | "string list" | "string map";
type FieldsOf<T> = { [K in keyof Required<T>]: [Plain<T[K]>] extends [string] ? "string" : [Plain<T[K]>] extends [string[]] ? "string list" : "string map" };

/** The fields of each object-valued setting, checked against the provider's input types as the keys above are. */
export const AWS_OBJECT_FIELDS = {
    "assume roles": {
        duration: "string", externalId: "string", policy: "string", policyArns: "string list", roleArn: "string",
        sessionName: "string", sourceIdentity: "string", tags: "string map", transitiveTagKeys: "string list",
    } satisfies FieldsOf<aws.types.input.ProviderAssumeRole>,
    "web identity role": {
        duration: "string", policy: "string", policyArns: "string list", roleArn: "string", sessionName: "string",
        webIdentityToken: "string", webIdentityTokenFile: "string",
    } satisfies FieldsOf<aws.types.input.ProviderAssumeRoleWithWebIdentity>,
    "default tags": { tags: "string map" } satisfies FieldsOf<aws.types.input.ProviderDefaultTags>,
    "ignore tags": { keyPrefixes: "string list", keys: "string list" } satisfies FieldsOf<aws.types.input.ProviderIgnoreTags>,
} as const satisfies Record<string, Record<string, FieldKind>>;

/** Keys whose value the provider keeps secret whatever the stack file says (its schema marks them so). */
export const AWS_CREDENTIAL_KEYS = AWS_KEY_NAMES.filter((k) => AWS_PROVIDER_KEYS[k] === "credential");

let endpointServices: string[] | undefined;

/**
 * The service names an `aws:endpoints` entry may hold: the fields of `ProviderEndpoint` in the pinned package's
 * declarations (its compiled code has no list of them). Read once, and only for stacks that give endpoints.
 */
export function awsEndpointServices(): string[] {
    if (endpointServices) return endpointServices;
    const declarations = readFileSync(require.resolve("@pulumi/aws/types/input.d.ts"), "utf8");
    const start = declarations.indexOf("export interface ProviderEndpoint {");
    const body = declarations.slice(start, declarations.indexOf("\n}", start));
    endpointServices = [...body.matchAll(/^ {4}([a-z0-9]+)\?: pulumi\.Input<string \| undefined>;$/gm)].map((m) => m[1]).sort();
    return endpointServices;
}
