/**
 * `npm run schema:attach`: adds the schema comment as the first line of every Pulumi.<stack>.yaml that names no
 * schema yet (the stack files `pulumi new` and `pulumi stack init` write), says which files it changed, and
 * leaves the rest alone. Run it when asked to: it never runs by itself.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { isStackFile, schemaComment, withSchemaComment } from "./schema-comment";

const projectDir = resolve(__dirname, "..", "..");
// Pulumi.yaml may keep the stack files elsewhere (`stackConfigDir`).
const project = parse(readFileSync(join(projectDir, "Pulumi.yaml"), "utf8")) as { stackConfigDir?: unknown } | null;
const stackDir = typeof project?.stackConfigDir === "string" ? resolve(projectDir, project.stackConfigDir) : projectDir;
if (!existsSync(stackDir)) {
    console.error(`error: the stack folder ${stackDir} (stackConfigDir in Pulumi.yaml) does not exist.`);
    process.exit(2);
}

const comment = schemaComment(projectDir, stackDir);
const changed: string[] = [];
for (const name of readdirSync(stackDir).filter(isStackFile).sort()) {
    const file = join(stackDir, name);
    const text = withSchemaComment(readFileSync(file, "utf8"), comment);
    if (text === undefined) continue;
    writeFileSync(file, text);
    changed.push(name);
}
console.log(changed.length > 0 ? `added "${comment}" to ${changed.join(", ")}` : "every stack file already names a schema; nothing changed");
