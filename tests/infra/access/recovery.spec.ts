import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RecoveredHost, replacementTags } from "../../../infra/access/recovery";
import { recoverySourceFromInstanceId, recoverySourceOf } from "../../../infra/access/recovery-source";
import { isSecretValue, named, one, runComponents, tagsOf } from "../../helpers/mocks";
import { keys } from "./test-keys";

const NEW_KEY = keys.ed25519().split(" ").slice(0, 2).join(" ");
const INSTANCE = "aws:ec2/instance:Instance";
const AMI = "aws:ec2/amiFromInstance:AmiFromInstance";

/** An instance outside the stack, as `aws.ec2.getInstance` reports it. */
const EXTERNAL_INSTANCE = {
    instanceId: "i-0123456789abcdef0",
    subnetId: "subnet-external",
    vpcSecurityGroupIds: ["sg-ext-a", "sg-ext-b"],
    tags: { Name: "legacy-app", Team: "ops", "aws:cloudformation:stack-name": "old" },
    instanceType: "t3.small",
    privateIp: "172.31.5.6",
    publicIp: "",
    iamInstanceProfile: "",
    associatePublicIpAddress: true,
};

function getInstance(token: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined {
    if (token !== "aws:ec2/getInstance:getInstance") return undefined;
    if (inputs.instanceId !== EXTERNAL_INSTANCE.instanceId) throw new Error(`no instance ${String(inputs.instanceId)}`);
    return { ...EXTERNAL_INSTANCE, id: EXTERNAL_INSTANCE.instanceId };
}

/** What the specs read off the component, as stack outputs. */
function outputsOf(host: RecoveredHost): Record<string, unknown> {
    return {
        oldInstanceId: host.oldInstanceId, newInstanceId: host.newInstanceId,
        oldPrivateIp: host.oldPrivateIp, newPrivateIp: host.newPrivateIp,
        // Nested, so an address that is rightly undefined drops out quietly instead of warning as a stack output.
        publicIps: { old: host.oldPublicIp, new: host.newPublicIp },
        keyName: host.keyName,
        hasPrivateKey: host.privateKeyOpenssh !== undefined,
        ...(host.privateKeyOpenssh ? { privateKeyOpenssh: host.privateKeyOpenssh } : {}),
    };
}

describe("access: RecoveredHost (mocks)", () => {
    it("stack host: image it, relaunch from the image with the new key in the same subnet, SGs and tags", async () => {
        const run = await runComponents(() => {
            // A real subnet, so the fake cloud gives old and new host distinct addresses in it.
            const subnet = new aws.ec2.Subnet("mhson-subnet-public-2a", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/26" });
            const web = new aws.ec2.Instance("mhson-ec2-web-2a", {
                ami: "ami-ubuntu",
                instanceType: "t3.medium",
                subnetId: subnet.id,
                vpcSecurityGroupIds: ["sg-web", "sg-extra"],
                keyName: "mhson-key",
                tags: { Name: "mhson-ec2-web-2a", Tier: "public", Role: "web" },
            });
            return outputsOf(new RecoveredHost("rec-web", {
                prefix: "mhson", role: "web", az: "2a", source: recoverySourceOf(web), newKey: { name: "mhson-key-2", publicKey: NEW_KEY },
            }));
        });
        const subnet = named(run, "mhson-subnet-public-2a");
        const web = named(run, "mhson-ec2-web-2a");

        const ami = one(run, AMI);
        assert.equal(ami.inputs.sourceInstanceId, web.id);
        assert.equal(ami.inputs.snapshotWithoutReboot, false);
        assert.equal(ami.name, "mhson-ami-web-2a-recovery");

        const key = one(run, "aws:ec2/keyPair:KeyPair");
        assert.equal(key.inputs.keyName, "mhson-key-2");
        assert.equal(key.inputs.publicKey, NEW_KEY);
        assert.match(tagsOf(key).PemInstructions, /chmod 400 mhson-key-2\.pem/);

        const replacement = run.snapshot.resources.find((r) => r.type === INSTANCE && r.name === "mhson-ec2-web-2a-recovered");
        assert.ok(replacement, "named [prefix]-ec2-[role]-[az]-recovered");
        assert.equal(replacement.inputs.ami, ami.id);
        assert.equal(replacement.inputs.keyName, "mhson-key-2");
        assert.equal(replacement.inputs.subnetId, subnet.id);
        assert.deepEqual(replacement.inputs.vpcSecurityGroupIds, ["sg-web", "sg-extra"]);
        assert.equal(replacement.inputs.instanceType, "t3.medium");
        assert.deepEqual(replacement.inputs.tags, {
            Name: "mhson-ec2-web-2a-recovered", Tier: "public", Role: "web", RecoveredFrom: web.id,
        });
        assert.equal("associatePublicIpAddress" in replacement.inputs, false, "left to the subnet, never copied");

        // Old and new differ in every value below, so a swapped pair fails.
        assert.notEqual(web.outputs.privateIp, replacement.outputs.privateIp);
        assert.notEqual(web.id, replacement.id);
        assert.equal(run.outputs.newPrivateIp, replacement.outputs.privateIp);
        assert.equal(run.outputs.oldPrivateIp, web.outputs.privateIp);
        assert.equal(run.outputs.oldInstanceId, web.id);
        assert.equal(run.outputs.newInstanceId, replacement.id);
        assert.deepEqual(run.outputs.publicIps, {}, "no public address before or after");
        assert.equal(run.outputs.keyName, "mhson-key-2");
    });

    it("instance outside the stack: reads subnet, SGs and tags by id and copies them", async () => {
        const run = await runComponents(() => outputsOf(new RecoveredHost("rec-ext", {
            prefix: "mhson", role: "legacy", az: "2c",
            source: recoverySourceFromInstanceId(EXTERNAL_INSTANCE.instanceId, new aws.Provider("mhson-aws", { region: "ap-northeast-2" })),
            newKey: { name: "legacy-key-2", generate: true },
        })), { calls: getInstance });
        const r = one(run, INSTANCE);
        assert.equal(r.inputs.subnetId, EXTERNAL_INSTANCE.subnetId);
        assert.deepEqual(r.inputs.vpcSecurityGroupIds, EXTERNAL_INSTANCE.vpcSecurityGroupIds);
        assert.equal(r.inputs.instanceType, "t3.small");
        assert.equal(r.inputs.keyName, "legacy-key-2");
        assert.equal(r.inputs.iamInstanceProfile, undefined);
        assert.equal(r.inputs.associatePublicIpAddress, undefined, "true read back is not copied");
        assert.deepEqual(r.inputs.tags, { Name: "mhson-ec2-legacy-2c-recovered", Team: "ops", RecoveredFrom: EXTERNAL_INSTANCE.instanceId });
        assert.equal(one(run, AMI).inputs.sourceInstanceId, EXTERNAL_INSTANCE.instanceId);
        assert.equal(run.outputs.oldPrivateIp, EXTERNAL_INSTANCE.privateIp);
        assert.equal(run.outputs.hasPrivateKey, true);
        assert.ok(isSecretValue(run.outputs.privateKeyOpenssh), "the new private key is a secret output");
    });

    it("never copies associatePublicIpAddress: a bastion with an Elastic IP reads back true", async () => {
        const run = await runComponents(() => outputsOf(new RecoveredHost("rec-b", {
            prefix: "mhson", role: "bastion", az: "2a",
            source: {
                instanceId: "i-b", subnetId: "subnet-admin", securityGroupIds: [pulumi.output("sg-bastion")], tags: { Role: "bastion" },
                instanceType: "t3.micro", privateIp: "10.0.0.170", publicIp: "3.35.1.1",
            },
            newKey: { name: "b-2", generate: true },
        })));
        // The replacement gets no automatic address of its own; the stack moves the Elastic IP to it.
        assert.deepEqual(run.outputs.publicIps, { old: "3.35.1.1" });
        assert.equal(one(run, INSTANCE).inputs.associatePublicIpAddress, undefined);
        assert.deepEqual(one(run, INSTANCE).inputs.vpcSecurityGroupIds, ["sg-bastion"]);
    });

    it("reads an outside instance through the stack's provider (an invoke reads `provider`, not `providers`)", async () => {
        const seen: string[] = [];
        await pulumi.runtime.setMocks({
            newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }),
            call: (a) => { seen.push(`${a.token} via ${a.provider ?? "the default provider"}`); return { ...EXTERNAL_INSTANCE, id: EXTERNAL_INSTANCE.instanceId }; },
        }, "bastion-network", "components", false);
        const provider = new aws.Provider("mhson-aws", { region: "ap-northeast-2" });
        const source = recoverySourceFromInstanceId(EXTERNAL_INSTANCE.instanceId, provider);
        await new Promise((done) => pulumi.output(source.subnetId).apply(done));
        assert.equal(seen.length, 1);
        assert.match(seen[0], /^aws:ec2\/getInstance:getInstance via urn:pulumi:components::bastion-network::pulumi:providers:aws::mhson-aws::/);
    });

    it("replacementTags drops reserved aws: keys and renames", () => {
        assert.deepEqual(replacementTags({ Name: "old", "aws:x": "y", Role: "db" }, "new", "i-1"), { Name: "new", Role: "db", RecoveredFrom: "i-1" });
        assert.deepEqual(replacementTags(undefined, "new", "i-1"), { Name: "new", RecoveredFrom: "i-1" });
    });
});
