import { strict as assert } from "assert";
import { admitsTcpPort, normalizeProtocol, portRange } from "../../../policies/lib/ports";
import { asBoolean, asInteger, asList, tagsOf } from "../../../policies/lib/shape";
import { Unknowns, isUnknownValueError, read } from "../../../policies/lib/unknowns";
import { compilePatterns, groupMatches, tagOf } from "../../../policies/lib/group-role";
import { indexStack, readSetting, resolveReference } from "../../../policies/lib/stack-index";
import { userDataText } from "../../../policies/model";
import { mentionsChmod } from "../../../policies/lib/chmod-mode";
import type { PolicyResource } from "@pulumi/policy";
import * as policy from "@pulumi/policy";

// The engine's proxy, exported at runtime; used to build props exactly as policies receive them.
const proxied = (o: Record<string, unknown>) => (policy as unknown as { unknownCheckingProxy: <T>(v: T) => T }).unknownCheckingProxy(o);
const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("lib/ports", () => {
    const protocols: [unknown, string | undefined][] = [["tcp", "tcp"], ["TCP", "tcp"], ["6", "tcp"], [6, "tcp"], ["-1", "all"], [-1, "all"], ["all", "all"], ["17", "udp"], ["icmp", "icmp"], ["47", "other"], [null, undefined], [{}, undefined]];
    for (const [p, expected] of protocols) it(`protocol ${JSON.stringify(p)} -> ${expected}`, () => assert.equal(normalizeProtocol(p), expected));
    const ranges: [unknown, unknown, number, boolean][] = [[22, 22, 22, true], [20, 25, 22, true], [0, 65535, 22, true], [23, 65535, 22, false], [25, 20, 22, true], [-1, -1, 22, true], [undefined, undefined, 22, true], ["22", "22", 22, true], [0, 1e12, 22, true], [80, 80, 22, false]];
    for (const [f, t, port, expected] of ranges) it(`tcp ${f}-${t} admits ${port}: ${expected}`, () => assert.equal(admitsTcpPort("tcp", portRange(f, t), port), expected));
    it("all protocols admit any port; udp admits no TCP port", () => {
        assert.ok(admitsTcpPort("all", portRange(80, 80), 22));
        assert.ok(!admitsTcpPort("udp", portRange(0, 65535), 22));
    });
});

describe("lib/shape", () => {
    it("reads loose shapes without throwing", () => {
        assert.deepEqual(asList("x"), ["x"]);
        assert.deepEqual(asList(null), []);
        assert.equal(asInteger("12"), 12);
        assert.equal(asInteger("12a"), undefined);
        assert.equal(asBoolean("TRUE"), true);
        assert.equal(asBoolean(1), undefined);
        assert.deepEqual(tagsOf({ tags: { a: "1", b: 2 } }), { a: "1" });
        assert.deepEqual(tagsOf({ tags: "nope" }), {});
    });
});

describe("lib/unknowns", () => {
    it("read turns only UnknownValueError into not-known", () => {
        const p = proxied({ a: U, b: 1 });
        assert.deepEqual(read(() => p.b), { known: true, value: 1 });
        const m = read(() => p.a);
        assert.ok(!m.known && isUnknownValueError(m.error));
        assert.throws(() => read(() => { throw new TypeError("x"); }), TypeError);
    });
    it("settle rethrows the first unknown; unresolved builds the error the props' proxy throws", () => {
        const u = new Unknowns();
        u.settle();
        const props = proxied({ a: 1 });
        u.unresolved(props, "rule", "securityGroupId");
        // The class of the copy that built the props (root here), whichever copy the pack loaded.
        const ProxyError = (policy as unknown as { UnknownValueError: new (s: string, p: string[]) => Error }).UnknownValueError;
        assert.throws(() => u.settle(), (e: unknown) => e instanceof ProxyError && /rule\.securityGroupId/.test(String(e)));
        assert.deepEqual(Object.keys(props), ["a"], "the probe key is removed again");
    });
    it("an unknown from another copy of @pulumi/policy is recognised by shape", () => {
        class UnknownValueError extends Error { props = ["x"]; }
        assert.ok(isUnknownValueError(new UnknownValueError("u")));
        assert.ok(!isUnknownValueError(Object.assign(new Error("x"), { props: ["x"] })));
        assert.equal(read(() => { throw new UnknownValueError("u"); }).known, false);
    });
});

function res(name: string, type: string, props: Record<string, unknown>, propertyDependencies: Record<string, PolicyResource[]> = {}): PolicyResource {
    return { name, type, urn: `urn:${name}`, props: proxied(props), propertyDependencies, dependencies: [], opts: {} as PolicyResource["opts"], isType: () => false, asType: () => undefined };
}

