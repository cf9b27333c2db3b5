/** The one reader of wire values: unknown sentinels and secret wrappers, explicit in what it returns. */
import { strict as assert } from "assert";
import { SECRET_SIG, SECRET_SIG_KEY, UNK, bool, containsUnknown, displayValue, list, num, readWire, str } from "../../../policies/model/wire";

const SENTINELS = [
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", "030794c1-ac77-496b-92df-f27374a8bd58", "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];
const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
const encrypted = { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: "AAAA" };

describe("model wire values", () => {
    const at = { urn: "urn:x", path: ["p"] };
    const cases: [string, unknown, ReturnType<typeof readWire>][] = [
        ["a plain string", "sg-1", { known: true, value: "sg-1", secret: false }],
        ["a plain object", { a: 1 }, { known: true, value: { a: 1 }, secret: false }],
        ["absent", undefined, { known: true, value: undefined, secret: false }],
        ...SENTINELS.map((s, i): [string, unknown, ReturnType<typeof readWire>] => [`unknown sentinel #${i + 1}`, s, { known: false, reason: "preview", at }]),
        ["a readable secret", secret("hunter2"), { known: true, value: "hunter2", secret: true }],
        ["a secret holding an unknown", secret(SENTINELS[0]), { known: false, reason: "preview", at }],
        ["an encrypted secret", encrypted, { known: false, reason: "secret", at }],
    ];
    for (const [what, wire, expected] of cases) {
        it(`reads ${what}`, () => assert.deepEqual(readWire(wire, at), expected));
    }

    it("typed readers give UNK for unknowns and unreadable secrets, never the sentinel text", () => {
        for (const s of SENTINELS) {
            assert.equal(str(s), UNK);
            assert.equal(num(s), UNK);
            assert.equal(bool(s), UNK);
            assert.equal(list(s), UNK);
        }
        assert.equal(str(encrypted), UNK);
        assert.equal(str(secret("x")), "x");
    });

    const coercions: [string, unknown, unknown][] = [
        ["str of a number", 22, "22"], ["str of empty", "", undefined], ["num of a numeric string", " 443 ", 443], ["num of junk", "22a", undefined],
        ["num truncates", 22.7, 22], ["bool of 'true'", "true", true], ["bool of 'FALSE'", "FALSE", false], ["bool of junk", "yes", undefined],
    ];
    for (const [what, v, expected] of coercions) {
        it(what, () => {
            const f = what.startsWith("str") ? str : what.startsWith("num") ? num : bool;
            assert.equal(f(v), expected);
        });
    }

    it("a lone value is a one-element list; a list's elements are made plain", () => {
        assert.deepEqual(list("10.0.0.0/8"), ["10.0.0.0/8"]);
        assert.deepEqual(list([secret("a"), SENTINELS[0]]), ["a", UNK]);
        assert.deepEqual(list(null), []);
    });

    it("finds an unknown anywhere inside, and shows values without secrets' wrappers or unknowns", () => {
        assert.equal(containsUnknown({ a: [{ b: SENTINELS[2] }] }), true);
        assert.equal(containsUnknown({ a: [{ b: "x" }] }), false);
        assert.deepEqual(displayValue({ a: secret("s"), b: SENTINELS[0], c: [encrypted, 1] }), { a: "s", b: undefined, c: [undefined, 1] });
    });
});
