/**
 * The project's own dev and prod stacks, run under mocks, pass the whole pack — after an update
 * and during a preview (ids unknown) — and a deliberate breach in them is caught.
 */
import { strict as assert } from "assert";
import type { StackSnapshot } from "../../offline/snapshot";
import { devAccess, runStack } from "../helpers/mocks";
import { T, findings, runPack } from "../helpers/harness";

function clone(s: StackSnapshot): StackSnapshot {
    return JSON.parse(JSON.stringify(s)) as StackSnapshot;
}

describe("the project's stacks pass the pack", function () {
    this.timeout(120000);
    for (const stack of ["dev", "prod"]) {
        for (const preview of [false, true]) {
            it(`${stack}${preview ? " (preview)" : ""}: zero violations, zero can't-run`, async () => {
                const run = await runStack(stack, { preview });
                const r = await runPack(run.snapshot);
                assert.deepEqual(r.violations, []);
            });
        }
        it(`${stack} (preview): opening the web group's SSH rule to the world is a mandatory violation`, async () => {
            const s = clone((await runStack(stack, { preview: true })).snapshot);
            const rules = s.resources.filter((r) => r.type === T.IngressRule && r.outputs.referencedSecurityGroupId !== undefined && r.outputs.fromPort === 22);
            assert.ok(rules.length > 0, "the stack has SSH rules that reference a group");
            for (const key of ["inputs", "outputs"] as const) {
                delete rules[0][key].referencedSecurityGroupId;
                rules[0][key].cidrIpv4 = "0.0.0.0/0";
            }
            const f = findings(await runPack(s), "ssh-only-from-bastion");
            assert.deepEqual(f.map((v) => [v.resourceUrn, v.enforcementLevel]), [[rules[0].urn, "mandatory"]]);
        });
        it(`${stack}: a public IP on the database host is a mandatory violation`, async () => {
            const s = clone((await runStack(stack)).snapshot);
            const db = s.resources.find((r) => r.type === T.Instance && (r.outputs.tags as Record<string, string> | undefined)?.Role === "db");
            assert.ok(db, "the stack has a db host");
            db.outputs.associatePublicIpAddress = true;
            const f = findings(await runPack(s), "no-public-ip-on-internal-hosts");
            assert.deepEqual(f.map((v) => v.resourceUrn), [db.urn]);
        });
    }
    for (const [what, instanceConnect] of [
        ["Instance Connect off", { enabled: false }],
        ["Instance Connect with an endpoint", { enabled: true, endpoint: true, iamUsers: ["alice"] }],
    ] as const) {
        it(`dev with ${what}: zero violations, in an update and a preview`, async () => {
            const access = { ...devAccess(), instanceConnect };
            for (const preview of [false, true]) {
                const run = await runStack("dev", { preview, settings: { access } });
                assert.deepEqual((await runPack(run.snapshot)).violations, [], preview ? "preview" : "update");
            }
        });
    }

});
