/**
 * CIDR facts on sets: table-driven for the shapes people write (and attackers write to slip past a
 * per-range check), then properties that must hold for any set (fast-check).
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { Address4, Address6 } from "ip-address";
import {
    InternetRemainder, cidrSet, containsAddress, containsRange, coversEveryAddress, coversInternet, describeWorldOpen, hasInternetAddresses,
    intersectsPrivate, isWorldOpen, parseRange, unionOf, widerThan, worldOpenFamilies,
} from "../../../policies/model/cidr-set";

const range = (n: number, step: number, prefix: number) => Array.from({ length: n }, (_, i) => `${i * step}.0.0.0/${prefix}`);
const perSlash8 = range(256, 1, 8);
const PRIVATE_OR_SPECIAL_8 = new Set([0, 10, 127, ...Array.from({ length: 32 }, (_, i) => 224 + i)]);

const slash16s = (first: number, keep: (second: number) => boolean) => Array.from({ length: 256 }, (_, i) => i).filter(keep).map((i) => `${first}.${i}.0.0/16`);
const everyButRfc1918 = [
    ...perSlash8.filter((_, i) => ![10, 172, 192].includes(i)),
    ...slash16s(172, (i) => i < 16 || i >= 32),
    ...slash16s(192, (i) => i !== 168),
];

/** Every IPv4 address but `a`: one range per bit, the sibling of `a`'s prefix at that length. */
function allBut(a: bigint): string[] {
    const out: string[] = [];
    for (let len = 1; len <= 32; len++) {
        const flip = 1n << BigInt(32 - len);
        const base = ((a >> BigInt(32 - len)) << BigInt(32 - len)) ^ flip;
        out.push(`${Address4.fromBigInt(base).correctForm()}/${len}`);
    }
    return out;
}

/** `cidr` split into its 2^k sub-ranges (k bounded so a /0 does not explode). */
function split(cidr: string, k: number): string[] {
    const r = parseRange(cidr)!;
    const bits = r.family === 4 ? 32 : 128;
    const depth = Math.min(k, bits - r.prefix);
    const size = 1n << BigInt(bits - r.prefix - depth);
    return Array.from({ length: 2 ** depth }, (_, i) => {
        const start = r.start + BigInt(i) * size;
        const text = r.family === 4 ? Address4.fromBigInt(start).correctForm() : Address6.fromBigInt(start).correctForm();
        return `${text}/${r.prefix + depth}`;
    });
}

