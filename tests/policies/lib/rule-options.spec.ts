/**
 * Rule options declared once: the published JSON `configSchema` and the typed values a rule reads
 * come from one zod shape, so they cannot disagree on a default, a bound or a key.
 */
import { strict as assert } from "assert";
import { allPolicies } from "../../../policies/rules";
import { integer, portList, regexList, ruleOptions, stringList, text } from "../../../policies/lib/rule-options";
import { reconcilePolicyPackConfig } from "../../../offline/harness/config";

describe("lib/rule-options", () => {
    it("every option of every rule publishes its default, and the harness (as the engine) applies exactly those", () => {
        const harness = reconcilePolicyPackConfig(allPolicies, "advisory", undefined);
        for (const p of allPolicies) {
            const props = p.configSchema?.properties ?? {};
            const defaults = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, (s as { default?: unknown }).default]));
            for (const [k, v] of Object.entries(defaults)) assert.notEqual(v, undefined, `${p.name}.${k} publishes no default`);
            // What the engine hands a rule (defaults applied from the JSON Schema) is what the rule itself fills in.
            assert.deepEqual(harness.get(p.name)?.properties, defaults, p.name);
            assert.equal(p.configSchema?.required, undefined, `${p.name}: an option with a default is never required`);
        }
    });
    it("the JSON Schema keeps the bounds and the regex format the zod shape declares", () => {
        const o = ruleOptions({ port: integer("p", 22, 1, 65535), pats: regexList("r"), ports: portList("ps", [22]), key: text("k", "Role"), ids: stringList("i") });
        const props = o.configSchema.properties as Record<string, Record<string, unknown>>;
        assert.deepEqual(props.port, { default: 22, description: "p", type: "integer", minimum: 1, maximum: 65535 });
        assert.deepEqual(props.pats.items, { type: "string", format: "regex" });
        assert.deepEqual(props.ports.items, { type: "integer", minimum: 0, maximum: 65535 });
        assert.deepEqual(props.key, { default: "Role", description: "k", type: "string", minLength: 1 });
        assert.deepEqual(props.ids.default, []);
    });
    it("reads given values over the defaults, typed, and drops keys it does not declare", () => {
        const o = ruleOptions({ port: integer("p", 22, 1, 65535), ids: stringList("i", ["a"]) });
        assert.deepEqual(o.read(undefined), { port: 22, ids: ["a"] });
        assert.deepEqual(o.read({ port: 2222, enforcementLevel: "mandatory" }), { port: 2222, ids: ["a"] });
    });
    it("an invalid value given directly (not through the engine) is an error naming the option", () => {
        const o = ruleOptions({ bastionMinPrefixIpv4: integer("p", 32, 1, 32) });
        assert.throws(() => o.read({ bastionMinPrefixIpv4: 33 }), /bastionMinPrefixIpv4: .*32/);
    });
    it("the harness rejects a config the schema rejects, naming the rule and the option", () => {
        assert.throws(() => reconcilePolicyPackConfig(allPolicies, "advisory", { "ssh-only-from-bastion": { bastionMinPrefixIpv4: 40 } }), /ssh-only-from-bastion: bastionMinPrefixIpv4/);
        assert.throws(() => reconcilePolicyPackConfig(allPolicies, "advisory", { "db-port-from-app-tier-only": { appGroupNamePatterns: ["("] } }), /db-port-from-app-tier-only: appGroupNamePatterns/);
        assert.throws(() => reconcilePolicyPackConfig(allPolicies, "advisory", { "vpc-flow-logs-enabled": { acceptedTrafficTypes: ["SOME"] } }), /vpc-flow-logs-enabled: acceptedTrafficTypes/);
    });
});
