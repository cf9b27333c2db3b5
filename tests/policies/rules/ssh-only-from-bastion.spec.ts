import { strict as assert } from "assert";
import { sshOnlyFromBastion } from "../../../policies/rules";
import { UNKNOWN, cantRun, findings, namesOf, runPolicies } from "../../helpers/harness";
import { Forms, OpenSpec, build, holderName } from "./sg-forms";

const NAME = "ssh-only-from-bastion";
const run = (res: Parameters<typeof runPolicies>[1], config?: Record<string, unknown>) => runPolicies([sshOnlyFromBastion], res, config ? { config: { [NAME]: config } } : undefined);

type Expect = "ok" | "violation";
const ssh = { protocol: "tcp", from: 22, to: 22 };

const table: [string, OpenSpec, Expect][] = [
    ["web from the bastion group", { target: "web", source: { group: "bastion" }, ...ssh }, "ok"],
    ["web from the Instance Connect endpoint group", { target: "web", source: { group: "eic" }, ...ssh }, "ok"],
    ["web from the web group", { target: "web", source: { group: "web" }, ...ssh }, "violation"],
    ["web from an untagged group", { target: "web", source: { group: "other" }, ...ssh }, "violation"],
    ["web from a /32", { target: "web", source: { cidr4: "203.0.113.7/32" }, ...ssh }, "violation"],
    ["web from 0.0.0.0/0", { target: "web", source: { cidr4: "0.0.0.0/0" }, ...ssh }, "violation"],
    ["web from ::/0", { target: "web", source: { cidr6: "::/0" }, ...ssh }, "violation"],
    ["web from a prefix list", { target: "web", source: { prefixList: "pl-123" }, ...ssh }, "violation"],
    ["web from itself", { target: "web", source: { self: true }, ...ssh }, "violation"],
    ["bastion from its own group", { target: "bastion", source: { self: true }, ...ssh }, "ok"],
    ["bastion from the operator's /32", { target: "bastion", source: { cidr4: "203.0.113.7/32" }, ...ssh }, "ok"],
    ["bastion from an IPv6 /128", { target: "bastion", source: { cidr6: "2001:db8::7/128" }, ...ssh }, "ok"],
    ["bastion from a /24", { target: "bastion", source: { cidr4: "203.0.113.0/24" }, ...ssh }, "violation"],
    ["bastion from 0.0.0.0/0", { target: "bastion", source: { cidr4: "0.0.0.0/0" }, ...ssh }, "violation"],
    ["bastion from ::/0", { target: "bastion", source: { cidr6: "::/0" }, ...ssh }, "violation"],
    ["bastion from an unlisted prefix list", { target: "bastion", source: { prefixList: "pl-123" }, ...ssh }, "violation"],
    ["bastion from the Instance Connect endpoint", { target: "bastion", source: { group: "eic" }, ...ssh }, "ok"],
    ["bastion from the web group", { target: "bastion", source: { group: "web" }, ...ssh }, "violation"],
    ["db from 0.0.0.0/0 on 0-65535", { target: "db", source: { cidr4: "0.0.0.0/0" }, protocol: "tcp", from: 0, to: 65535 }, "violation"],
    ["db from a /32 on 20-25", { target: "db", source: { cidr4: "10.0.0.9/32" }, protocol: "tcp", from: 20, to: 25 }, "violation"],
    ["db from the world on protocol -1", { target: "db", source: { cidr4: "0.0.0.0/0" }, protocol: "-1" }, "violation"],
    ["db from the world on protocol all", { target: "db", source: { cidr4: "0.0.0.0/0" }, protocol: "all" }, "violation"],
    ["db from the world on protocol 6", { target: "db", source: { cidr4: "0.0.0.0/0" }, protocol: "6", from: 22, to: 22 }, "violation"],
    ["db from the world on reversed range 25-20", { target: "db", source: { cidr4: "0.0.0.0/0" }, protocol: "tcp", from: 25, to: 20 }, "violation"],
    ["web from the world on 80 only", { target: "web", source: { cidr4: "0.0.0.0/0" }, protocol: "tcp", from: 80, to: 80 }, "ok"],
    ["web from the world on 23-65535", { target: "web", source: { cidr4: "0.0.0.0/0" }, protocol: "tcp", from: 23, to: 65535 }, "ok"],
    ["web from the world on UDP 22", { target: "web", source: { cidr4: "0.0.0.0/0" }, protocol: "udp", from: 22, to: 22 }, "ok"],
    ["egress to the world on 22", { target: "web", source: { cidr4: "0.0.0.0/0" }, ...ssh, direction: "egress" }, "ok"],
];

