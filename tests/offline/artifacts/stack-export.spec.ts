import * as assert from "assert";
import { createHash } from "crypto";
import { withStackRoot } from "../../../offline/artifacts/stack-root";
import { OFFLINE_PREVIEW_MARKER, stackExportJson } from "../../../offline/artifacts/stack-export-writer";
import { planJson } from "../../../offline/artifacts/write-artifacts";
import { readSnapshotDocument } from "../../../offline/readers";
import { buildReport } from "../../../offline/report/report";
import { SECRET_SIG, SECRET_SIG_KEY } from "../../../offline/snapshot";
import { fixtureSnapshot } from "../snapshot-fixtures";

describe("stack-export.json", () => {
    for (const preview of [false, true]) {
        it(`round-trips through the reader (${preview ? "preview" : "update"} snapshot)`, () => {
            const snapshot = fixtureSnapshot(preview);
            const back = readSnapshotDocument(JSON.parse(stackExportJson(snapshot)), "x.json");
            assert.deepStrictEqual(back.snapshot.resources, snapshot.resources);
            assert.deepStrictEqual([back.snapshot.stack, back.snapshot.project], ["test", "fixture"]);
            assert.deepStrictEqual(back.warnings, []);
            assert.strictEqual(back.snapshot.mocked, true, "read back as the mocked provider's");
        });
    }

    it("is marked as the offline preview's in deployment.metadata, and only that marker makes a snapshot mocked", () => {
        const doc = JSON.parse(stackExportJson(fixtureSnapshot()));
        assert.deepStrictEqual(doc.deployment.metadata, { offlinePreview: OFFLINE_PREVIEW_MARKER });
        const read = (metadata: unknown) => readSnapshotDocument({ ...doc, deployment: { ...doc.deployment, metadata } }, "x.json").snapshot.mocked;
        assert.strictEqual(read(undefined), undefined);
        assert.strictEqual(read({}), undefined);
        assert.strictEqual(read({ offlinePreview: { provider: "aws" } }), undefined);
        assert.strictEqual(read({ offlinePreview: "mocked" }), undefined);
        assert.strictEqual(read({ integrity_error: { message: "x" }, offlinePreview: { provider: "mocked" } }), true);
    });

    it("is deployment version 3 with a manifest whose magic is the engine's", () => {
        const doc = JSON.parse(stackExportJson(fixtureSnapshot()));
        assert.strictEqual(doc.version, 3);
        const m = doc.deployment.manifest;
        assert.strictEqual(m.magic, createHash("sha256").update(m.version).digest("hex"));
        for (const k of ["urn", "type", "custom", "id", "inputs", "outputs", "parent", "dependencies", "propertyDependencies"]) {
            assert.ok(k in doc.deployment.resources[2], k);
        }
    });

    it("writes readable secrets as plaintext JSON, as `stack export --show-secrets` does", () => {
        const doc = JSON.parse(stackExportJson(fixtureSnapshot()));
        assert.deepStrictEqual(doc.deployment.resources[0].outputs.token, { [SECRET_SIG_KEY]: SECRET_SIG, plaintext: '"s3cret"' });
    });

    it("gets a root stack resource carrying the outputs when the snapshot has none", () => {
        const snapshot = fixtureSnapshot();
        const withoutRoot = { ...snapshot, resources: snapshot.resources.slice(1) };
        const rooted = withStackRoot(withoutRoot, { a: 1 });
        assert.deepStrictEqual([rooted.resources[0].type, rooted.resources[0].outputs], ["pulumi:pulumi:Stack", { a: 1 }]);
        assert.strictEqual(withStackRoot(snapshot, {}), snapshot);
    });
});

describe("plan.json", () => {
    it("is byte-identical for equal data, whatever the key order", () => {
        const a = fixtureSnapshot();
        const b = fixtureSnapshot();
        b.resources = b.resources.map((r) => Object.fromEntries(Object.entries(r).reverse()) as typeof r);
        const report = buildReport(a, { violations: [], notApplicable: [] });
        assert.strictEqual(planJson(a, {}, report), planJson(b, {}, report));
        assert.deepStrictEqual(Object.keys(JSON.parse(planJson(a, {}, report))), ["outputs", "project", "report", "resources", "source", "stack"]);
    });
});