describe("policies/model/cidr-set: world-open sets", () => {
    const worldOpen: [string, string[], (4 | 6)[]][] = [
        ["0.0.0.0/0", ["0.0.0.0/0"], [4]],
        ["::/0", ["::/0"], [6]],
        ["two /1s", ["0.0.0.0/1", "128.0.0.0/1"], [4]],
        ["four /2s, out of order", ["192.0.0.0/2", "0.0.0.0/2", "128.0.0.0/2", "64.0.0.0/2"], [4]],
        ["every /8", perSlash8, [4]],
        ["every /8 but the private and special ones", perSlash8.filter((_, i) => !PRIVATE_OR_SPECIAL_8.has(i)), [4]],
        ["mixed widths that skip only multicast and reserved", ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"], [4]],
        ["overlapping members", ["0.0.0.0/1", "64.0.0.0/2", "100.0.0.0/8", "128.0.0.0/1"], [4]],
        ["every address but the RFC 1918 ones", everyButRfc1918, [4]],
        ["every address but one private address", allBut(0xc0a80001n), [4]],
        ["two IPv6 /1s", ["::/1", "8000::/1"], [6]],
        ["IPv6 global unicast 2000::/3", ["2000::/3"], [6]],
        ["::/1 (holds all of 2000::/3)", ["::/1"], [6]],
        ["IPv6 2000::/4 + 3000::/4", ["2000::/4", "3000::/4"], [6]],
        ["both families", ["0.0.0.0/1", "128.0.0.0/1", "2000::/3"], [4, 6]],
    ];
    for (const [label, cidrs, families] of worldOpen) {
        it(`${label}: open to the ${families.map((f) => `IPv${f}`).join(" and ")} internet`, () => {
            const s = cidrSet(cidrs);
            assert.deepEqual(worldOpenFamilies(s), families);
            assert.ok(isWorldOpen(s));
        });
    }
    const notWorldOpen: [string, string[]][] = [
        ["one /1", ["0.0.0.0/1"]],
        ["three of four /2s", ["0.0.0.0/2", "64.0.0.0/2", "192.0.0.0/2"]],
        ["every /8 but 8.0.0.0/8", perSlash8.filter((_, i) => i !== 8)],
        ["every address but one public address", allBut(0x08080808n)],
        ["every address but a documentation address (stands for a public one)", allBut(0xcb00710an)],
        ["the private ranges", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]],
        ["8000::/1 (no global unicast)", ["8000::/1"]],
        ["2000::/4 alone", ["2000::/4"]],
        ["malformed text", ["0.0.0.0/33", "everything", ""]],
        ["empty", []],
    ];
    for (const [label, cidrs] of notWorldOpen) {
        it(`${label}: not world-open`, () => assert.deepEqual(worldOpenFamilies(cidrSet(cidrs)), []));
    }
    it("a set per rule entry and a set across entries: the union decides", () => {
        const a = cidrSet(["0.0.0.0/1"]);
        const b = cidrSet(["128.0.0.0/1"]);
        assert.ok(!isWorldOpen(a) && !isWorldOpen(b));
        assert.ok(isWorldOpen(unionOf([a, b])));
    });
    it("every address of a family is a narrower fact than world-open", () => {
        assert.ok(coversEveryAddress(cidrSet(["0.0.0.0/1", "128.0.0.0/1"]), 4));
        assert.ok(!coversEveryAddress(cidrSet(["2000::/3"]), 6) && coversInternet(cidrSet(["2000::/3"]), 6));
        assert.ok(!coversEveryAddress(cidrSet(perSlash8.filter((_, i) => i !== 10)), 4));
    });
    it("describes a split world in one phrase, a single /0 as itself", () => {
        assert.equal(describeWorldOpen(cidrSet(["0.0.0.0/0", "::/0"])), "0.0.0.0/0, ::/0");
        assert.equal(describeWorldOpen(cidrSet(["0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8"])), "0.0.0.0/1, 128.0.0.0/1 (together the whole IPv4 internet)");
    });
});

describe("policies/model/cidr-set: other facts", () => {
    it("wider than /N per family", () => {
        const s = cidrSet(["203.0.113.10/32", "198.51.100.0/24", "2001:db8::/64", "2001:db8::1/128"]);
        assert.deepEqual(widerThan(s, { 4: 32, 6: 128 }).map((m) => m.text), ["198.51.100.0/24", "2001:db8::/64"]);
        assert.deepEqual(widerThan(s, { 4: 24, 6: 64 }), []);
    });
    it("contains an address or a range, across members", () => {
        const s = cidrSet(["10.0.0.0/25", "10.0.0.128/25", "2001:db8::/32"]);
        assert.ok(containsAddress(s, "10.0.0.200"));
        assert.ok(containsRange(s, "10.0.0.0/24"), "two halves hold the whole /24");
        assert.ok(!containsRange(s, "10.0.0.0/23"));
        assert.ok(containsAddress(s, "2001:db8::42"));
        assert.ok(!containsAddress(s, "10.0.1.1"));
        assert.ok(!containsAddress(s, "not an address"));
    });
    it("bare addresses are single-address ranges", () => {
        assert.equal(parseRange("203.0.113.7")?.prefix, 32);
        assert.equal(parseRange("2001:db8::7")?.prefix, 128);
        assert.equal(parseRange(42), undefined);
    });
    it("private and internet addresses", () => {
        assert.ok(!hasInternetAddresses(parseRange("10.1.0.0/16")!));
        assert.ok(!hasInternetAddresses(parseRange("fd00::/8")!));
        assert.ok(hasInternetAddresses(parseRange("203.0.113.10/32")!));
        assert.ok(hasInternetAddresses(parseRange("0.0.0.0/0")!));
        assert.ok(intersectsPrivate(cidrSet(["8.0.0.0/7", "10.0.0.0/30"])));
        assert.ok(!intersectsPrivate(cidrSet(["8.0.0.0/7", "2001:db8::/32"])));
    });
    it("keeps malformed text apart", () => {
        assert.deepEqual(cidrSet(["10.0.0.0/8", "10.0.0.0/99", null, 7]).malformed, ["10.0.0.0/99"]);
    });
});

