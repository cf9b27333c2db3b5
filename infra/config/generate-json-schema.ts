/** `npm run schema:generate`: writes schema/stack-config.schema.json (a test checks it is up to date). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { JSON_SCHEMA_PATH, stackFileJsonSchemaText } from "./json-schema";

const file = join(__dirname, "..", "..", JSON_SCHEMA_PATH);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, stackFileJsonSchemaText());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
