// docs/outputs.md documents every stack output: nothing exported is missing from its table, no row names an
// output the stack never exports, and each object output's keys are named in its row's type.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { devAccess, runStack } from "../helpers/mocks";
import { keys } from "./access/test-keys";

const DOC = readFileSync(join(__dirname, "..", "..", "docs", "outputs.md"), "utf8");

/** Output name -> the row's type and meaning, from the table. */
function rows(): Map<string, { type: string; meaning: string }> {
    const out = new Map<string, { type: string; meaning: string }>();
    for (const line of DOC.split("\n")) {
        const m = /^\| `(\w+)` \| (.+?) \| (.+) \|$/.exec(line);
        if (m) out.set(m[1], { type: m[2], meaning: m[3] });
    }
    return out;
}

describe("docs/outputs.md", function () {
    this.timeout(120_000);
    const table = rows();
    let exported: Map<string, unknown>;

    before(async () => {
        const everyOption = { access: { ...devAccess(), keyPair: { name: "acme-gen", generate: true }, recovery: [{ target: "web", newKey: { name: "acme-web-2", publicKey: keys.ed25519() } }] } };
        const runs = await Promise.all([runStack("dev"), runStack("prod"), runStack("dev", { settings: everyOption })]);
        exported = new Map(runs.flatMap((r) => Object.entries(r.outputs)));
    });

    it("has a row for every output the stacks export", () => {
        const missing = [...exported.keys()].filter((k) => !table.has(k));
        assert.deepEqual(missing, []);
    });

    it("documents no output the stacks do not export", () => {
        assert.deepEqual([...table.keys()].filter((k) => !exported.has(k)), []);
    });

    it("names each key of an object output in its type, and says when a conditional output appears", () => {
        for (const [name, value] of exported) {
            if (typeof value !== "object" || value === null || Array.isArray(value) || "4dabf18193072939515e22adb298388d" in value) continue;
            for (const k of Object.keys(value)) assert.ok(table.get(name)!.type.includes(k), `${name}.${k} is not in the type ${table.get(name)!.type}`);
        }
        for (const name of ["instanceConnect", "privateKeyOpenssh", "recovery"]) assert.match(table.get(name)!.meaning, /^\*Only when\*/);
    });

    it("covers the ids a consumer needs: VPC, subnets per tier, security groups, instances", () => {
        for (const name of ["vpcId", "subnetIds", "securityGroupIds", "instanceIds"]) assert.ok(exported.has(name) && table.has(name), name);
        const ids = exported.get("subnetIds") as Record<string, string[]>;
        assert.deepEqual(Object.keys(ids).sort(), ["admin", "internal", "public"]);
        assert.equal(ids.public.length, 2);
    });
});
