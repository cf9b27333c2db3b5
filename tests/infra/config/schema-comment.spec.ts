// A stack file made from this repository gets the schema comment the committed ones start with: the CLI writes
// it without (pulumi new, stack init), `npm run schema:attach` adds it when asked, and the CLI keeps it afterwards.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { repoRoot } from "../../../engine/build/pins";
import { projectEntries } from "../../../engine/workspace";
import { JSON_SCHEMA_PATH } from "../../../infra/config/json-schema";
import { isStackFile, schemaComment, withSchemaComment } from "../../../infra/config/schema-comment";
import { describeWithEngine, ok, ownValues, useWorkspace } from "../../helpers/engine";

const COMMENT = `# yaml-language-server: $schema=./${JSON_SCHEMA_PATH}`;

describe("config: the schema comment of a stack file", () => {
    it("is the first line of every committed stack file, exactly as attached", () => {
        assert.equal(schemaComment("/p", "/p"), COMMENT);
        for (const name of fs.readdirSync(repoRoot).filter(isStackFile)) {
            assert.equal(fs.readFileSync(path.join(repoRoot, name), "utf8").split("\n")[0], COMMENT, name);
        }
    });

    it("points up from a stackConfigDir folder", () => {
        assert.equal(schemaComment("/p", "/p/stacks"), `# yaml-language-server: $schema=../${JSON_SCHEMA_PATH}`);
    });

    it("is added once, above everything, and never over a schema the user named", () => {
        const written = "encryptionsalt: v1:x\nconfig:\n  aws:region: ap-northeast-2\n";
        assert.equal(withSchemaComment(written, COMMENT), `${COMMENT}\n${written}`);
        assert.equal(withSchemaComment(`${COMMENT}\n${written}`, COMMENT), undefined);
        assert.equal(withSchemaComment(`# notes\n# yaml-language-server: $schema=https://example.com/other.json\n${written}`, COMMENT), undefined);
    });

    it("tells only stack files from the project file", () => {
        assert.deepEqual(["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.my.stack.yml", "Pulumi.yaml.append", "pulumi.dev.yaml"].filter(isStackFile), ["Pulumi.dev.yaml", "Pulumi.my.stack.yml"]);
    });

    it("is named by what `pulumi new` prints at its end (Pulumi.yaml template quickstart)", () => {
        const project = parse(fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8")) as { template: { quickstart: string } };
        assert.match(project.template.quickstart, /npm run schema:attach/);
        assert.ok(project.template.quickstart.includes(COMMENT.slice(2)), project.template.quickstart);
    });
});

describeWithEngine("config: the schema comment on a stack file the real CLI writes", (engine) => {
    const ws = useWorkspace(engine, { emptyProject: "scratch" });
    const project = () => ws().scratch("my-net");
    const stackFile = () => path.join(project(), "Pulumi.staging.yaml");
    const firstLine = () => fs.readFileSync(stackFile(), "utf8").split("\n")[0];
    let created: string;

    before(() => {
        const template = ws().scratch("template");
        for (const entry of projectEntries) {
            fs.cpSync(path.join(repoRoot, entry), path.join(template, entry), { recursive: true, filter: (src) => path.basename(src) !== "node_modules" });
        }
        // The files and the quickstart of `pulumi new`; its stack and config steps below, as it runs them
        // (stack init, then the answers saved), without the package install it does last.
        created = ok(ws().pulumi(["new", template, "--dir", project(), "--yes", "--generate-only", "--name", "my-net"])).stdout;
        fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(project(), "node_modules"), "dir");
        ok(ws().pulumi(["stack", "init", "staging", "--cwd", project()]));
        const answers = { "aws:region": "ap-northeast-2", "my-net:prefix": "acme", "my-net:operatorCidr": "52.78.10.20/32", "my-net:publicKey": ownValues["bastion-network:settings.access.keyPair.publicKey"] };
        for (const [key, value] of Object.entries(answers)) ok(ws().pulumi(["config", "set", key, value, "--stack", "staging", "--cwd", project()]));
    });

    it("pulumi new ends by naming the command", () => assert.match(created, /npm run schema:attach/));

    it("the CLI writes the new stack file without it", () => {
        assert.ok(!fs.readFileSync(stackFile(), "utf8").includes("yaml-language-server"));
    });

    it("npm run schema:attach adds it to that file only, and the file passes the schema it names", () => {
        const before = fs.readFileSync(path.join(project(), "Pulumi.dev.yaml"), "utf8");
        const r = ok(ws().bash(`cd '${project()}' && npm run -s schema:attach`));
        assert.match(r.stdout, /added ".*" to Pulumi\.staging\.yaml\n$/);
        assert.equal(firstLine(), COMMENT);
        assert.equal(fs.readFileSync(path.join(project(), "Pulumi.dev.yaml"), "utf8"), before, "a file that has it is left alone");
        const named = path.resolve(project(), COMMENT.split("=")[1]);
        const editor = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(named, "utf8")) as object);
        assert.ok(editor(parse(fs.readFileSync(stackFile(), "utf8"))), JSON.stringify(editor.errors));
    });

    it("the CLI keeps it through later config edits, and a second run changes nothing", () => {
        ok(ws().pulumi(["config", "set", "--path", "my-net:settings.dbPort", "5432", "--stack", "staging", "--cwd", project()]));
        ok(ws().pulumi(["config", "set", "--secret", "--path", "my-net:settings.environment", "staging", "--stack", "staging", "--cwd", project()]));
        assert.equal(firstLine(), COMMENT);
        assert.match(fs.readFileSync(stackFile(), "utf8"), /dbPort: 5432/);
        const again = ok(ws().bash(`cd '${project()}' && npm run -s schema:attach`));
        assert.match(again.stdout, /nothing changed/);
    });
});
