// A secret under settings, as `pulumi config set --secret --path` writes it, passes the committed JSON Schema
// where the program can read it (text, whole numbers) and is flagged where it cannot (true/false, lists, objects).
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { JSON_SCHEMA_PATH } from "../../../infra/config/json-schema";
import { describeWithEngine, ok, useWorkspace } from "../../helpers/engine";

const ROOT = join(__dirname, "..", "..", "..");
const committed = JSON.parse(readFileSync(join(ROOT, JSON_SCHEMA_PATH), "utf8")) as object;
const editor = new Ajv2020({ allErrors: true, strict: false }).compile(committed);
const example = () => parse(readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, Record<string, unknown>> };
const CIPHERTEXT = { secure: "v1:DBfHVDupM+RsQDYu:ofBYsk9iD654RiIrdJoLpCr6w2E=" };

/** The example stack file with a secret at `path` under settings (`access.keyPair.publicKey`, `operatorCidrs.0`). */
function withSecret(path: string, secret: unknown = CIPHERTEXT) {
    const doc = example();
    const steps = path.split(".");
    let node = doc.config["bastion-network:settings"] as Record<string, unknown>;
    for (const step of steps.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
    node[steps[steps.length - 1]] = secret;
    return doc;
}

describe("config: secrets under settings in the committed JSON Schema", () => {
    const allowed = ["prefix", "environment", "vpcCidr", "dbPort", "nat", "subnets.0.size", "subnets.1.az", "operatorCidrs.0", "appPorts.0", "flowLogs.retentionDays", "hosts.web.instanceType",
        "access.keyPair.publicKey", "access.bastion.remoteSyslog", "access.instanceConnect.iamGroups.0", "amiId"];
    for (const path of allowed) {
        it(`accepts a secret at ${path} (the CLI hands it to the program as text, which it reads)`, () => {
            assert.ok(editor(withSecret(path)), JSON.stringify(editor.errors));
        });
    }

    const refused = ["flowLogs.enabled", "access.auditLog.web", "access.instanceConnect.enabled", "operatorCidrs", "access", "hosts.web", "subnets.0", "access.keyPair"];
    for (const path of refused) {
        it(`flags a secret at ${path} (true/false, a list or an object: the program would refuse the text)`, () => {
            assert.equal(editor(withSecret(path)), false);
            assert.ok(editor.errors?.some((e) => e.instancePath.startsWith(`/config/bastion-network:settings/${path.replace(/\./g, "/")}`)), JSON.stringify(editor.errors));
        });
    }

    it("flags a secret object with anything beside `secure`", () => {
        assert.equal(editor(withSecret("dbPort", { ...CIPHERTEXT, note: "x" })), false);
    });
});

describeWithEngine("config: secrets the real CLI writes under settings", (engine) => {
    const ws = useWorkspace(engine);
    const stackFile = () => parse(readFileSync(join(ws().dir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, Record<string, unknown>> };
    const text: [string, string][] = [["dbPort", "5432"], ["prefix", "acme"], ["operatorCidrs[0]", "52.78.10.20/32"], ["subnets[0].size", "64"], ["environment", "staging"],
        ["access.keyPair.publicKey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGKpYkFJv1WBHrdHQ7i8v1yrcQg3qW4mSPqlNNjG0tqR acme@laptop"]];

    before(() => {
        ok(ws().pulumi(["stack", "init", "dev"]));
        for (const [key, value] of text) ok(ws().pulumi(["config", "set", "--secret", "--path", `bastion-network:settings.${key}`, value]));
    });

    it("writes { secure } in place of each value, and the file passes the committed schema", () => {
        const settings = stackFile().config["bastion-network:settings"] as { dbPort: unknown; operatorCidrs: unknown[]; access: { keyPair: { publicKey: unknown } } };
        for (const v of [settings.dbPort, settings.operatorCidrs[0], settings.access.keyPair.publicKey]) assert.match(JSON.stringify(v), /^\{"secure":"v1:/);
        assert.ok(editor(stackFile()), JSON.stringify(editor.errors));
    });

    it("a secret true/false is flagged by the schema and refused by the program in the same place", () => {
        ok(ws().pulumi(["config", "set", "--secret", "--path", "bastion-network:settings.flowLogs.enabled", "false"]));
        assert.equal(editor(stackFile()), false);
        assert.ok(editor.errors?.some((e) => e.instancePath === "/config/bastion-network:settings/flowLogs/enabled"), JSON.stringify(editor.errors));
        const r = ws().pulumi(["preview"]);
        assert.notEqual(r.status, 0);
        const out = r.stdout + r.stderr;
        assert.match(out, /flowLogs\.enabled: must be true or false, not the text "false"/);
        assert.doesNotMatch(out, /dbPort|operatorCidrs\[0\]|subnets\[0\]\.size/, "the secrets in text places are read");
        assert.doesNotMatch(out, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
    });
});
