import { strict as assert } from "assert";
import { Unknowns, isUnknownValueError, read } from "../../../policies/lib/unknowns";
import { userDataText } from "../../../policies/model";
import { mentionsChmod } from "../../../policies/lib/chmod-mode";
import * as policy from "@pulumi/policy";

// The engine's proxy, exported at runtime; used to build props exactly as policies receive them.
const proxied = (o: Record<string, unknown>) => (policy as unknown as { unknownCheckingProxy: <T>(v: T) => T }).unknownCheckingProxy(o);
const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

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
