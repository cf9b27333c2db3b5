// Harness conformance: on our own stacks, what the real engine registers and what the real analyzer reports
// (read from the event log) equal what `npm start` reports offline and what `npm run policy:check` reports on
// the saved `pulumi preview --json` and on the `pulumi stack export` after an up. Where they differ the harness
// is wrong. A policy config that makes rules fire keeps the comparison from being one of two empty lists.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../engine/build/pins";
import { findingKey, findingsFromEventLog } from "../../engine/events";
import { EngineWorkspace } from "../../engine/workspace";
import { describeWithEngine, ok, ownValues, useWorkspace } from "../helpers/engine";
import { offlinePreview, policyCheck } from "../helpers/offline-cli";

const pack = path.join(repoRoot, "policies");

// What the analyzer is handed and what the harness reads differ on purpose in two ways, with the same verdicts:
// - In a preview the analyzer's stack policies get the provider's planned outputs (plugin/provider_plugin.go
//   Create with Preview; the stand-in answers as pulumi-aws plans: the program's values known, every computed
//   value it did not set unknown). `pulumi preview --json` records each step's state before it applies
//   (display/json.go, ResourcePreEvent): inputs, no outputs. policy:check reads those inputs as the outputs, so a
//   computed value the program did not set is absent there and unknown to the analyzer; the pack reads an unknown
//   without dependencies as not set (the model's readSetting), so both mean the same to every rule.
// - The default provider resource reaches the analyzer but not the preview JSON; no rule judges a provider.
// Empty `propertyDependencies` entries (the preview JSON has one per input) are dropped by the harness as the
// engine drops them (plugin/analyzer_plugin.go): only properties with dependencies reach the pack.


/** Rules made to fire on our stack: 8080 counted as an admin port, every finding advisory so `up` proceeds. */
const firingConfig = { all: "advisory", "no-world-open-admin-ports": { ports: [22, 8080] } };

function setOwnValues(ws: EngineWorkspace, stack: string): void {
    ok(ws.pulumi(["stack", "init", stack]));
    for (const [key, value] of Object.entries(ownValues)) ok(ws.pulumi(["config", "set", "--path", key, value]));
}

interface EngineEvent {
    resourcePreEvent?: { metadata: { urn: string; op: string } };
}

function registeredUrns(eventFile: string): string[] {
    return fs.readFileSync(eventFile, "utf8").split("\n").filter((l) => l.trim())
        .flatMap((l) => {
            const e = JSON.parse(l) as EngineEvent;
            return e.resourcePreEvent ? [e.resourcePreEvent.metadata.urn] : [];
        })
        .filter((urn, i, all) => all.indexOf(urn) === i)
        .sort();
}

describeWithEngine("harness conformance on our stacks", (engine) => {
    for (const stack of ["dev", "prod"]) {
        describe(stack, () => {
            const ws = useWorkspace(engine);
            const file = (name: string) => ws().scratch(name);

            before(() => {
                setOwnValues(ws(), stack);
                fs.writeFileSync(file("policy-config.json"), JSON.stringify(firingConfig));
            });

            it("preview: the same resources and findings as `npm start --preview` and policy:check on the preview JSON", async () => {
                const preview = ok(ws().pulumi(["preview", "--json", "--policy-pack", pack, "--policy-pack-config", file("policy-config.json"), "--event-log", file("preview.events")]));
                fs.writeFileSync(file("preview.json"), preview.stdout);
                const engineFindings = findingsFromEventLog(file("preview.events")).map(findingKey).sort();
                assert.ok(engineFindings.some((k) => k.includes("no-world-open-admin-ports")), engineFindings.join("\n"));

                const offline = await offlinePreview(ws().dir, stack, file("out-preview"), true, file("policy-config.json"));
                assert.deepStrictEqual(offline.violations.map(findingKey).sort(), engineFindings, "npm start --preview");
                const fromPreviewJson = await policyCheck(file("preview.json"), file("policy-config.json"));
                assert.deepStrictEqual(fromPreviewJson.violations.map(findingKey).sort(), engineFindings, "policy:check on pulumi preview --json");
            });

            it("preview: the engine registers exactly the resources npm start reports", () => {
                const offline = JSON.parse(fs.readFileSync(path.join(file("out-preview"), "plan.json"), "utf8")) as { resources: { urn: string }[] };
                assert.deepStrictEqual(offline.resources.map((r) => r.urn).sort(), registeredUrns(file("preview.events")));
            });

            it("up: the same findings as `npm start` and policy:check on the export", async () => {
                ok(ws().pulumi(["up", "--yes", "--policy-pack", pack, "--policy-pack-config", file("policy-config.json"), "--event-log", file("up.events")]));
                const engineFindings = findingsFromEventLog(file("up.events")).map(findingKey).sort();
                const offline = await offlinePreview(ws().dir, stack, file("out-up"), false, file("policy-config.json"));
                assert.deepStrictEqual(offline.violations.map(findingKey).sort(), engineFindings, "npm start");
                fs.writeFileSync(file("export.json"), ok(ws().pulumi(["stack", "export"])).stdout);
                const fromExport = await policyCheck(file("export.json"), file("policy-config.json"));
                assert.deepStrictEqual(fromExport.violations.map(findingKey).sort(), engineFindings, "policy:check on the export");
            });

            it("up with the pack as shipped: zero violations", () => {
                const result = ok(ws().pulumi(["preview", "--policy-pack", pack, "--event-log", file("clean.events")]));
                assert.deepStrictEqual(findingsFromEventLog(file("clean.events")).map(findingKey), [], result.stdout);
            });
        });
    }
});
