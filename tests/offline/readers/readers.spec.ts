import * as assert from "assert";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readSnapshotDocument, readSnapshotFile, SnapshotReadError } from "../../../offline/readers";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../../../offline/snapshot";
import { CORPUS_DIR } from "../snapshot-fixtures";

const corpus = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".json")).sort();

function rawResources(file: string): { urn: string; delete?: boolean }[] {
    return JSON.parse(readFileSync(join(CORPUS_DIR, file), "utf8")).deployment.resources;
}

describe("readers: real stack exports (corpus)", () => {
    it("has all eleven corpus files", () => assert.strictEqual(corpus.length, 11));

    for (const file of corpus) {
        it(`reads ${file} without throwing, one snapshot resource per file resource`, () => {
            const result = readSnapshotFile(join(CORPUS_DIR, file));
            assert.strictEqual(result.format, "stack-export");
            assert.deepStrictEqual(result.snapshot.resources.map((r) => r.urn), rawResources(file).map((r) => r.urn));
            assert.strictEqual(result.snapshot.stack, rawResources(file)[0].urn.split(":")[2]);
            for (const r of result.snapshot.resources) {
                assert.ok(r.type.length > 0 && r.name.length > 0, r.urn);
                assert.ok(Array.isArray(r.dependencies) && typeof r.propertyDependencies === "object");
            }
        });
    }

    // The corpus README says the EKS exports hold ciphertext secrets; they hold resource references
    // (the same signature key, another value) instead. Both must pass through untouched.
    it("keeps signature objects (resource references) as they are in the file (EKS export)", () => {
        const sigs = (s: string) => s.split(`"${SECRET_SIG_KEY}":`).length - 1;
        const raw = JSON.stringify(JSON.parse(readFileSync(join(CORPUS_DIR, "eks-extra-sg.json"), "utf8")).deployment.resources);
        assert.ok(sigs(raw) > 0);
        assert.strictEqual(sigs(JSON.stringify(readSnapshotFile(join(CORPUS_DIR, "eks-extra-sg.json")).snapshot.resources)), sigs(raw));
    });

    it("reads stack outputs from the root stack resource", () => {
        const result = readSnapshotFile(join(CORPUS_DIR, "aws-ec2-networking.json"));
        const root = rawResources("aws-ec2-networking.json").find((r) => r.urn.includes("pulumi:pulumi:Stack")) as { outputs?: object };
        assert.deepStrictEqual(result.outputs, root.outputs ?? {});
    });

    it("tolerates dependencies on missing resources and says so (paas backup)", () => {
        const result = readSnapshotFile(join(CORPUS_DIR, "paas-server-stack-backup.json"));
        assert.ok(result.warnings.some((w) => w.includes("missing from the file")), result.warnings.join("\n"));
        assert.ok(result.warnings.some((w) => w.includes("integrity error")));
    });
});

