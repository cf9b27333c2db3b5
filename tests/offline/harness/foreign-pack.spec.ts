/**
 * A pack written the usual way (validateResourceOfType, validateStackResourcesOfType, a config
 * schema) runs through the harness unchanged, and the harness reproduces the server's behaviour.
 */
import { strict as assert } from "assert";
import { Policies, ResourceValidationArgs, StackValidationArgs, validateResourceOfType, validateStackResourcesOfType } from "@pulumi/policy";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { PackUnderTest, runPolicyPack } from "../../../offline/harness";
import { T, UNKNOWN, cipherSecret, resource, secret, snapshot } from "../../helpers/harness";

const seen: { args?: ResourceValidationArgs; stack?: StackValidationArgs } = {};

const foreignPolicies: Policies = [
    {
        name: "sg-needs-description",
        description: "Security groups need a description.",
        enforcementLevel: "mandatory",
        configSchema: { properties: { minLength: { type: "integer", default: 3 } } },
        validateResource: validateResourceOfType(SecurityGroup, (sg, args, report) => {
            seen.args = args;
            const { minLength } = args.getConfig<{ minLength: number }>();
            if ((sg.description ?? "").length < minLength) report(`description shorter than ${minLength}`);
        }),
    },
    {
        name: "no-buckets",
        description: "No buckets.",
        validateResource: validateResourceOfType(Bucket, (_b, _args, report) => report("found a bucket")),
    },
    {
        name: "at-most-two-groups",
        description: "A stack has at most two security groups.",
        severity: "low",
        validateStack: validateStackResourcesOfType(SecurityGroup, (groups, args, report) => {
            seen.stack = args;
            if (groups.length > 2) report(`${groups.length} groups`);
        }),
    },
];

const pack: PackUnderTest = { name: "foreign-pack", version: "1.2.3", policies: foreignPolicies };

const groups = () => [
    resource(T.Provider, "default_7_0_0", { region: "us-west-2" }, { id: "prov-1", custom: true }),
    resource(T.SecurityGroup, "a", { description: "ok group", tags: { Team: secret("blue") } }, { outputs: { description: "ok group", id: "sg-a", arn: "arn:a" }, id: "sg-a", provider: `${"urn:pulumi:dev::bastion-network::pulumi:providers:aws::default_7_0_0"}::prov-1` }),
    resource(T.SecurityGroup, "b", { description: "b" }, { id: "sg-b", dependencies: ["a"], deps: { description: ["a"] }, parent: "a" }),
];

