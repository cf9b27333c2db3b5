import { strict as assert } from "assert";
import { dbPortFromAppTierOnly } from "../../../policies/rules";
import { UNKNOWN, cantRun, findings, namesOf, runPolicies } from "../../helpers/harness";
import { Forms, OpenSpec, build, holderName } from "./sg-forms";

const NAME = "db-port-from-app-tier-only";
const run = (res: Parameters<typeof runPolicies>[1], config?: Record<string, unknown>) => runPolicies([dbPortFromAppTierOnly], res, config ? { config: { [NAME]: config } } : undefined);
const mysql = { protocol: "tcp", from: 3306, to: 3306 };

const table: [string, OpenSpec, boolean][] = [
    ["db 3306 from the web group", { target: "db", source: { group: "web" }, ...mysql }, false],
    ["db 3306 from the bastion group", { target: "db", source: { group: "bastion" }, ...mysql }, true],
    ["db 3306 from an untagged group", { target: "db", source: { group: "other" }, ...mysql }, true],
    ["db 3306 from a CIDR", { target: "db", source: { cidr4: "10.0.0.0/26" }, ...mysql }, true],
    ["db 5432 from ::/0", { target: "db", source: { cidr6: "::/0" }, protocol: "tcp", from: 5432, to: 5432 }, true],
    ["db all protocols from a prefix list", { target: "db", source: { prefixList: "pl-1" }, protocol: "-1" }, true],
    ["db from itself (replication)", { target: "db", source: { self: true }, ...mysql }, false],
    ["db 22 from the bastion (not a db port)", { target: "db", source: { group: "bastion" }, protocol: "tcp", from: 22, to: 22 }, false],
    ["web 3306 from the world (not a db group)", { target: "web", source: { cidr4: "0.0.0.0/0" }, ...mysql }, false],
];

describe(NAME, () => {
    for (const form of Forms) {
        for (const [title, spec, bad] of table) {
            it(`${form}: ${title} -> ${bad ? "violation" : "ok"}`, async () => {
                assert.deepEqual(namesOf(findings(await run(build(spec, {}, form)), NAME)), bad ? [holderName(spec, form)] : []);
                const p = await run(build(spec, { preview: true }, form));
                assert.equal(findings(p, NAME).length, bad ? 1 : 0, "same with ids unknown");
                assert.deepEqual(cantRun(p, NAME), []);
            });
        }
        it(`${form}: an unresolvable source group is can't-run, not a violation`, async () => {
            const r = await run(build({ target: "db", source: { group: "web" }, ...mysql }, { preview: true, noDeps: true }, form));
            assert.deepEqual(findings(r, NAME), []);
            if (form !== "inline") assert.equal(cantRun(r, NAME).length, 1);
        });
        it(`${form}: an unknown port is can't-run`, async () => {
            const r = await run(build({ target: "db", source: { cidr4: "10.0.0.0/26" }, protocol: "tcp", from: UNKNOWN, to: 3306 }, { preview: true }, form));
            assert.deepEqual(findings(r, NAME), []);
            assert.equal(cantRun(r, NAME).length, 1);
        });
    }
    it("allowed CIDRs and self are configurable", async () => {
        assert.equal(findings(await run(build({ target: "db", source: { cidr4: "10.0.0.0/26" }, ...mysql }), { allowedCidrs: ["10.0.0.0/24"] }), NAME).length, 0);
        assert.equal(findings(await run(build({ target: "db", source: { self: true }, ...mysql }), { allowSelf: false }), NAME).length, 1);
    });
});