describe("policies/model/cidr-set: properties", () => {
    const v4 = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 })).map(([a, p]) => {
        const base = (a >> BigInt(32 - p)) << BigInt(32 - p);
        return `${Address4.fromBigInt(p === 0 ? 0n : base).correctForm()}/${p}`;
    });
    const address = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }).map((a) => Address4.fromBigInt(a).correctForm());
    const sets = fc.array(v4, { maxLength: 8 });

    it("an address is in the set exactly when some member holds it", () => {
        fc.assert(fc.property(sets, address, (cidrs, a) => {
            const byMember = cidrs.some((c) => new Address4(a).isInSubnet(new Address4(c)));
            assert.equal(containsAddress(cidrSet(cidrs), a), byMember);
        }));
    });
    it("splitting members into sub-ranges, reordering or repeating them changes no fact", () => {
        fc.assert(fc.property(sets, fc.integer({ min: 0, max: 4 }), address, (cidrs, k, a) => {
            const whole = cidrSet(cidrs);
            const pieces = cidrSet([...cidrs.flatMap((c) => split(c, k))].reverse().concat(cidrs.slice(0, 1)));
            assert.equal(isWorldOpen(pieces), isWorldOpen(whole));
            assert.equal(containsAddress(pieces, a), containsAddress(whole, a));
            assert.deepEqual(pieces.union, whole.union);
        }));
    });
    it("every address but one: world-open exactly when that one has no internet address", () => {
        fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), (a) => {
            const s = cidrSet(allBut(a));
            const missing = parseRange(Address4.fromBigInt(a).correctForm())!;
            assert.equal(isWorldOpen(s), !hasInternetAddresses(missing));
            assert.ok(!containsAddress(s, Address4.fromBigInt(a).correctForm()));
        }));
    });
    it("adding ranges never closes a world-open set", () => {
        fc.assert(fc.property(sets, sets, (a, b) => {
            if (isWorldOpen(cidrSet(a))) assert.ok(isWorldOpen(cidrSet([...a, ...b])));
        }));
    });
});

describe("the internet a walk over ranges has not yet accounted for", () => {
    const v4 = fc.array(fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${Address4.fromBigInt(a).correctForm()}/${p}`), { maxLength: 8 });
    const walk = (cidrs: string[]) => {
        const rest = new InternetRemainder();
        for (const c of cidrs) rest.remove(parseRange(c)!);
        return rest;
    };
    it("taking out a set's ranges, in any order, leaves nothing exactly when the set covers the internet", () => {
        fc.assert(fc.property(v4, (cidrs) => {
            assert.equal(walk(cidrs).empty, coversInternet(cidrSet(cidrs), 4));
            assert.equal(walk([...cidrs].reverse()).empty, coversInternet(cidrSet(cidrs), 4));
        }));
        for (const split of [["0.0.0.0/1", "128.0.0.0/1"], range(4, 64, 2), perSlash8.filter((_, i) => !PRIVATE_OR_SPECIAL_8.has(i)), everyButRfc1918]) assert.ok(walk(split).empty, split[0]);
        assert.ok(!walk(["0.0.0.0/1"]).empty);
    });
    it("a range meets what is left when it holds an internet address not yet taken out", () => {
        fc.assert(fc.property(v4, fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 })), (taken, [a, p]) => {
            const r = parseRange(`${Address4.fromBigInt(a).correctForm()}/${p}`)!;
            assert.equal(new InternetRemainder().meets(r), hasInternetAddresses(r));
            if (containsRange(cidrSet(taken), r)) assert.ok(!walk(taken).meets(r), "a range wholly taken out meets nothing");
        }));
        assert.ok(!new InternetRemainder().meets(parseRange("10.0.0.0/8")!));
        assert.ok(!walk(["0.0.0.0/1"]).meets(parseRange("64.0.0.0/2")!));
        assert.ok(walk(["0.0.0.0/1"]).meets(parseRange("0.0.0.0/0")!));
    });
});
