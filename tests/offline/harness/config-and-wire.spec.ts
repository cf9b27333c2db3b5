import { strict as assert } from "assert";
import { reconcilePolicyPackConfig, validatePolicyProperties } from "../../../offline/harness/config";
import { toEngineProperties } from "../../../offline/harness/wire";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../../../offline/snapshot";

describe("harness: policy config validated with ajv", () => {
    const cases: [string, object, unknown, string[]][] = [
        ["integer ok", { type: "integer" }, 3, []],
        ["integer given a float", { type: "integer" }, 3.5, ["(root): must be integer"]],
        ["minimum/maximum", { type: "integer", minimum: 1, maximum: 5 }, 9, ["(root): must be <= 5"]],
        ["enum", { enum: ["a", "b"] }, "c", ['(root): must be equal to one of the allowed values ("a", "b")']],
        ["items with path", { type: "array", items: { type: "string" } }, ["a", 2], ["1: must be string"]],
        ["regex format", { type: "string", format: "regex" }, "(", ['(root): must match format "regex"']],
        ["required and nested, every problem at once", { type: "object", required: ["x"], properties: { y: { type: "boolean" } } }, { y: 1 }, ["x: is required", "y: must be boolean"]],
        ["additionalProperties false", { type: "object", additionalProperties: false }, { z: 1 }, ["z: is not allowed (additionalProperties is false)"]],
        ["uniqueItems", { type: "array", uniqueItems: true }, [1, 1], ["(root): must NOT have duplicate items (items ## 0 and 1 are identical)"]],
    ];
    for (const [title, schema, value, expected] of cases) {
        it(title, () => assert.deepEqual(validatePolicyProperties(schema, value), expected));
    }
    it("reports a policy name the pack does not have, with the nearest name", () => {
        const policies = [{ name: "ssh-only-from-bastion", description: "", validateResource: () => undefined }];
        assert.throws(() => reconcilePolicyPackConfig(policies, "advisory", { "ssh-only-from-bastoin": "mandatory" }), /ssh-only-from-bastoin: not a policy of this pack; did you mean "ssh-only-from-bastion"\?/);
        assert.doesNotThrow(() => reconcilePolicyPackConfig(policies, "advisory", { all: "mandatory" }));
    });
    it("reconciles defaults, 'all' and per-policy config like the CLI", () => {
        const policies = [
            { name: "p", description: "", enforcementLevel: "mandatory" as const, configSchema: { properties: { n: { type: "integer" as const, default: 2 }, m: { type: "string" as const } } }, validateResource: () => undefined },
            { name: "q", description: "", validateResource: () => undefined },
        ];
        const r = reconcilePolicyPackConfig(policies, "advisory", { all: "disabled", p: { m: "x" } });
        assert.deepEqual(r.get("p"), { enforcementLevel: "disabled", properties: { n: 2, m: "x" } });
        assert.deepEqual(r.get("q"), { enforcementLevel: "disabled", properties: {} });
        assert.throws(() => reconcilePolicyPackConfig(policies, "advisory", { p: { n: "two" } }), /p: n: must be integer/);
        assert.throws(() => reconcilePolicyPackConfig([{ ...policies[0], configSchema: { properties: {}, required: ["k"] } }], "advisory", {}), /p: k: is required/);
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
