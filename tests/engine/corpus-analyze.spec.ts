// `pulumi policy analyze` on other people's stacks: each real export of the corpus is imported into a local
// stack and analyzed by the real CLI with our pack; its findings must equal `npm run policy:check` on the file.
//
// Secrets: `pulumi stack import` keeps the export's secrets provider, and every corpus export names one we
// cannot open (a passphrase we do not know, or Pulumi Cloud for paas-server-stack-backup). None of them holds
// a ciphertext value, so the provider is swapped for the fresh local stack's own (passphrase) before import:
// nothing secret is lost or invented. An export that did hold ciphertexts would need its original passphrase.
//
// Integrity: paas-server-stack-backup.json records an integrity error and depends on resources missing from the
// file. The real CLI refuses to analyze it ("snapshot integrity error") unless given the flag it names,
// --disable-integrity-checking; policy:check analyses it as found and says so in two notes. Same findings.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../engine/build/pins";
import { findingKey, findingsFromEventLines } from "../../engine/events";
import { describeWithEngine, ok, useWorkspace } from "../helpers/engine";
import { policyCheck } from "../helpers/offline-cli";

const corpusDir = path.join(repoRoot, "tests", "offline", "fixtures", "corpus");
const pack = path.join(repoRoot, "policies");

interface Export {
    version: number;
    deployment: { secrets_providers?: unknown; metadata?: { integrity_error?: unknown }; resources?: { urn: string; type: string }[] };
}

/** The project and stack an export belongs to, read from its Stack resource's URN. */
function stackOf(doc: Export): { project: string; stack: string } {
    const urn = (doc.deployment.resources ?? []).find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
    const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    if (!m) throw new Error("export without a Stack resource");
    return { stack: m[1], project: m[2] };
}

const files = fs.readdirSync(corpusDir).filter((f) => f.endsWith(".json")).sort();

describeWithEngine("pulumi policy analyze on the corpus", (engine) => {
    it("has every corpus export to analyze", () => assert.strictEqual(files.length, 11));

    for (const file of files) {
        const doc = JSON.parse(fs.readFileSync(path.join(corpusDir, file), "utf8")) as Export;
        const { project, stack } = stackOf(doc);

        describe(file, () => {
            const ws = useWorkspace(engine, { emptyProject: project });

            it("gives the findings policy:check gives on the file", async () => {
                assert.ok(!JSON.stringify(doc).includes('"ciphertext"'), "no ciphertext: swapping the secrets provider loses nothing");
                ok(ws().pulumi(["stack", "init", stack]));
                const fresh = JSON.parse(ok(ws().pulumi(["stack", "export"])).stdout) as Export;
                const imported: Export = { ...doc, deployment: { ...doc.deployment, secrets_providers: fresh.deployment.secrets_providers } };
                const importFile = ws().scratch("import.json");
                fs.writeFileSync(importFile, JSON.stringify(imported));
                ok(ws().pulumi(["stack", "import", "--force", "--file", importFile]));

                const integrity = doc.deployment.metadata?.integrity_error ? ["--disable-integrity-checking"] : [];
                const analyzed = ws().pulumi([...integrity, "policy", "analyze", "--policy-pack", pack, "--json"]);
                const engineFindings = findingsFromEventLines(analyzed.stdout);
                const mandatory = engineFindings.some((f) => f.enforcementLevel === "mandatory");
                assert.strictEqual(analyzed.status !== 0, mandatory, `exit ${analyzed.status}: ${analyzed.stderr.slice(0, 1500)}`);

                const harness = await policyCheck(path.join(corpusDir, file));
                assert.deepStrictEqual(harness.violations.map(findingKey).sort(), engineFindings.map(findingKey).sort());
            });
        });
    }
});
