// `npm start` writes out/<stack>/stack-export.json from the mocked provider and marks it so in deployment.metadata
// (readers then say so in policy:check and reach:diff). The marker must not cost the file its use: the real CLI
// still imports it (`pulumi stack import --file`) into a throwaway file:// stack, every resource kept.
import * as assert from "assert";
import * as fs from "fs";
import { describeWithEngine, ok, useWorkspace } from "../helpers/engine";
import { runCli } from "../offline/cli/run-cli";

interface Export {
    deployment: { secrets_providers?: unknown; metadata?: Record<string, unknown>; resources?: { urn: string }[] };
}

describeWithEngine("the offline preview's export under the real CLI", (engine) => {
    const ws = useWorkspace(engine);

    it("carries the mocked-provider marker and still imports, every resource kept", async () => {
        const out = ws().scratch("out");
        const run = await runCli("start", ["--stack", "dev", "--out", out]);
        assert.strictEqual(run.code, 0, run.stderr);
        const doc = JSON.parse(fs.readFileSync(`${out}/stack-export.json`, "utf8")) as Export;
        assert.deepStrictEqual((doc.deployment.metadata?.offlinePreview as { provider?: string } | undefined)?.provider, "mocked");

        ok(ws().pulumi(["stack", "init", "dev"]));
        const fresh = JSON.parse(ok(ws().pulumi(["stack", "export"])).stdout) as Export;
        // the file names no secrets provider; the stack's own (passphrase) opens its plaintext secrets on import
        const file = ws().scratch("import.json");
        fs.writeFileSync(file, JSON.stringify({ ...doc, deployment: { ...doc.deployment, secrets_providers: fresh.deployment.secrets_providers } }));
        ok(ws().pulumi(["stack", "import", "--file", file]));

        const back = JSON.parse(ok(ws().pulumi(["stack", "export"])).stdout) as Export;
        assert.deepStrictEqual((back.deployment.resources ?? []).map((r) => r.urn).sort(), (doc.deployment.resources ?? []).map((r) => r.urn).sort());
    });
});
