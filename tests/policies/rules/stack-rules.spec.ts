/** pem-instructions-present and vpc-flow-logs-enabled: stack rules over related resources. */
import { strict as assert } from "assert";
import type { ResourceSnapshot } from "../../../offline/snapshot";
import { pemInstructionsPresent, vpcFlowLogsEnabled } from "../../../policies/rules";
import { T, UNKNOWN, cantRun, findings, namesOf, resource, runPolicies } from "../../helpers/harness";

describe("pem-instructions-present", () => {
    const NAME = "pem-instructions-present";
    const run = (res: ResourceSnapshot[], config?: Record<string, unknown>) => runPolicies([pemInstructionsPresent], res, config ? { config: { [NAME]: config } } : undefined);
    const ok = { PemInstructions: "Save as ops.pem, then chmod 400 ops.pem" };
    const key = (p = false) => resource(T.TlsPrivateKey, "key", { algorithm: "ED25519" }, { outputs: { algorithm: "ED25519", publicKeyOpenssh: p ? UNKNOWN : "ssh-ed25519 AAAA test" } });
    const kp = (tags: unknown, p = false, deps = true) => resource(T.KeyPair, "kp", { publicKey: p ? UNKNOWN : "ssh-ed25519 AAAA test", tags }, { deps: deps ? { publicKey: ["key"] } : {} });
    const table: [string, (p: boolean) => ResourceSnapshot[], string[]][] = [
        ["a key pair with instructions", (p) => [key(p), kp(ok, p)], []],
        ["a key pair without tags", (p) => [key(p), kp(undefined, p)], ["kp"]],
        ["a key pair whose instructions lack chmod 400", (p) => [key(p), kp({ PemInstructions: "keep it safe" }, p)], ["kp"]],
        ["a generated key with no key pair", (p) => [key(p)], ["key"]],
        ["an imported key pair (no tls key)", (p) => [kp(ok, p, false)], []],
    ];
    for (const [title, make, expected] of table) {
        for (const p of [false, true]) {
            it(`${title}${p ? " (preview)" : ""} -> ${expected.join(", ") || "ok"}`, async () => {
                const r = await run(make(p));
                assert.deepEqual(namesOf(findings(r, NAME)), expected);
                assert.deepEqual(cantRun(r, NAME), []);
                if (expected.length) assert.equal(findings(r, NAME)[0].enforcementLevel, "mandatory");
            });
        }
    }
    it("a key pair matched by equal public key text (no dependencies recorded)", async () => {
        assert.deepEqual(findings(await run([key(), kp(ok, false, false)]), NAME), []);
    });
    it("unknown tags are can't-run, not a violation", async () => {
        const r = await run([key(), kp(UNKNOWN)]);
        assert.deepEqual(findings(r, NAME), []);
        assert.equal(cantRun(r, NAME).length, 1);
    });
    it("an unknown key with an unlinked, unknown key pair is can't-run", async () => {
        const r = await run([key(true), kp(ok, true, false)]);
        assert.deepEqual(findings(r, NAME), []);
        assert.equal(cantRun(r, NAME).length, 1);
    });
    it("tag key and text are configurable", async () => {
        const res = [key(), kp({ Pem: "run chmod 0400 key.pem" })];
        assert.deepEqual(findings(await run(res, { tagKey: "Pem", requiredText: "chmod 0400" }), NAME), []);
    });
});

describe("vpc-flow-logs-enabled", () => {
    const NAME = "vpc-flow-logs-enabled";
    const run = (res: ResourceSnapshot[], config?: Record<string, unknown>) => runPolicies([vpcFlowLogsEnabled], res, config ? { config: { [NAME]: config } } : undefined);
    const vpc = (name: string, p = false) => resource(T.Vpc, name, { cidrBlock: "10.0.0.0/24" }, { id: p ? UNKNOWN : `vpc-${name}` });
    const fl = (name: string, vpcName: string, p = false, deps = true, trafficType = "ALL") =>
        resource(T.FlowLog, name, { vpcId: p ? UNKNOWN : `vpc-${vpcName}`, trafficType }, { deps: deps ? { vpcId: [vpcName] } : {} });
    const table: [string, (p: boolean) => ResourceSnapshot[], string[]][] = [
        ["a VPC with a flow log", (p) => [vpc("a", p), fl("fa", "a", p)], []],
        ["a VPC without one", (p) => [vpc("a", p)], ["a"]],
        ["two VPCs, one covered", (p) => [vpc("a", p), vpc("b", p), fl("fa", "a", p)], ["b"]],
        ["no VPC at all", () => [], []],
    ];
    for (const [title, make, expected] of table) {
        for (const p of [false, true]) {
            it(`${title}${p ? " (preview)" : ""} -> ${expected.join(", ") || "ok"}`, async () => {
                const r = await run(make(p));
                assert.deepEqual(namesOf(findings(r, NAME)), expected);
                assert.deepEqual(cantRun(r, NAME), []);
            });
        }
    }
    it("a flow log whose VPC cannot be identified is can't-run", async () => {
        const r = await run([vpc("a", true), fl("fa", "a", true, false)]);
        assert.deepEqual(findings(r, NAME), []);
        assert.equal(cantRun(r, NAME).length, 1);
    });
    it("accepted traffic types are configurable and validated", async () => {
        const res = [vpc("a"), fl("fa", "a", false, true, "REJECT")];
        assert.deepEqual(namesOf(findings(await run(res, { acceptedTrafficTypes: ["ALL"] }), NAME)), ["a"]);
        await assert.rejects(run(res, { acceptedTrafficTypes: ["SOME"] }), /vpc-flow-logs-enabled: acceptedTrafficTypes\.0/);
    });
});
