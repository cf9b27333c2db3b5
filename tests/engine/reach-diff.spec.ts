// reach:diff on what the real CLI writes: dev brought up with the stand-in AWS provider (nothing is deployed
// anywhere) with the web tier unreachable (webAccess: none), then the real `pulumi preview --json` of the same
// config (no change) and of webAccess: eip (opens the web's port from outside), each compared with the
// `pulumi stack export` of that state.
import * as assert from "assert";
import * as fs from "fs";
import { describeWithEngine, ok, ownValues, useWorkspace } from "../helpers/engine";
import { runCli } from "../offline/cli/run-cli";

interface DiffEntryJson {
    from: string;
    to: string;
    protocol: string;
    ports: { from: number; to: number } | null;
    verdict: string;
    reason: string;
}
type DiffJson = Record<"added" | "removed" | "changed" | "unknown", DiffEntryJson[]>;

const operator = ownValues["bastion-network:settings.operatorCidrs[0]"];

describeWithEngine("reach:diff on the real CLI's export and previews", (engine) => {
    const ws = useWorkspace(engine);
    const file = (name: string) => ws().scratch(name);
    const setting = (key: string, value: string) => ok(ws().pulumi(["config", "set", "--path", `bastion-network:settings.${key}`, value]));

    async function diff(base: string, next: string, gate = false): Promise<{ code: number; json: DiffJson }> {
        const run = await runCli("reach:diff", [base, next, "--json", ...(gate ? ["--fail-on-exposure"] : [])]);
        assert.ok(run.code === 0 || run.code === 1, `reach:diff exited ${run.code}: ${run.stderr}`);
        return { code: run.code, json: JSON.parse(run.stdout) as DiffJson };
    }

    before(() => {
        ok(ws().pulumi(["stack", "init", "dev"]));
        for (const [key, value] of Object.entries(ownValues)) ok(ws().pulumi(["config", "set", "--path", key, value]));
        setting("webAccess", "none");
        ok(ws().pulumi(["up", "--yes", "--skip-preview"]));
        fs.writeFileSync(file("deployed.json"), ok(ws().pulumi(["stack", "export"])).stdout);
    });

    it("a preview of the unchanged stack against its export: no change", async () => {
        fs.writeFileSync(file("same.json"), ok(ws().pulumi(["preview", "--json"])).stdout);
        const { code, json } = await diff(file("deployed.json"), file("same.json"), true);
        assert.deepStrictEqual(json, { added: [], removed: [], changed: [], unknown: [] });
        assert.strictEqual(code, 0);
    });

    it("webAccess none -> eip: exactly the web's 8080 from the internet and from the operator's range is added, and the gate exits 1", async () => {
        setting("webAccess", "eip");
        const preview = ok(ws().pulumi(["preview", "--json"])).stdout;
        fs.writeFileSync(file("eip.json"), preview);
        assert.match(preview, /aws:ec2\/eip:Eip::acme-eip-web-2a/, "the preview creates the web's Elastic IP");
        const { code, json } = await diff(file("deployed.json"), file("eip.json"), true);
        const opened = json.added.map((e) => `${e.from} -> ${e.to} ${e.protocol} ${e.ports?.from}-${e.ports?.to} ${e.verdict}`).sort();
        assert.deepStrictEqual(opened, ["internet -> acme-ec2-web-2a tcp 8080-8080 yes", `operator ${operator} -> acme-ec2-web-2a tcp 8080-8080 yes`], JSON.stringify(json, null, 2));
        for (const e of json.added) assert.match(e.reason, /acme-sgr-web-8080-from-anywhere .*elastic-ip/);
        assert.deepStrictEqual([json.removed, json.changed, json.unknown], [[], [], []], JSON.stringify(json, null, 2));
        assert.strictEqual(code, 1);
    });
});
