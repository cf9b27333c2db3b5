/**
 * The `aws:` part of the stack file's JSON Schema, from the one list of the provider's keys: each key typed as
 * the config check reads it, so an editor flags `aws:allowedAccountIds: 123` as it is typed.
 */
import { AWS_KEY_NAMES, AWS_OBJECT_FIELDS, AWS_PROVIDER_KEYS, AwsValueKind, FieldKind } from "./aws-provider-keys";

/** A value set with `pulumi config set --secret`, as the stack file holds it (the schema's shared definition). */
const ENCRYPTED = { $ref: "#/$defs/secret" };

const STRINGS = { type: "array", items: { type: "string" } };
const FIELD: Record<FieldKind, object> = { string: { type: "string" }, "string list": STRINGS, "string map": { type: "object", additionalProperties: { type: "string" } } };

function objectOf(fields: Record<string, FieldKind>, required: string[] = []): object {
    return { type: "object", properties: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, FIELD[f]])), required, additionalProperties: false };
}

function schemaOf(kind: AwsValueKind): object {
    switch (kind) {
        case "string": return { type: "string" };
        case "credential": return ENCRYPTED;
        case "boolean": return { type: "boolean" };
        case "integer": return { type: "integer", minimum: 0 };
        case "string list": return STRINGS;
        case "account ids": return { type: "array", items: { type: "string", pattern: "^\\d{12}$" } };
        case "assume roles": return { type: "array", minItems: 1, items: objectOf(AWS_OBJECT_FIELDS["assume roles"], ["roleArn"]) };
        case "web identity role": return objectOf(AWS_OBJECT_FIELDS["web identity role"], ["roleArn"]);
        case "endpoints": return { type: "array", minItems: 1, items: { type: "object", additionalProperties: { type: "string", pattern: "^https?://" } } };
        case "default tags": return objectOf(AWS_OBJECT_FIELDS["default tags"]);
        case "ignore tags": return objectOf(AWS_OBJECT_FIELDS["ignore tags"]);
    }
}

/** `aws:<key>` -> its schema (a credential only encrypted; anything else plain or encrypted). */
export function awsKeysJsonSchema(): Record<string, object> {
    return Object.fromEntries(AWS_KEY_NAMES.filter((k) => k !== "region").map((k) => {
        const kind = AWS_PROVIDER_KEYS[k];
        const schema = kind === "credential" ? ENCRYPTED : { anyOf: [schemaOf(kind), ENCRYPTED] };
        return [`aws:${k}`, { ...schema, description: `The AWS provider's \`${k}\` (${kind}); see README, "Choosing the account".` }];
    }));
}

/** Matches a name under `aws:` that is not one of the provider's keys. */
export const UNKNOWN_AWS_KEY_PATTERN = `^aws:(?!(${AWS_KEY_NAMES.join("|")})$)`;