describe("harness: a foreign pack runs unchanged", () => {
    it("reports violations in policyEvent shape with description and message, pack name and version", async () => {
        const r = await runPolicyPack(pack, snapshot(groups()));
        assert.deepEqual(r.violations, [{
            policyName: "sg-needs-description", policyPackName: "foreign-pack", policyPackVersion: "1.2.3",
            resourceUrn: "urn:pulumi:dev::bastion-network::aws:ec2/securityGroup:SecurityGroup::b",
            message: "Security groups need a description.\ndescription shorter than 3", enforcementLevel: "mandatory",
        }]);
    });
    it("reports notApplicable for other types through the attached Pulumi type, as the server does", async () => {
        const r = await runPolicyPack(pack, snapshot(groups()));
        const na = r.notApplicable.filter((n) => n.policyName === "no-buckets");
        assert.equal(na.length, 3);
        assert.equal(na[0].reason, "Policy only applies to resources of type 'aws:s3/bucket:Bucket'");
        assert.ok(r.notApplicable.some((n) => n.policyName === "sg-needs-description" && n.resourceUrn?.endsWith("default_7_0_0")));
    });
    it("stack policies skip as not applicable when no resource has their type", async () => {
        const r = await runPolicyPack(pack, snapshot([resource(T.Vpc, "v", {})]));
        assert.deepEqual(r.notApplicable.filter((n) => n.policyName === "at-most-two-groups"), [{ policyName: "at-most-two-groups", reason: "Policy only applies to resources of type 'aws:ec2/securityGroup:SecurityGroup'" }]);
    });
    it("builds resource args: inputs, urn, name, type, opts.parent, provider, stackTags, unwrapped secrets", async () => {
        await runPolicyPack(pack, snapshot(groups()), { stackTags: { env: "dev" } });
        const a = seen.args!;
        assert.equal(a.name, "b");
        assert.equal(a.opts.parent, "urn:pulumi:dev::bastion-network::aws:ec2/securityGroup:SecurityGroup::a");
        assert.equal(a.stackTags.get("env"), "dev");
        assert.throws(() => (a.stackTags as Map<string, string>).set("x", "y"));
        await runPolicyPack(pack, snapshot(groups().slice(0, 2)));
        const p = seen.args!;
        assert.equal(p.provider?.type, "pulumi:providers:aws");
        assert.equal(p.provider?.props.region, "us-west-2");
        assert.equal(p.props.tags.Team, "blue", "secrets reach policies as plain values");
        assert.equal(p.props.id, undefined, "resource policies see inputs, not outputs");
    });
    it("builds stack args: outputs, parent and dependencies as objects, propertyDependencies", async () => {
        await runPolicyPack(pack, snapshot(groups()));
        const s = seen.stack!;
        const b = s.resources.find((r) => r.name === "b")!;
        assert.equal(s.resources.find((r) => r.name === "a")!.props.arn, "arn:a");
        assert.equal(b.parent?.name, "a");
        assert.deepEqual(b.dependencies.map((d) => d.name), ["a"]);
        assert.deepEqual(b.propertyDependencies.description.map((d) => d.name), ["a"]);
        assert.equal(s.getConfig<Record<string, unknown>>().minLength, undefined);
    });
    it("drops dependencies on URNs missing from the snapshot instead of failing", async () => {
        const res = groups();
        res[2].dependencies.push("urn:pulumi:dev::x::aws:ec2/vpc:Vpc::gone");
        await runPolicyPack(pack, snapshot(res));
        assert.deepEqual(seen.stack!.resources.find((r) => r.name === "b")!.dependencies.map((d) => d.name), ["a"]);
    });
});

