/**
 * EC2 refuses a security group (or rule) whose name or description leaves its character set, and
 * `pulumi up` then stops halfway. The set, from the CreateSecurityGroup API reference: a-z, A-Z, 0-9,
 * spaces and ._-:/()#,@[]+=&;{}!$*, at most 255 characters; a group name may not start with `sg-`.
 * Checked over every resource both committed stacks register (and the variants that add resources).
 */
import * as assert from "node:assert/strict";
import { ResourceSnapshot } from "../../offline/snapshot";
import { devAccess, runStack } from "../helpers/mocks";

const EC2_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";

/** Every problem EC2 would report for one resource's description and name. */
export function ec2TextProblems(r: ResourceSnapshot): string[] {
    const problems: string[] = [];
    const check = (field: string, value: unknown) => {
        if (typeof value !== "string") return;
        if (!EC2_TEXT.test(value)) problems.push(`${r.name} ${field} "${value}" has a character EC2 refuses: ${JSON.stringify(value.replace(/[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g, ""))}`);
        if (value.length > 255) problems.push(`${r.name} ${field} is ${value.length} characters (EC2 takes 255)`);
    };
    check("description", r.inputs.description);
    check("name", r.inputs.name);
    if (r.type === SECURITY_GROUP) {
        // Unnamed groups are auto-named from the logical name plus a suffix.
        const name = typeof r.inputs.name === "string" ? r.inputs.name : r.name;
        check("group name", name);
        if (/^sg-/i.test(name)) problems.push(`${r.name} group name "${name}" starts with sg-, which EC2 refuses`);
    }
    return problems;
}

describe("names and descriptions EC2 accepts", () => {
    it("the rule itself refuses an apostrophe, a long text and an sg- group name", () => {
        const r = (type: string, name: string, inputs: Record<string, unknown>) =>
            ({ urn: "u", type, name, custom: true, inputs, outputs: {}, dependencies: [], propertyDependencies: {} }) as ResourceSnapshot;
        assert.equal(ec2TextProblems(r(SECURITY_GROUP, "x-sg-web", { description: "the operator's address" })).length, 1);
        assert.equal(ec2TextProblems(r(SECURITY_GROUP, "x-sg-web", { description: "a".repeat(256) })).length, 1);
        assert.equal(ec2TextProblems(r(SECURITY_GROUP, "sg-sg-web", { description: "ok" })).length, 1);
        assert.deepEqual(ec2TextProblems(r(SECURITY_GROUP, "x-sg-web", { description: "App port 8080 from anywhere (0.0.0.0/0)" })), []);
    });

    const variants: [string, string, Record<string, unknown> | undefined][] = [
        ["dev", "dev", undefined],
        ["prod", "prod", undefined],
        ["dev behind a load balancer", "dev", { webAccess: "alb" }],
        ["prod behind a load balancer with HTTPS", "prod", { webAccess: "alb", certificateArn: "arn:aws:acm:ap-northeast-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789" }],
        ["dev with a recovered bastion", "dev", { access: { ...devAccess(), recovery: [{ target: "bastion", newKey: { name: "mhson-key-2", publicKey: devAccess().keyPair.publicKey } }] } }],
    ];
    for (const [label, stack, settings] of variants) {
        it(`${label}: every registered resource's description and name`, async () => {
            const run = await runStack(stack, settings ? { settings } : {});
            const described = run.snapshot.resources.filter((r) => typeof r.inputs.description === "string");
            assert.ok(described.length >= 8, `descriptions were checked (${described.length})`);
            assert.deepEqual(run.snapshot.resources.flatMap(ec2TextProblems), []);
        });
    }
});
