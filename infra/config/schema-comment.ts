/**
 * The first line that ties a Pulumi.<stack>.yaml to the committed JSON Schema, so an editor running the YAML
 * language server (VS Code's YAML extension, Neovim's yamlls, ...) completes and checks the config as it is typed.
 * The Pulumi CLI writes a new stack file without it (`pulumi new`, `pulumi stack init`), and keeps it once there
 * (its edits of a stack file preserve comments), so it is added once, when asked: `npm run schema:attach`.
 */
import { posix, relative, sep } from "node:path";
import { JSON_SCHEMA_PATH } from "./json-schema";

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=/m;

/** The comment for a stack file in `stackDir`, the schema's path relative to it (`./schema/...` beside Pulumi.yaml). */
export function schemaComment(projectDir: string, stackDir: string): string {
    const path = relative(stackDir, `${projectDir}${sep}${JSON_SCHEMA_PATH}`).split(sep).join(posix.sep);
    return `# yaml-language-server: $schema=${path.startsWith("..") ? path : `./${path}`}`;
}

/** The text with the comment as its first line, or undefined when it already names a schema (kept as the user set it). */
export function withSchemaComment(text: string, comment: string): string | undefined {
    if (MODELINE.test(text)) return undefined;
    return `${comment}\n${text}`;
}

/** Stack files are `Pulumi.<stack>.yaml` (or `.yml`); the project file `Pulumi.yaml` is not one. */
export function isStackFile(name: string): boolean {
    return /^Pulumi\..+\.ya?ml$/.test(name);
}
