import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RecoveredHost, replacementTags } from "../../../infra/access/recovery";
import { recoverySourceFromInstanceId, recoverySourceOf } from "../../../infra/access/recovery-source";
import { byType, EXTERNAL_INSTANCE, fakeIp, installMocks, isSecret, one, resetRegistered, settle, valueOf } from "./mocks";
import { keys } from "./test-keys";

const NEW_KEY = keys.ed25519().split(" ").slice(0, 2).join(" ");
const INSTANCE = "aws:ec2/instance:Instance";

describe("access: RecoveredHost (mocks)", () => {
    before(installMocks);
    beforeEach(resetRegistered);

    it("stack host: image it, relaunch from the image with the new key in the same subnet, SGs and tags", async () => {
        const web = new aws.ec2.Instance("mhson-ec2-web-2a", {
            ami: "ami-ubuntu",
            instanceType: "t3.medium",
            subnetId: "subnet-public-2a",
            vpcSecurityGroupIds: ["sg-web", "sg-extra"],
            keyName: "mhson-key",
            tags: { Name: "mhson-ec2-web-2a", Tier: "public", Role: "web" },
        });
        const host = new RecoveredHost("rec-web", {
            prefix: "mhson", role: "web", az: "2a", source: recoverySourceOf(web), newKey: { name: "mhson-key-2", publicKey: NEW_KEY },
        });
        const newIp = await valueOf(host.newPrivateIp);
        await settle();

        const ami = one("aws:ec2/amiFromInstance:AmiFromInstance");
        assert.equal(ami.inputs.sourceInstanceId, "mhson-ec2-web-2a-id");
        assert.equal(ami.inputs.snapshotWithoutReboot, false);
        assert.equal(ami.name, "mhson-ami-web-2a-recovery");

        const key = one("aws:ec2/keyPair:KeyPair");
        assert.equal(key.inputs.keyName, "mhson-key-2");
        assert.equal(key.inputs.publicKey, NEW_KEY);
        assert.match(key.inputs.tags.PemInstructions, /chmod 400 mhson-key-2\.pem/);

        const replacement = byType(INSTANCE).find((r) => r.name === "mhson-ec2-web-2a-recovered");
        assert.ok(replacement, "named [prefix]-ec2-[role]-[az]-recovered");
        assert.equal(replacement.inputs.ami, `${ami.name}-id`);
        assert.equal(replacement.inputs.keyName, "mhson-key-2");
        assert.equal(replacement.inputs.subnetId, "subnet-public-2a");
        assert.deepEqual(replacement.inputs.vpcSecurityGroupIds, ["sg-web", "sg-extra"]);
        assert.equal(replacement.inputs.instanceType, "t3.medium");
        assert.deepEqual(replacement.inputs.tags, {
            Name: "mhson-ec2-web-2a-recovered", Tier: "public", Role: "web", RecoveredFrom: "mhson-ec2-web-2a-id",
        });
        assert.equal(replacement.inputs.associatePublicIpAddress, false);

        assert.equal(newIp, fakeIp("mhson-ec2-web-2a-recovered", "10.0.0"));
        assert.equal(await valueOf(host.oldPrivateIp), fakeIp("mhson-ec2-web-2a", "10.0.0"));
        assert.equal(await valueOf(host.oldInstanceId), "mhson-ec2-web-2a-id");
        assert.equal(await valueOf(host.newInstanceId), "mhson-ec2-web-2a-recovered-id");
        assert.equal(await valueOf(host.oldPublicIp), undefined);
        assert.equal(await valueOf(host.newPublicIp), undefined);
        assert.equal(await valueOf(host.keyName), "mhson-key-2");
    });

    it("instance outside the stack: reads subnet, SGs and tags by id and copies them", async () => {
        const host = new RecoveredHost("rec-ext", {
            prefix: "mhson", role: "legacy", az: "2c",
            source: recoverySourceFromInstanceId(EXTERNAL_INSTANCE.instanceId),
            newKey: { name: "legacy-key-2", generate: true },
        });
        await valueOf(host.newPrivateIp);
        await settle();
        const r = one(INSTANCE);
        assert.equal(r.inputs.subnetId, EXTERNAL_INSTANCE.subnetId);
        assert.deepEqual(r.inputs.vpcSecurityGroupIds, EXTERNAL_INSTANCE.vpcSecurityGroupIds);
        assert.equal(r.inputs.instanceType, "t3.small");
        assert.equal(r.inputs.keyName, "legacy-key-2");
        assert.equal(r.inputs.iamInstanceProfile, undefined);
        assert.deepEqual(r.inputs.tags, { Name: "mhson-ec2-legacy-2c-recovered", Team: "ops", RecoveredFrom: EXTERNAL_INSTANCE.instanceId });
        assert.equal(one("aws:ec2/amiFromInstance:AmiFromInstance").inputs.sourceInstanceId, EXTERNAL_INSTANCE.instanceId);
        assert.equal(await valueOf(host.oldPrivateIp), EXTERNAL_INSTANCE.privateIp);
        assert.ok(host.privateKeyOpenssh);
        assert.equal(await isSecret(host.privateKeyOpenssh), true);
    });

    it("keeps a public address when the source had one", async () => {
        const host = new RecoveredHost("rec-b", {
            prefix: "mhson", role: "bastion", az: "2a",
            source: {
                instanceId: "i-b", subnetId: "subnet-admin", securityGroupIds: [pulumi.output("sg-bastion")], tags: { Role: "bastion" },
                instanceType: "t3.micro", privateIp: "10.0.0.170", publicIp: "3.35.1.1", associatePublicIpAddress: true,
            },
            newKey: { name: "b-2", generate: true },
        });
        assert.equal(await valueOf(host.oldPublicIp), "3.35.1.1");
        assert.equal(await valueOf(host.newPublicIp), fakeIp("mhson-ec2-bastion-2a-recovered", "3.35.0"));
        await settle();
        assert.deepEqual(one(INSTANCE).inputs.vpcSecurityGroupIds, ["sg-bastion"]);
    });

    it("replacementTags drops reserved aws: keys and renames", () => {
        assert.deepEqual(replacementTags({ Name: "old", "aws:x": "y", Role: "db" }, "new", "i-1"), { Name: "new", Role: "db", RecoveredFrom: "i-1" });
        assert.deepEqual(replacementTags(undefined, "new", "i-1"), { Name: "new", RecoveredFrom: "i-1" });
    });
});