describe("harness: engine semantics", () => {
    it("config defaults apply; given config overrides them", async () => {
        assert.equal((await runPolicyPack(pack, snapshot(groups()))).violations.length, 1);
        assert.equal((await runPolicyPack(pack, snapshot(groups()), { config: { "sg-needs-description": { minLength: 1 } } })).violations.length, 0);
        assert.equal((await runPolicyPack(pack, snapshot(groups()), { config: { "sg-needs-description": { minLength: 20 } } })).violations.length, 2);
    });
    it("invalid config throws an error naming the policy and the key", async () => {
        await assert.rejects(runPolicyPack(pack, snapshot([]), { config: { "sg-needs-description": { minLength: "x" } } }), /sg-needs-description: minLength: must be integer/);
        await assert.rejects(runPolicyPack(pack, snapshot([]), { config: { "no-buckets": "sometimes" } }), /no-buckets: enforcementLevel/);
        await assert.rejects(runPolicyPack(pack, snapshot([]), { config: { "no-buckets": 3 } }), /no-buckets: 3 is not a valid value/);
    });
    const levels: [string, Partial<PackUnderTest>, Record<string, unknown> | undefined, string][] = [
        ["policy level over pack level", { enforcementLevel: "advisory" }, undefined, "mandatory"],
        ["config over policy level", {}, { "sg-needs-description": "advisory" }, "advisory"],
        ["config object form", {}, { "sg-needs-description": { enforcementLevel: "advisory" } }, "advisory"],
        ["'all' over policy level", {}, { all: "advisory" }, "advisory"],
        ["per-policy config over 'all'", {}, { all: "advisory", "sg-needs-description": "mandatory" }, "mandatory"],
        ["remediate is reported as mandatory", {}, { "sg-needs-description": "remediate" }, "mandatory"],
    ];
    for (const [title, packOverride, config, level] of levels) {
        it(`enforcement level: ${title}`, async () => {
            const r = await runPolicyPack({ ...pack, ...packOverride }, snapshot(groups()), { config });
            assert.deepEqual(r.violations.map((v) => v.enforcementLevel), [level]);
        });
    }
    it("a disabled policy does not run; an unset level falls back to the pack's, then advisory", async () => {
        assert.deepEqual((await runPolicyPack(pack, snapshot(groups()), { config: { "sg-needs-description": "disabled" } })).violations, []);
        const bucket = [resource("aws:s3/bucket:Bucket", "bk", {})];
        assert.equal((await runPolicyPack(pack, snapshot(bucket))).violations[0].enforcementLevel, "advisory");
        assert.equal((await runPolicyPack({ ...pack, enforcementLevel: "mandatory" }, snapshot(bucket))).violations[0].enforcementLevel, "mandatory");
    });
    it("a read of an unknown becomes the server's advisory can't-run message", async () => {
        const r = await runPolicyPack(pack, snapshot([resource(T.SecurityGroup, "u", { description: UNKNOWN })], "offline-preview"));
        assert.deepEqual(r.violations.map((v) => [v.enforcementLevel, v.message]), [[
            "advisory",
            "can't run policy 'sg-needs-description' from policy pack 'foreign-pack@v1.2.3' during preview: string value at .description can't be known during preview",
        ]]);
    });
    it("a ciphertext-only secret is unknown content: can't-run, never a crash or a guess", async () => {
        const r = await runPolicyPack(pack, snapshot([resource(T.SecurityGroup, "c", { description: cipherSecret() })]));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0].message, /^can't run policy 'sg-needs-description'/);
    });
    it("args.notApplicable is recorded with its reason", async () => {
        const p: Policies = [{ name: "na", description: "d", validateResource: (args) => args.notApplicable("not today") }];
        const r = await runPolicyPack({ name: "n", version: "1.0.0", policies: p }, snapshot([resource(T.Vpc, "v", {})]));
        assert.deepEqual(r.notApplicable, [{ policyName: "na", resourceUrn: "urn:pulumi:dev::bastion-network::aws:ec2/vpc:Vpc::v", reason: "not today" }]);
    });
    it("object-form reportViolation overrides urn and level; a stack violation without urn has none", async () => {
        const p: Policies = [{
            name: "s", description: "d",
            validateStack: (_a, report) => {
                report({ message: "m", urn: "urn:x", enforcementLevel: "mandatory" } as unknown as string);
                report("plain");
            },
        }];
        const r = await runPolicyPack({ name: "n", version: "1.0.0", policies: p }, snapshot([]));
        assert.deepEqual(r.violations.map((v) => [v.resourceUrn, v.enforcementLevel, v.message]), [["urn:x", "mandatory", "m"], [undefined, "advisory", "d\nplain"]]);
    });
    it("a policy that throws anything else fails the run, naming the policy", async () => {
        const p: Policies = [{ name: "boom", description: "d", validateResource: () => { throw new TypeError("bad"); } }];
        await assert.rejects(runPolicyPack({ name: "n", version: "1.0.0", policies: p }, snapshot([resource(T.Vpc, "v", {})])), /policy 'boom' from policy pack 'n@v1.0.0'[\s\S]*bad/);
    });
    it("a remediation at level remediate rewrites the inputs that validations then see", async () => {
        const p: Policies = [
            { name: "fix", description: "d", enforcementLevel: "remediate", remediateResource: (args) => ({ ...args.props, description: "fixed by policy" }) },
            foreignPolicies[0],
        ];
        const res = [resource(T.SecurityGroup, "x", { description: "x" })];
        assert.equal((await runPolicyPack({ name: "n", version: "1.0.0", policies: p }, snapshot(res))).violations.length, 0);
        assert.equal((await runPolicyPack({ name: "n", version: "1.0.0", policies: p }, snapshot(res), { config: { fix: "advisory" } })).violations.length, 1);
    });
    it("rejects pack definitions the server refuses", async () => {
        await assert.rejects(runPolicyPack({ ...pack, name: "bad name!" }, snapshot([])), /invalid policy pack name/);
        await assert.rejects(runPolicyPack({ ...pack, policies: [{ name: "all", description: "d", validateResource: () => undefined }] }, snapshot([])), /reserved/);
    });
});
