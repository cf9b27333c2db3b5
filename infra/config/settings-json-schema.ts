/**
 * The JSON Schema of the `<project>:settings` object, from the zod schema, with a secret allowed wherever the
 * program reads text. `pulumi config set --secret --path <project>:settings.<key>` writes `{ secure: ... }`
 * in place of the value, and the CLI hands it to the program decrypted, always as a string (`"5432"`,
 * `"false"`): that fits a text setting and a whole number (read from digits), never a true/false, a list or
 * an object, where the program would refuse it. The offline validator asks the same question
 * (`secretAllowedAt`), so the editor and `npm start` agree.
 */
import { z } from "zod";
import { settingsSchema } from "./schema";

type Node = Record<string, unknown>;

/** What the CLI writes in place of a secret value (referenced as `#/$defs/secret`). */
export const SECRET = {
    type: "object",
    description: "A value set with `pulumi config set --secret`: the CLI decrypts it to text for the program.",
    properties: { secure: { type: "string" } },
    required: ["secure"],
    additionalProperties: false,
};

let cached: Node | undefined;

export function settingsJsonSchema(): Node {
    cached ??= allowSecrets(fromZod());
    return cached;
}

function fromZod(): Node {
    const settings = z.toJSONSchema(settingsSchema, {
        io: "input",
        target: "draft-2020-12",
        unrepresentable: "any",
        // zod leaves out the default of a field whose input is converted first (a number written as a string), so
        // an editor would not show `3306` for dbPort: put each default back.
        override: (ctx) => {
            const def = ctx.zodSchema._zod.def as { type: string; defaultValue?: unknown };
            if (def.type === "default" && ctx.jsonSchema.default === undefined) ctx.jsonSchema.default = def.defaultValue;
        },
    }) as Node;
    delete settings.$schema;
    return settings;
}

function allowSecrets(node: Node): Node {
    if (isTextLeaf(node)) {
        const { description, default: fallback, ...value } = node;
        return { ...(description === undefined ? {} : { description }), ...(fallback === undefined ? {} : { default: fallback }), anyOf: [value, { $ref: "#/$defs/secret" }] };
    }
    const out: Node = { ...node };
    if (isNode(node.properties)) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, isNode(v) ? allowSecrets(v) : v]));
    if (isNode(node.items)) out.items = allowSecrets(node.items);
    if (isNode(node.additionalProperties)) out.additionalProperties = allowSecrets(node.additionalProperties);
    return out;
}

/**
 * Whether a secret may stand at `path` under settings (`["flowLogs", "enabled"]`): false where the setting
 * takes true/false, a list or an object; true where it takes text, and at a key the schema does not know
 * (that key is reported on its own).
 */
export function secretAllowedAt(path: readonly (string | number)[]): boolean {
    let node: Node | undefined = settingsJsonSchema();
    for (const step of path) {
        if (!node || isTextLeaf(node) || Array.isArray(node.anyOf)) return true;
        const next: unknown = typeof step === "number" ? node.items : isNode(node.properties) && step in node.properties ? node.properties[step] : node.additionalProperties;
        node = isNode(next) ? next : undefined;
    }
    return !node || Array.isArray(node.anyOf);
}

function isTextLeaf(node: Node): boolean {
    return node.type === "string" || node.type === "integer" || node.type === "number";
}

function isNode(v: unknown): v is Node {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
