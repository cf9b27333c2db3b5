// The config under the real CLI and language host: a secret set with `--secret --path` is read decrypted,
// the committed example values let a preview through with a warning but stop `pulumi up`, and keys the
// program would ignore are refused.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../../engine/build/pins";
import { projectEntries } from "../../../engine/workspace";
import { describeWithEngine, ok, useWorkspace } from "../../helpers/engine";

/** A user's own values in place of the committed examples. */
const ownValues: Record<string, string> = {
    "bastion-network:settings.prefix": "acme",
    "bastion-network:settings.access.keyPair.name": "acme-key",
    "bastion-network:settings.access.keyPair.publicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGKpYkFJv1WBHrdHQ7i8v1yrcQg3qW4mSPqlNNjG0tqR acme@laptop",
    "bastion-network:settings.access.instanceConnect.iamGroups[0]": "acme-operators",
    "bastion-network:settings.operatorCidrs[0]": "52.78.10.20/32",
};

describeWithEngine("config under the real engine", (engine) => {
    describe("the committed example stack", () => {
        const ws = useWorkspace(engine);
        before(() => ok(ws().pulumi(["stack", "init", "dev"])));

        it("previews with a warning for each example value", () => {
            const r = ok(ws().pulumi(["preview"]));
            const out = r.stdout + r.stderr;
            assert.match(out, /config prefix: "mhson" is the example's owner id/);
            assert.match(out, /config operatorCidrs\[0\]: 203\.0\.113\.10\/32 is a documentation address/);
            assert.match(out, /config access\.keyPair\.publicKey: is the example's placeholder key/);
            assert.match(out, /config access\.instanceConnect\.iamGroups\[0\]: "mhson-operators" is the example.s IAM name/);
        });

        it("stops `pulumi up` before anything is created, naming each example value", () => {
            const r = ws().pulumi(["up", "--yes", "--skip-preview"]);
            assert.notStrictEqual(r.status, 0);
            const out = r.stdout + r.stderr;
            assert.match(out, /The stack config has 4 problems/);
            assert.match(out, /pulumi up` stops until it is replaced/);
            assert.doesNotMatch(out, /^\s+at .+\(.*:\d+:\d+\)$/m, "no stack trace");
            assert.doesNotMatch(out, /^\s*[+~-]\s+(aws|tls|bastion-network):/m, "no resource but the stack itself");
        });
    });

    describe("a stack of one's own, with a secret under settings", () => {
        const ws = useWorkspace(engine);
        before(() => {
            ok(ws().pulumi(["stack", "init", "dev"]));
            for (const [key, value] of Object.entries(ownValues)) ok(ws().pulumi(["config", "set", "--path", key, value]));
            ok(ws().pulumi(["config", "set", "--secret", "--path", "bastion-network:settings.dbPort", "5432"]));
        });

        it("reads the decrypted secret: the db port is 5432 in the preview", () => {
            const r = ok(ws().pulumi(["preview", "--json"]));
            const steps = (JSON.parse(r.stdout) as { steps: { newState?: { type: string; inputs?: Record<string, unknown> } }[] }).steps;
            const ports = steps.filter((s) => s.newState?.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((s) => s.newState?.inputs?.fromPort);
            assert.ok(ports.includes(5432), JSON.stringify(ports));
        });

        it("refuses a flat key in the project's namespace and a misspelled aws: key, with every problem at once", () => {
            ok(ws().pulumi(["config", "set", "bastion-network:vpcCidr", "10.0.0.0/24"]));
            ok(ws().pulumi(["config", "set", "aws:regoin", "ap-northeast-2"]));
            const r = ws().pulumi(["preview"]);
            assert.notStrictEqual(r.status, 0);
            const out = r.stdout + r.stderr;
            assert.match(out, /bastion-network:vpcCidr: is not read by the program/);
            assert.match(out, /aws:regoin: is not a setting of the AWS provider.*did you mean "region"/);
            ok(ws().pulumi(["config", "rm", "bastion-network:vpcCidr"]));
            ok(ws().pulumi(["config", "rm", "aws:regoin"]));
        });
    });

    describe("pulumi new from this repository, under another project name", () => {
        const ws = useWorkspace(engine, { emptyProject: "scratch" });
        const scratch = (name: string) => ws().scratch(name);

        before(() => {
            // The template is what a clone of the repository holds: the program, its manifest and lockfile, no
            // node_modules. Pulumi's language host installs the dependencies itself, as it does for any user.
            for (const entry of [...projectEntries, "package-lock.json"]) {
                fs.cpSync(path.join(repoRoot, entry), path.join(scratch("template"), entry), { recursive: true, filter: (src) => path.basename(src) !== "node_modules" });
            }
            ok(ws().pulumi([
                "new", scratch("template"), "--dir", scratch("my-net"), "--yes", "--stack", "staging", "--name", "my-net",
                "-c", `prefix=${ownValues["bastion-network:settings.prefix"]}`,
                "-c", `operatorCidr=${ownValues["bastion-network:settings.operatorCidrs[0]"]}`,
                "-c", `publicKey=${ownValues["bastion-network:settings.access.keyPair.publicKey"]}`,
            ]));
        });

        it("installs the new project's dependencies: the Pulumi SDK package.json pins, in its own node_modules", () => {
            const installed = path.join(scratch("my-net"), "node_modules", "@pulumi", "pulumi", "package.json");
            assert.ok(fs.existsSync(installed), `pulumi new left no ${installed}`);
            assert.ok(!fs.lstatSync(path.join(scratch("my-net"), "node_modules")).isSymbolicLink(), "node_modules is the new project's own");
            const pinned = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies;
            assert.strictEqual((JSON.parse(fs.readFileSync(installed, "utf8")) as { version: string }).version, pinned["@pulumi/pulumi"]);
        });

        it("writes a stack file holding the three answers under the new name", () => {
            const stackFile = fs.readFileSync(path.join(scratch("my-net"), "Pulumi.staging.yaml"), "utf8");
            for (const key of ["aws:region: ap-northeast-2", "my-net:prefix: acme", "my-net:operatorCidr: 52.78.10.20/32", "my-net:publicKey: ssh-ed25519"]) {
                assert.ok(stackFile.includes(key), `${key} in\n${stackFile}`);
            }
        });

        it("previews that stack cleanly with what it installed: no config problem, no example value, the owner's names", () => {
            const r = ok(ws().pulumi(["preview", "--cwd", scratch("my-net"), "--stack", "staging"]));
            const out = r.stdout + r.stderr;
            assert.doesNotMatch(out, /example|problem/i);
            assert.match(out, /acme-ec2-bastion-2a/);
        });
    });
});