describe(`${NAME}`, () => {
    for (const form of Forms) {
        for (const [title, spec, expect] of table) {
            if (form !== "inline" && "self" in spec.source && form === "vpc" && spec.direction === "egress") continue;
            it(`${form}: ${title} -> ${expect}`, async () => {
                const r = await run(build(spec, {}, form));
                const f = findings(r, NAME);
                if (expect === "ok") assert.deepEqual(f, [], f.map((x) => x.message).join("\n"));
                else {
                    assert.deepEqual(namesOf(f), [holderName(spec, form)]);
                    assert.equal(f[0].enforcementLevel, "mandatory");
                }
                assert.deepEqual(cantRun(r, NAME), []);
            });
            it(`${form}: ${title} -> ${expect}, with every id unknown (preview)`, async () => {
                const r = await run(build(spec, { preview: true }, form));
                assert.equal(findings(r, NAME).length, expect === "ok" ? 0 : 1);
                assert.deepEqual(cantRun(r, NAME), []);
            });
        }
    }

    describe("unknown values never make a mandatory violation", () => {
        for (const form of Forms) {
            it(`${form}: an unknown port range leaves a narrow source undecided (advisory can't-run)`, async () => {
                const r = await run(build({ target: "web", source: { cidr4: "203.0.113.7/32" }, protocol: "tcp", from: UNKNOWN, to: 22 }, { preview: true }, form));
                assert.deepEqual(findings(r, NAME), []);
                assert.equal(cantRun(r, NAME).length, 1);
                assert.equal(cantRun(r, NAME)[0].enforcementLevel, "advisory");
            });
            it(`${form}: a target group that cannot be identified leaves a /32 undecided`, async () => {
                const r = await run(build({ target: "bastion", source: { cidr4: "203.0.113.7/32" }, ...ssh }, { preview: true, noDeps: true }, form));
                if (form === "inline") assert.deepEqual(cantRun(r, NAME), []); // the inline holder is the group itself
                else assert.equal(cantRun(r, NAME).length, 1);
                assert.deepEqual(findings(r, NAME), []);
            });
            it(`${form}: a world-open source is a violation even while the target is unknown`, async () => {
                const r = await run(build({ target: "bastion", source: { cidr4: "0.0.0.0/0" }, ...ssh }, { preview: true, noDeps: true }, form));
                assert.equal(findings(r, NAME).length, 1);
            });
            it(`${form}: a source group that cannot be identified is undecided, not a violation`, async () => {
                const r = await run(build({ target: "web", source: { group: "bastion" }, ...ssh }, { preview: true, noDeps: true }, form));
                assert.deepEqual(findings(r, NAME), []);
                assert.equal(cantRun(r, NAME).length, 1);
            });
        }
        it("a whole unknown ingress list is reported as can't-run", async () => {
            const res = build({ target: "web", source: { group: "bastion" }, ...ssh }, { preview: true }, "inline");
            res[res.length - 1].outputs = { ...res[res.length - 1].outputs, ingress: UNKNOWN };
            const r = await run(res);
            assert.deepEqual(findings(r, NAME), []);
            assert.equal(cantRun(r, NAME).length, 1);
        });
    });

    describe("config", () => {
        it("a wider bastion prefix can be allowed", async () => {
            const res = build({ target: "bastion", source: { cidr4: "203.0.113.0/24" }, ...ssh });
            assert.equal(findings(await run(res), NAME).length, 1);
            assert.equal(findings(await run(res, { bastionMinPrefixIpv4: 24 }), NAME).length, 0);
        });
        it("name patterns identify groups in stacks without Role tags", async () => {
            const res = build({ target: "web", source: { group: "other" }, ...ssh });
            assert.equal(findings(await run(res), NAME).length, 1);
            assert.equal(findings(await run(res, { sshSourceGroupNamePatterns: ["^test-oth"] }), NAME).length, 0);
        });
        it("ids identify groups outside the stack", async () => {
            const res = build({ target: "web", source: { group: "bastion" }, ...ssh }).filter((r) => r.name !== "bastion");
            res[res.length - 1].propertyDependencies = {};
            assert.equal(findings(await run(res), NAME).length, 1);
            assert.equal(findings(await run(res, { sshSourceGroupIds: ["sg-bastion"] }), NAME).length, 0);
        });
        it("a listed prefix list is allowed on the bastion", async () => {
            const res = build({ target: "bastion", source: { prefixList: "pl-office" }, ...ssh });
            assert.equal(findings(await run(res, { bastionAllowedPrefixListIds: ["pl-office"] }), NAME).length, 0);
        });
        it("rejects an invalid option, naming the policy and the key", async () => {
            await assert.rejects(run([], { bastionMinPrefixIpv4: 40 }), /ssh-only-from-bastion: bastionMinPrefixIpv4/);
            await assert.rejects(run([], { sshSourceGroupNamePatterns: ["("] }), /ssh-only-from-bastion: sshSourceGroupNamePatterns\.0/);
        });
    });
});
