import { strict as assert } from "assert";
import { validateJsonSchema } from "../../../offline/harness/json-schema";
import { reconcilePolicyPackConfig } from "../../../offline/harness/config";
import { toEngineProperties } from "../../../offline/harness/wire";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../../../offline/snapshot";

describe("harness: JSON schema subset", () => {
    const cases: [string, object, unknown, string[]][] = [
        ["integer ok", { type: "integer" }, 3, []],
        ["integer given a float", { type: "integer" }, 3.5, ["(root): Invalid type. Expected: integer, given: number"]],
        ["number accepts integers", { type: "number" }, 3, []],
        ["minimum/maximum", { type: "integer", minimum: 1, maximum: 5 }, 9, ["(root): Must be less than or equal to 5"]],
        ["enum", { enum: ["a", "b"] }, "c", ['(root): must be one of the following: "a", "b"']],
        ["items with path", { type: "array", items: { type: "string" } }, ["a", 2], ["1: Invalid type. Expected: string, given: integer"]],
        ["regex format", { type: "string", format: "regex" }, "(", ["(root): Does not match format 'regex'"]],
        ["required and nested", { type: "object", required: ["x"], properties: { y: { type: "boolean" } } }, { y: 1 }, ["(root): x is required", "y: Invalid type. Expected: boolean, given: integer"]],
        ["additionalProperties false", { type: "object", additionalProperties: false }, { z: 1 }, ["z: Additional property is not allowed"]],
        ["uniqueItems", { type: "array", uniqueItems: true }, [1, 1], ["(root): array items must be unique"]],
    ];
    for (const [title, schema, value, expected] of cases) {
        it(title, () => assert.deepEqual(validateJsonSchema(schema, value).map((p) => `${p.path}: ${p.message}`), expected));
    }
    it("reconciles defaults, 'all' and per-policy config like the CLI", () => {
        const policies = [
            { name: "p", description: "", enforcementLevel: "mandatory" as const, configSchema: { properties: { n: { type: "integer" as const, default: 2 }, m: { type: "string" as const } } }, validateResource: () => undefined },
            { name: "q", description: "", validateResource: () => undefined },
        ];
        const r = reconcilePolicyPackConfig(policies, "advisory", { all: "disabled", p: { m: "x" } });
        assert.deepEqual(r.get("p"), { enforcementLevel: "disabled", properties: { n: 2, m: "x" } });
        assert.deepEqual(r.get("q"), { enforcementLevel: "disabled", properties: {} });
        assert.throws(() => reconcilePolicyPackConfig(policies, "advisory", { p: { n: "two" } }), /p: n: Invalid type/);
        assert.throws(() => reconcilePolicyPackConfig([{ ...policies[0], configSchema: { properties: {}, required: ["k"] } }], "advisory", {}), /p: k is required/);
    });
});

describe("harness: wire values", () => {
    it("keeps the unknown sentinel and plain values", () => {
        assert.deepEqual(toEngineProperties({ a: UNKNOWN, b: [1, null, "x"], c: { d: true } }), { a: UNKNOWN, b: [1, null, "x"], c: { d: true } });
    });
    it("drops undefined keys and turns undefined list items into null", () => {
        assert.deepEqual(toEngineProperties({ a: undefined, b: [undefined] }), { b: [null] });
    });
    it("a ciphertext-only secret becomes unknown; value and plaintext secrets stay secrets", () => {
        const w = toEngineProperties({
            c: { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: "v1:x" },
            v: { [SECRET_SIG_KEY]: SECRET_SIG, value: "s" },
            p: { [SECRET_SIG_KEY]: SECRET_SIG, plaintext: "\"t\"" },
            bad: { [SECRET_SIG_KEY]: SECRET_SIG, plaintext: "{not json" },
        });
        assert.equal(w.c, UNKNOWN);
        assert.deepEqual(w.v, { [SECRET_SIG_KEY]: SECRET_SIG, value: "s" });
        assert.deepEqual(w.p, { [SECRET_SIG_KEY]: SECRET_SIG, value: "t" });
        assert.equal(w.bad, UNKNOWN);
    });
    it("resource references become ids (or URNs); unknown output values become unknown", () => {
        const w = toEngineProperties({
            r: { [SECRET_SIG_KEY]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:x", id: "sg-1" },
            c: { [SECRET_SIG_KEY]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:comp" },
            o: { [SECRET_SIG_KEY]: "d0e6a833031e9bbcd3f4e8bde6ca49a4" },
            odd: { [SECRET_SIG_KEY]: "not-a-signature" },
        });
        assert.deepEqual([w.r, w.c, w.o, w.odd], ["sg-1", "urn:comp", UNKNOWN, UNKNOWN]);
    });
});
