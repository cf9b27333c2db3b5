import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { JSON_SCHEMA_PATH, stackFileJsonSchema, stackFileJsonSchemaText } from "../../../infra/config/json-schema";
import { listStacks } from "../../../offline/stack-files";

const ROOT = join(__dirname, "..", "..", "..");

describe("config: the committed JSON Schema for Pulumi.<stack>.yaml", () => {
    it("is what `npm run schema:generate` writes from the zod schema today", () => {
        assert.equal(readFileSync(join(ROOT, JSON_SCHEMA_PATH), "utf8"), stackFileJsonSchemaText(), "run `npm run schema:generate` and commit the file");
    });

    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(stackFileJsonSchema());
    for (const stack of listStacks(ROOT)) {
        const file = `Pulumi.${stack}.yaml`;
        const text = readFileSync(join(ROOT, file), "utf8");
        it(`${file} names it in its yaml-language-server comment and passes it`, () => {
            assert.match(text.split("\n")[0], new RegExp(`^# yaml-language-server: \\$schema=\\./${JSON_SCHEMA_PATH.replace(/\./g, "\\.")}$`));
            assert.ok(validate(parse(text)), JSON.stringify(validate.errors));
        });
    }

    const refused: [string, Record<string, unknown>][] = [
        ["a misspelled aws: key", { "aws:regoin": "ap-northeast-2" }],
        ["an unknown settings key", { "bastion-network:settings": { vpcCidrs: "10.0.0.0/24" } }],
        ["a settings value that is not an object", { "bastion-network:settings": "yes" }],
        ["a NAT strategy that does not exist", { "bastion-network:settings": { nat: "double" } }],
    ];
    for (const [what, config] of refused) {
        it(`lets an editor flag ${what}`, () => {
            assert.equal(validate({ config: { "aws:region": "ap-northeast-2", ...config } }), false);
        });
    }

    it("accepts a renamed project's settings key", () => {
        const doc = parse(readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
        const renamed = { "aws:region": "ap-northeast-2", "my-network:settings": doc.config["bastion-network:settings"] };
        assert.ok(validate({ config: renamed }), JSON.stringify(validate.errors));
    });
});
