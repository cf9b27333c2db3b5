// `environment` becomes the Environment tag and part of every host's PS1: refused, naming the key, when it holds
// anything AWS tag values refuse or a prompt would act on; accepted, and shown literally by bash, otherwise.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { promptLine } from "../../../infra/access/cloud-init";
import { validateSettings } from "../../../infra/config";
import { JSON_SCHEMA_PATH } from "../../../infra/config/json-schema";

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGKpYkFJv1WBHrdHQ7i8v1yrcQg3qW4mSPqlNNjG0tqR acme@laptop";
const settings = (environment: unknown) => ({ prefix: "acme", environment, operatorCidrs: ["198.18.7.9/32"], access: { keyPair: { name: "acme-key", publicKey: PUBLIC_KEY } } });

/** By class: what ends PS1's quoting, what bash expands in a prompt, what AWS refuses in a tag value. */
const bad: [string, unknown][] = [
    ["a single quote (ends the quoted PS1)", "dev'x"],
    ["a double quote", 'dev"x'],
    ["command substitution", "dev$(id)"],
    ["a variable", "$HOME"],
    ["a backtick", "dev`id`"],
    ["a backslash (a prompt escape)", "dev\\u"],
    ["a history mark", "dev!"],
    ["a newline", "dev\nprod"],
    ["a tab", "dev\tprod"],
    ["a carriage return", "dev\rprod"],
    ["an escape character", "dev\u001b[31m"],
    ["a NUL", "dev\u0000"],
    ["a line separator", "dev\u2028x"],
    ["a semicolon", "dev;ls"],
    ["a pipe", "dev|x"],
    ["an ampersand", "dev&x"],
    ["angle brackets", "<dev>"],
    ["a hash", "dev#1"],
    ["a percent sign", "100%"],
    ["a comma", "dev,prod"],
    ["brackets", "dev[1]"],
    ["an emoji (not a letter)", "dev🚀"],
    ["AWS's reserved prefix", "aws:dev"],
    ["AWS's reserved prefix in capitals", "AWS:dev"],
    ["257 characters", "e".repeat(257)],
    ["257 Unicode letters", "가".repeat(257)],
    ["an empty string", ""],
    ["only spaces", "   "],
    ["a number", 7],
    ["a list", ["dev"]],
];
const good = ["dev", "prod", "Staging 2", "team-a/dev", "dev@seoul", "v1.2:blue=green+1", "under_score", "개발", "Prüfung", "e".repeat(256), "가".repeat(256), "2024"];

describe("config: environment holds only what AWS tags and the shell prompt take", () => {
    const schema = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", JSON_SCHEMA_PATH), "utf8")) as object;
    const editor = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const fileWith = (environment: unknown) => ({ config: { "aws:region": "ap-northeast-2", "bastion-network:settings": settings(environment) } });

    for (const [what, value] of bad) {
        it(`refuses ${what}, naming environment, in the program and in the committed JSON Schema`, () => {
            const r = validateSettings(settings(value), "ap-northeast-2", "dev");
            assert.equal(r.value, undefined);
            assert.deepEqual(r.problems.map((p) => p.key), ["environment"]);
            assert.ok(!r.problems[0].message.includes("\n"), "one line");
            assert.equal(editor(fileWith(value)), false, `the schema accepts ${JSON.stringify(value)}`);
        });
    }

    for (const value of good) {
        it(`accepts ${JSON.stringify(value.length > 20 ? `${value.slice(0, 8)}... (${[...value].length})` : value)}, and bash shows it literally in the prompt`, () => {
            const r = validateSettings(settings(value), "ap-northeast-2", "dev");
            assert.deepEqual(r.problems, []);
            assert.equal(r.value!.settings.environment, value);
            assert.ok(editor(fileWith(value)), JSON.stringify(editor.errors));
            const line = promptLine({ prefix: "acme", role: "bastion", environment: value });
            const shown = spawnSync("bash", ["--norc", "--noprofile", "-c", `${line}\nprintf %s "\${PS1@P}"`], { encoding: "utf8", env: { LANG: "C.UTF-8", PATH: process.env.PATH, USER: "ubuntu" } });
            assert.equal(shown.status, 0, shown.stderr);
            assert.ok(shown.stdout.includes(`-bastion (${value})] `), shown.stdout);
        });
    }

    it("defaults to the stack name", () => {
        assert.equal(validateSettings(settings(undefined), "ap-northeast-2", "staging").value?.settings.environment, "staging");
    });
});
