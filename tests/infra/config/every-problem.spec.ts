// One run reports every problem: the checks that read several settings (AZs, the subnet plan, the tiers) run on
// whatever parts of the config are valid, and only a check that reads a refused value is left out.
import * as assert from "node:assert/strict";
import { validateSettings } from "../../../infra/config";
import { describeWithEngine, useWorkspace, ok } from "../../helpers/engine";

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGKpYkFJv1WBHrdHQ7i8v1yrcQg3qW4mSPqlNNjG0tqR acme@laptop";
const base = { prefix: "acme", operatorCidrs: ["198.18.7.9/32"], access: { keyPair: { name: "acme-key", publicKey: PUBLIC_KEY } } };
type Subnet = Record<string, unknown>;
const sub = (tier: string, az: string, sizeOrCidr: number | string): Subnet => ({ tier, az, ...(typeof sizeOrCidr === "number" ? { size: sizeOrCidr } : { cidr: sizeOrCidr }) });
const SEED = [sub("public", "a", 64), sub("public", "c", 64), sub("internal", "a", 32), sub("admin", "a", 32)];
const withSubnet = (i: number, s: Subnet) => SEED.map((x, n) => (n === i ? s : x));

/** [what, settings, region, the keys reported, keys that must not be (their check reads a refused value)]. */
const cases: [string, Record<string, unknown>, string | undefined, string[], string[]][] = [
    ["a bad vpcCidr does not hide a subnet size that is not a power of two",
        { vpcCidr: "10.0.0/24", subnets: withSubnet(0, sub("public", "a", 60)) }, "ap-northeast-2", ["vpcCidr", "subnets[0].size"], []],
    ["a vpcCidr with host bits does not hide a subnet cidr with host bits",
        { vpcCidr: "10.0.0.5/24", subnets: withSubnet(1, sub("public", "c", "10.0.0.70/26")) }, "ap-northeast-2", ["vpcCidr", "subnets[1].cidr"], []],
    ["a bad vpcCidr leaves out only whether subnets fit in it (a cidr outside the VPC is not judged)",
        { vpcCidr: "10.0.0.0/8", subnets: withSubnet(1, sub("public", "c", "192.168.0.0/26")) }, "ap-northeast-2", ["vpcCidr"], ["subnets[1].cidr"]],
    ["a bad vpcCidr does not hide the tiers' needs or an AZ the region lacks",
        { vpcCidr: "not-a-cidr", subnets: [sub("public", "a", 64), sub("public", "z", 64), sub("internal", "a", 32)] }, "ap-northeast-2", ["vpcCidr", "subnets[1].az", "subnets"], []],
    ["a missing region does not hide a bad size or a missing admin subnet",
        { subnets: [sub("public", "a", 64), sub("public", "c", 100), sub("internal", "a", 32)] }, undefined, ["aws:region", "subnets[1].size", "subnets"], []],
    ["a refused tier leaves out the tier counts (one subnet's tier is unknown), not the sizes or the NAT choice",
        { nat: "double", subnets: [sub("dmz", "a", 64), sub("public", "c", 50), sub("internal", "a", 32), sub("admin", "a", 32)] }, "ap-northeast-2", ["subnets[0].tier", "subnets[1].size", "nat"], ["subnets"]],
    ["a refused size leaves out where later subnets go (their place depends on it), not earlier ones",
        { vpcCidr: "10.0.0.0/24", subnets: [sub("public", "a", 128), sub("public", "c", 128), sub("internal", "a", 33), sub("admin", "a", 256)] }, "ap-northeast-2", ["subnets[2].size"], ["subnets[3].size"]],
    ["placement before the refused size is still checked",
        { vpcCidr: "10.0.0.0/24", subnets: [sub("public", "a", 256), sub("public", "c", 64), sub("internal", "a", 33), sub("admin", "a", 32)] }, "ap-northeast-2", ["subnets[1].size", "subnets[2].size"], []],
    ["a subnet with neither size nor cidr still counts for its tier and AZ",
        { subnets: [sub("public", "a", 64), { tier: "public", az: "a" }, sub("internal", "a", 32), sub("admin", "a", 32)] }, "ap-northeast-2", ["subnets[1].size", "subnets"], []],
    ["field problems anywhere come with the plan's",
        { prefix: "Acme!", environment: "dev$(id)", dbPort: 22, operatorCidrs: ["198.18.0.0/16"], vpcCidr: "10.0.0.0/33", subnets: withSubnet(3, sub("admin", "a", 24)) }, "ap-northeast-2",
        ["prefix", "environment", "dbPort", "operatorCidrs[0]", "vpcCidr", "subnets[3].size"], []],
    ["perAz NAT is judged once AZs and tiers are read, even when the VPC is refused",
        { vpcCidr: "10.0.0.0/30", nat: "perAz", subnets: [sub("public", "a", 64), sub("public", "c", 64), sub("internal", "b", 32), sub("admin", "a", 32)] }, "ap-northeast-2", ["vpcCidr", "subnets[2].az"], []],
];

