import * as assert from "node:assert/strict";
import { planSubnets, SubnetRequest } from "../../../infra/network/plan";

const seed: SubnetRequest[] = [
    { tier: "public", az: "ap-northeast-2a", size: 64 },
    { tier: "public", az: "ap-northeast-2c", size: 64 },
    { tier: "internal", az: "ap-northeast-2a", size: 32 },
    { tier: "admin", az: "ap-northeast-2a", size: 32 },
];

function cidrs(vpc: string, reqs: SubnetRequest[]): string[] {
    const r = planSubnets(vpc, reqs);
    assert.deepEqual(r.problems, []);
    return (r.value ?? []).map((s) => s.cidr);
}

describe("subnet planner", () => {
    it("plans the default table: two /26 and two /27, aligned, in declaration order", () => {
        const r = planSubnets("10.0.0.0/24", seed);
        assert.deepEqual(r.value?.map((s) => [s.tier, s.az, s.cidr, s.size, s.usableAddresses]), [
            ["public", "ap-northeast-2a", "10.0.0.0/26", 64, 59],
            ["public", "ap-northeast-2c", "10.0.0.64/26", 64, 59],
            ["internal", "ap-northeast-2a", "10.0.0.128/27", 32, 27],
            ["admin", "ap-northeast-2a", "10.0.0.160/27", 32, 27],
        ]);
    });

    it("is deterministic", () => {
        assert.deepEqual(planSubnets("10.1.0.0/20", seed), planSubnets("10.1.0.0/20", seed));
    });

    it("aligns uneven tiers and fills the gaps a smaller block leaves", () => {
        const reqs: SubnetRequest[] = [
            { tier: "internal", az: "a", size: 32 },
            { tier: "public", az: "a", size: 64 },
            { tier: "admin", az: "a", size: 16 },
            { tier: "public", az: "c", size: 128 },
        ];
        assert.deepEqual(cidrs("10.0.0.0/24", reqs), ["10.0.0.0/27", "10.0.0.64/26", "10.0.0.32/28", "10.0.0.128/25"]);
    });

    it("never moves an existing subnet when one is appended", () => {
        const before = cidrs("10.0.0.0/23", seed);
        for (const extra of [16, 32, 64, 128, 256]) {
            const after = cidrs("10.0.0.0/23", [...seed, { tier: "internal", az: "ap-northeast-2c", size: extra }]);
            assert.deepEqual(after.slice(0, seed.length), before, `appending a block of ${extra}`);
            assert.equal(after.length, seed.length + 1);
        }
    });

    it("accepts explicit CIDRs and plans around them", () => {
        const reqs: SubnetRequest[] = [
            { tier: "public", az: "a", cidr: "10.0.0.0/26" },
            { tier: "public", az: "c", size: 64 },
            { tier: "admin", az: "a", cidr: "10.0.0.224/27" },
            { tier: "internal", az: "a", size: 32 },
        ];
        assert.deepEqual(cidrs("10.0.0.0/24", reqs), ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.224/27", "10.0.0.128/27"]);
    });

    const refusals: [string, string, SubnetRequest[], string, RegExp][] = [
        ["a CIDR with host bits", "10.0.0.0/24", [{ tier: "public", az: "a", cidr: "10.0.0.5/26" }], "subnets[0].cidr", /not a network CIDR/],
        ["an unparsable CIDR", "10.0.0.0/24", [{ tier: "public", az: "a", cidr: "10.0.0/26" }], "subnets[0].cidr", /not a network CIDR/],
        ["a CIDR outside the VPC", "10.0.0.0/24", [{ tier: "public", az: "a", cidr: "10.0.1.0/26" }], "subnets[0].cidr", /outside the VPC/],
        ["a CIDR smaller than /28", "10.0.0.0/24", [{ tier: "public", az: "a", cidr: "10.0.0.0/29" }], "subnets[0].cidr", /\/28/],
        ["overlapping CIDRs", "10.0.0.0/24", [{ tier: "public", az: "a", cidr: "10.0.0.0/25" }, { tier: "public", az: "c", cidr: "10.0.0.64/26" }], "subnets[1].cidr", /overlaps subnets\[0\]/],
        ["a size that is not a power of two", "10.0.0.0/24", [{ tier: "public", az: "a", size: 48 }], "subnets[0].size", /power of two/],
        ["a size below AWS's minimum", "10.0.0.0/24", [{ tier: "public", az: "a", size: 8 }], "subnets[0].size", /power of two from 16/],
        ["subnets that do not fit", "10.0.0.0/24", [{ tier: "public", az: "a", size: 128 }, { tier: "public", az: "c", size: 128 }, { tier: "internal", az: "a", size: 16 }], "subnets[2].size", /no free aligned block of 16/],
        ["a bigger subnet than the VPC", "10.0.0.0/24", [{ tier: "public", az: "a", size: 512 }], "subnets[0].size", /no free aligned block of 512/],
        ["a VPC CIDR with host bits", "10.0.0.1/24", seed, "vpcCidr", /not a network CIDR/],
    ];
    for (const [what, vpc, reqs, key, message] of refusals) {
        it(`refuses ${what}, naming ${key}`, () => {
            const r = planSubnets(vpc, reqs);
            assert.equal(r.value, undefined);
            const p = r.problems.find((x) => x.key === key);
            assert.ok(p, `expected a problem at ${key}, got ${JSON.stringify(r.problems)}`);
            assert.match(p.message, message);
        });
    }
});
