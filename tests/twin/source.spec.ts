/** The twin names where its network came from, and says so when the file holds the mocked provider's made-up values. */
import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stackExportJson } from "../../offline/artifacts/stack-export-writer";
import { readSnapshotFile } from "../../offline/readers";
import { fromFile } from "../../twin/source";

const CORPUS = join(__dirname, "..", "offline", "fixtures", "corpus");

describe("twin source", () => {
    it("an export written by the offline preview is labelled as made up by the mocked provider", async () => {
        const file = join(mkdtempSync(join(tmpdir(), "twin-source-")), "stack-export.json");
        const real = readSnapshotFile(join(CORPUS, "aws-ec2-instance.json")).snapshot;
        writeFileSync(file, stackExportJson(real));
        assert.match((await fromFile(file)).label, /written by the offline preview: mocked provider, ids and addresses made up\)$/);
    });
    it("a real export is labelled with its format only", async () => {
        const label = (await fromFile(join(CORPUS, "aws-ec2-instance.json"))).label;
        assert.doesNotMatch(label, /mocked/);
        assert.match(label, /aws-ec2-instance\.json \(.+\)$/);
    });
});