describe("lib/stack-index and group-role", () => {
    const SG = "aws:ec2/securityGroup:SecurityGroup";
    const bastion = res("bastion", SG, { id: "sg-1", tags: { Role: "bastion" } });
    const web = res("web", SG, { id: U, tags: { Role: "web" }, name: "corp-web" });
    const index = indexStack([bastion, web]);
    const holder = res("rule", "x", { a: "sg-1", b: U, c: "sg-404" }, { b: [web], c: [] });
    const m = { roleTagKey: "Role", roles: ["bastion"], namePatterns: [] as RegExp[], ids: [] as string[] };
    it("resolves a known id, an unknown value through propertyDependencies, an external id", () => {
        assert.deepEqual(resolveReference(index, holder, "a", read(() => holder.props.a), [SG]).candidates.map((c) => c.name), ["bastion"]);
        assert.deepEqual(resolveReference(index, holder, "b", read(() => holder.props.b), [SG]).candidates.map((c) => c.name), ["web"]);
        assert.equal(resolveReference(index, holder, "c", read(() => holder.props.c), [SG]).externalId, "sg-404");
        assert.ok(resolveReference(index, holder, "d", read(() => { throw new (policy as unknown as { UnknownValueError: new (s: string, p: string[]) => Error }).UnknownValueError(U, ["d"]); }), [SG]).unknown);
    });
    it("matches by role, by name pattern, by id; an unknown role tag is unknown", () => {
        assert.equal(groupMatches(bastion, m), "yes");
        assert.equal(groupMatches(web, m), "no");
        assert.equal(groupMatches(web, { ...m, namePatterns: compilePatterns(["^corp-"]) }), "yes");
        assert.equal(groupMatches(bastion, { ...m, roles: [], ids: ["sg-1"] }), "yes");
        assert.equal(groupMatches(res("x", SG, { tags: U }), m), "unknown");
        assert.deepEqual(compilePatterns(["(", 3, "ok"]).map(String), ["/ok/"]);
    });
    it("tagOf falls back to tagsAll and reports unknown only when it matters", () => {
        assert.deepEqual(tagOf(proxied({ tags: {}, tagsAll: { Role: "db" } }), "Role"), { known: true, value: "db" });
        assert.deepEqual(tagOf(proxied({ tags: { Role: "web" }, tagsAll: U }), "Role"), { known: true, value: "web" });
        assert.equal(tagOf(proxied({ tags: {}, tagsAll: U }), "Role").known, false);
    });
    it("readSetting treats an unknown the program did not set (no dependency) as absent", () => {
        // An unknown input always comes from another resource's output; the engine sends only non-empty dependencies.
        const r = res("i", "t", { a: U, b: U, c: U }, { a: [res("src", "t", {})], c: [] });
        assert.equal(readSetting(r, "a").known, false);
        assert.deepEqual(readSetting(r, "b"), { known: true, value: undefined });
        assert.deepEqual(readSetting(r, "c"), { known: true, value: undefined });
    });
});

describe("bastion user data decoding", () => {
    it("decodes base64, keeps plain text", () => {
        assert.equal(userDataText(Buffer.from("#cloud-config\nTMOUT=600\n").toString("base64")), "#cloud-config\nTMOUT=600\n");
        assert.equal(userDataText("#cloud-config\nTMOUT=600"), "#cloud-config\nTMOUT=600");
        assert.equal(userDataText("abcd"), "abcd", "text that merely looks like base64 but decodes to binary stays");
    });
});

describe("lib/chmod-mode", () => {
    const cases: [string, boolean][] = [
        ["chmod 400 key.pem", true], ["chmod 0400 key.pem", true], ["chmod -v 400 key.pem", true], ["run `chmod u=r key.pem`", true],
        ["chmod u=r,go= key.pem", true], ["chmod 'u=r,g=,o=' key.pem", true], ["chmod 600 key.pem", false], ["chmod 644 key.pem", false],
        ["chmod u=rw key.pem", false], ["chmod u=r,go=r key.pem", false], ["chmod 4400 key.pem", false], ["keep it safe", false],
        ["chmod400 key.pem", false],
    ];
    for (const [text, ok] of cases) it(`${JSON.stringify(text)} ${ok ? "says" : "does not say"} chmod 400`, () => assert.equal(mentionsChmod(text, "chmod 400"), ok));
    it("a required text that is no chmod is matched literally", () => {
        assert.ok(mentionsChmod("store in the vault", "vault"));
        assert.ok(!mentionsChmod("chmod 400 key.pem", "vault"));
    });
});