describe("readers: other forms", () => {
    const resource = <E extends object>(name: string, extra: E = {} as E) => ({
        urn: `urn:pulumi:prod::proj::aws:ec2/vpc:Vpc::${name}`,
        type: "aws:ec2/vpc:Vpc",
        custom: true,
        inputs: { cidrBlock: "10.0.0.0/16" },
        ...extra,
    });

    it("reads a file backend checkpoint and takes the stack from its qualified name", () => {
        const doc = { version: 3, checkpoint: { stack: "org/proj/staging", latest: { resources: [resource("a")] } } };
        const result = readSnapshotDocument(doc, "cp.json");
        assert.strictEqual(result.format, "checkpoint");
        assert.strictEqual(result.snapshot.stack, "staging");
        assert.strictEqual(result.snapshot.resources[0].inputs.cidrBlock, "10.0.0.0/16");
    });

    it("reads preview --json steps: newState wins, deletes drop out, unknowns stay the sentinel", () => {
        const doc = {
            steps: [
                { op: "create", urn: "x", newState: resource("a", { outputs: { id: UNKNOWN } }) },
                { op: "delete", urn: "y", oldState: resource("gone") },
                { op: "same", urn: "z", oldState: resource("kept") },
            ],
            changeSummary: { create: 1 },
        };
        const result = readSnapshotDocument(doc, "p.json");
        assert.strictEqual(result.format, "preview-json");
        assert.deepStrictEqual(result.snapshot.resources.map((r) => r.name), ["a", "kept"]);
        assert.strictEqual(result.snapshot.resources[0].outputs.id, UNKNOWN);
        assert.strictEqual(result.snapshot.source, "preview-json");
    });

    it("reads an unchanged resource of a --show-sames preview as deployed: its oldState, with the id and outputs its newState lacks", () => {
        const deployed = resource("igw", { id: "igw-0abc", outputs: { id: "igw-0abc", arn: "arn:aws:ec2:::internet-gateway/igw-0abc" } });
        const doc = { steps: [{ op: "same", urn: deployed.urn, oldState: deployed, newState: resource("igw") }] };
        const [r] = readSnapshotDocument(doc, "p.json").snapshot.resources;
        assert.deepStrictEqual([r.id, r.outputs], ["igw-0abc", deployed.outputs]);
        const updated = readSnapshotDocument({ steps: [{ op: "update", urn: deployed.urn, oldState: deployed, newState: resource("igw") }] }, "p.json");
        assert.deepStrictEqual(updated.snapshot.resources[0].outputs, { cidrBlock: "10.0.0.0/16" }, "a changed resource is its newState (inputs carried over)");
    });

    it("leaves out resources pending deletion and reports pending operations", () => {
        const doc = { version: 3, deployment: { resources: [resource("a"), resource("a", { delete: true })], pending_operations: [{ type: "creating", resource: resource("b") }] } };
        const result = readSnapshotDocument(doc, "e.json");
        assert.strictEqual(result.snapshot.resources.length, 1);
        assert.ok(result.warnings.some((w) => w.includes("pending operation")));
        assert.ok(result.warnings.some((w) => w.includes("pending deletion")));
    });

    it("keeps ciphertext secrets as secret signature objects", () => {
        const secret = { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: "v1:abc:def" };
        const doc = { version: 3, deployment: { resources: [resource("a", { inputs: { password: secret } })] } };
        assert.deepStrictEqual(readSnapshotDocument(doc, "c.json").snapshot.resources[0].inputs.password, secret);
    });

    it("decodes --show-secrets plaintext into the wire form", () => {
        const doc = { version: 3, deployment: { resources: [resource("a", { outputs: { pw: { [SECRET_SIG_KEY]: SECRET_SIG, plaintext: '"hunter2"' } } })] } };
        const r = readSnapshotDocument(doc, "s.json").snapshot.resources[0];
        assert.deepStrictEqual(r.outputs.pw, { [SECRET_SIG_KEY]: SECRET_SIG, value: "hunter2" });
    });
});

describe("readers: bad input", () => {
    const dir = mkdtempSync(join(tmpdir(), "readers-"));
    const write = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
    };
    const cases: [string, () => string, string, RegExp][] = [
        ["a missing file", () => join(dir, "nope.json"), "missing", /does not exist/],
        ["a directory", () => dir, "unreadable", /is a directory/],
        ["text that is not JSON", () => write("bad.json", "Previewing update (dev):\n+ 3 to create"), "not-json", /is not JSON/],
        ["JSON that is not a Pulumi format", () => write("other.json", '{"resources": []}'), "not-pulumi", /not a Pulumi format/],
        ["a JSON array", () => write("array.json", "[1,2]"), "not-pulumi", /pulumi stack export/],
    ];
    for (const [what, file, kind, message] of cases) {
        it(`refuses ${what} with a typed, one-paragraph error`, () => {
            const path = file();
            assert.throws(
                () => readSnapshotFile(path),
                (e: unknown) => e instanceof SnapshotReadError && e.kind === kind && message.test(e.message) && e.message.includes(path) && !e.message.includes("\n"),
            );
        });
    }
});