describe("config: every problem at once, across the schema and the plan", () => {
    for (const [what, settings, region, expected, absent] of cases) {
        it(what, () => {
            const r = validateSettings({ ...base, ...settings }, region, "dev");
            assert.equal(r.value, undefined);
            const keys = r.problems.map((p) => p.key);
            assert.deepEqual([...new Set(keys)].sort(), [...expected].sort(), JSON.stringify(r.problems, null, 1));
            for (const key of absent) assert.ok(!keys.includes(key), `${key} depends on a refused value: ${JSON.stringify(r.problems, null, 1)}`);
        });
    }

    it("says the size rule in the project's words, with what it got", () => {
        const r = validateSettings({ ...base, vpcCidr: "10.0.0/24", subnets: withSubnet(0, sub("public", "a", 60)) }, "ap-northeast-2", "dev");
        assert.match(r.problems.find((p) => p.key === "subnets[0].size")!.message, /power of two .*got 60/);
    });

    it("still plans a valid config exactly as before", () => {
        const r = validateSettings({ ...base, subnets: SEED }, "ap-northeast-2", "dev");
        assert.deepEqual(r.problems, []);
        assert.deepEqual(r.value!.subnets.map((s) => s.cidr), ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/27", "10.0.0.160/27"]);
    });
});

describe("config: the committed example values are found in the same run as the problems", () => {
    const examples = { prefix: "mhson", operatorCidrs: ["203.0.113.10/32", "203.0.113.0/24"], access: { keyPair: { name: "k", publicKey: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtnaoSazatBaCdzLCu673nRSTL0YK7M1zd0UH0RwVbU placeholder` } } };

    it("names each example value that was read, beside the config's problems", () => {
        const r = validateSettings({ ...examples, vpcCidr: "10.0.0/24" }, "ap-northeast-2", "dev");
        assert.deepEqual(r.problems.map((p) => p.key).sort(), ["operatorCidrs[1]", "vpcCidr"]);
        assert.deepEqual(r.examples.map((p) => p.key), ["prefix", "operatorCidrs[0]", "access.keyPair.publicKey"], "operatorCidrs[1] is refused already: not said twice");
    });

    it("finds the same example values in a valid config", () => {
        const r = validateSettings({ ...examples, operatorCidrs: ["203.0.113.10/32"] }, "ap-northeast-2", "dev");
        assert.deepEqual(r.problems, []);
        assert.deepEqual(r.examples.map((p) => p.key), ["prefix", "operatorCidrs[0]", "access.keyPair.publicKey"]);
    });
});

describeWithEngine("config: pulumi up names config problems and example values in one refusal", (engine) => {
    const ws = useWorkspace(engine);
    before(() => {
        ok(ws().pulumi(["stack", "init", "dev"]));
        ok(ws().pulumi(["config", "set", "--path", "bastion-network:settings.vpcCidr", "10.0.0/24"]));
        ok(ws().pulumi(["config", "set", "--path", "bastion-network:settings.subnets[0].size", "60"]));
    });

    it("refuses before anything is created, naming vpcCidr, subnets[0].size and the four example values", () => {
        const r = ws().pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.status, 0);
        const out = r.stdout + r.stderr;
        assert.match(out, /The stack config has 6 problems/);
        for (const key of ["vpcCidr", "subnets\\[0\\]\\.size", "prefix", "operatorCidrs\\[0\\]", "access\\.keyPair\\.publicKey", "access\\.instanceConnect\\.iamGroups\\[0\\]"]) {
            assert.match(out, new RegExp(`- ${key}: `), key);
        }
        assert.doesNotMatch(out, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
        assert.doesNotMatch(out, /^\s*[+~-]\s+(aws|tls|bastion-network):/m, "no resource but the stack itself");
    });
});
