/** no-world-open-admin-ports, sg-rule-descriptions, default-sg-no-rules: every form, known and unknown. */
import { strict as assert } from "assert";
import { defaultSgNoRules, noWorldOpenAdminPorts, sgRuleDescriptions } from "../../../policies/rules";
import { T, UNKNOWN, cantRun, findings, namesOf, resource, runPolicies } from "../../helpers/harness";
import { Forms, OpenSpec, build, holderName } from "./sg-forms";

describe("no-world-open-admin-ports", () => {
    const NAME = "no-world-open-admin-ports";
    const run = (res: Parameters<typeof runPolicies>[1], config?: Record<string, unknown>) => runPolicies([noWorldOpenAdminPorts], res, config ? { config: { [NAME]: config } } : undefined);
    const table: [string, OpenSpec, boolean][] = [
        ["22 from 0.0.0.0/0", { target: "web", source: { cidr4: "0.0.0.0/0" }, protocol: "tcp", from: 22, to: 22 }, true],
        ["3389 from ::/0", { target: "web", source: { cidr6: "::/0" }, protocol: "tcp", from: 3389, to: 3389 }, true],
        ["3306 from the world inside 3000-4000", { target: "db", source: { cidr4: "0.0.0.0/0" }, protocol: "6", from: 3000, to: 4000 }, true],
        ["everything from the world (-1)", { target: "web", source: { cidr4: "0.0.0.0/0" }, protocol: "-1" }, true],
        ["27017 from a /16", { target: "db", source: { cidr4: "10.0.0.0/16" }, protocol: "tcp", from: 27017, to: 27017 }, false],
        ["8080 from the world", { target: "web", source: { cidr4: "0.0.0.0/0" }, protocol: "tcp", from: 8080, to: 8080 }, false],
        ["5432 from the bastion group", { target: "db", source: { group: "bastion" }, protocol: "tcp", from: 5432, to: 5432 }, false],
        ["6379 egress to the world", { target: "web", source: { cidr4: "0.0.0.0/0" }, protocol: "tcp", from: 6379, to: 6379, direction: "egress" }, false],
    ];
    for (const form of Forms) {
        for (const [title, spec, bad] of table) {
            it(`${form}: ${title} -> ${bad ? "violation" : "ok"}`, async () => {
                const r = await run(build(spec, {}, form));
                assert.deepEqual(namesOf(findings(r, NAME)), bad ? [holderName(spec, form)] : []);
                const p = await run(build(spec, { preview: true }, form));
                assert.equal(findings(p, NAME).length, bad ? 1 : 0, "same with ids unknown");
            });
        }
        it(`${form}: an unknown port with a world source is can't-run, not a violation`, async () => {
            const r = await run(build({ target: "web", source: { cidr4: "0.0.0.0/0" }, protocol: "tcp", from: UNKNOWN, to: UNKNOWN }, { preview: true }, form));
            assert.deepEqual(findings(r, NAME), []);
            assert.equal(cantRun(r, NAME).length, 1);
        });
    }
    it("the port list is configurable", async () => {
        const res = build({ target: "web", source: { cidr4: "0.0.0.0/0" }, protocol: "tcp", from: 8080, to: 8080 });
        assert.equal(findings(await run(res, { ports: [8080] }), NAME).length, 1);
        await assert.rejects(run(res, { ports: [70000] }), /no-world-open-admin-ports: ports\.0/);
    });
});

describe("sg-rule-descriptions", () => {
    const NAME = "sg-rule-descriptions";
    const run = (res: Parameters<typeof runPolicies>[1], config?: Record<string, unknown>) => runPolicies([sgRuleDescriptions], res, config ? { config: { [NAME]: config } } : undefined);
    const spec = (description?: unknown): OpenSpec => ({ target: "web", source: { group: "bastion" }, protocol: "tcp", from: 22, to: 22, description: description as string });
    for (const form of Forms) {
        it(`${form}: a described rule passes, a missing or blank description does not`, async () => {
            assert.deepEqual(findings(await run(build(spec("SSH from bastion"), {}, form)), NAME), []);
            assert.deepEqual(namesOf(findings(await run(build(spec(undefined), {}, form)), NAME)), [holderName(spec(), form)]);
            assert.equal(findings(await run(build(spec("   "), {}, form)), NAME).length, 1);
        });
        it(`${form}: an unknown description is can't-run`, async () => {
            const r = await run(build(spec(UNKNOWN), { preview: true }, form));
            assert.deepEqual(findings(r, NAME), []);
            assert.equal(cantRun(r, NAME).length, 1);
        });
    }
    it("minLength is configurable", async () => {
        assert.equal(findings(await run(build(spec("ssh")), { minLength: 5 }), NAME).length, 1);
    });
});

describe("default-sg-no-rules", () => {
    const NAME = "default-sg-no-rules";
    const run = (inputs: Record<string, unknown>, config?: Record<string, unknown>) =>
        runPolicies([defaultSgNoRules], [resource(T.DefaultSecurityGroup, "default", { vpcId: "vpc-1", ...inputs })], config ? { config: { [NAME]: config } } : undefined);
    const block = { protocol: "-1", fromPort: 0, toPort: 0, self: true };
    const table: [string, Record<string, unknown>, number][] = [
        ["no rules", {}, 0],
        ["empty lists", { ingress: [], egress: [] }, 0],
        ["an ingress rule", { ingress: [block] }, 1],
        ["an egress rule", { egress: [block] }, 1],
        ["both", { ingress: [block], egress: [block] }, 2],
        ["an unknown entry still counts", { ingress: [UNKNOWN] }, 1],
    ];
    for (const [title, inputs, n] of table) {
        it(`${title} -> ${n} finding(s)`, async () => assert.equal(findings(await run(inputs), NAME).length, n));
    }
    it("an unknown list the program gave (from another resource's output) is can't-run", async () => {
        const r = await runPolicies([defaultSgNoRules], [
            resource(T.SecurityGroup, "other", {}, { id: "sg-other" }),
            resource(T.DefaultSecurityGroup, "default", { vpcId: "vpc-1", ingress: UNKNOWN }, { deps: { ingress: ["other"] } }),
        ]);
        assert.deepEqual(findings(r, NAME), []);
        assert.equal(cantRun(r, NAME).length, 1);
    });
    it("an unknown list the program did not give is the provider's: nothing to wait for", async () => {
        assert.deepEqual((await run({ ingress: UNKNOWN })).violations, []);
    });
    it("egress can be allowed by config", async () => assert.equal(findings(await run({ egress: [block] }, { allowEgress: true }), NAME).length, 0));
});
