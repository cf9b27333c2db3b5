/** What the stand-in answers beyond Check and Diff: derived values, what it says about itself, its invokes and config. */
import { strict as assert } from "node:assert";
import { Address4 } from "ip-address";
import { fakeId } from "../../../offline/fake-derivation";
import { settingsFromConfigure } from "../../../engine/provider/serve";
import { UNKNOWN } from "../../../engine/provider/wire";
import { createChecked, standIn, TYPICAL, urnOf } from "./stand-in-fixture";

describe("stand-in provider: what it answers", () => {
    it("derives ids as the offline mocks do, and ARNs, addresses and tagsAll as AWS shapes them", async () => {
        const s = standIn();
        const subnet = await createChecked(s, "aws:ec2/subnet:Subnet", "mhson-subnet-internal-2a", { ...TYPICAL["aws:ec2/subnet:Subnet"], cidrBlock: "10.0.0.128/27" });
        assert.equal(subnet.id, fakeId("aws:ec2/subnet:Subnet", "mhson-subnet-internal-2a"));
        assert.equal(subnet.outs.arn, `arn:aws:ec2:ap-northeast-2:123456789012:subnet/${subnet.id}`);
        const db = await createChecked(s, "aws:ec2/instance:Instance", "mhson-ec2-db-2a", { ...TYPICAL["aws:ec2/instance:Instance"], subnetId: subnet.id });
        assert.ok(new Address4(String(db.outs.privateIp)).isInSubnet(new Address4("10.0.0.128/27")), `${db.outs.privateIp} in its subnet`);
        assert.equal(db.outs.availabilityZone, "ap-northeast-2a");
        assert.equal(db.outs.publicIp, "");
        assert.deepEqual(db.outs.tagsAll, { Project: "bastion-network", Environment: "dev", ManagedBy: "pulumi", Name: "mhson-x" });
        const role = await createChecked(s, "aws:iam/role:Role", "mhson-role-flowlogs", TYPICAL["aws:iam/role:Role"]);
        assert.match(role.id, /^mhson-role-flowlogs-[0-9a-f]{7}$/);
        assert.equal(role.outs.arn, `arn:aws:iam::123456789012:role/${role.id}`);
        const key = await createChecked(s, "aws:ec2/keyPair:KeyPair", "mhson-key", TYPICAL["aws:ec2/keyPair:KeyPair"]);
        assert.deepEqual([key.id, String(key.outs.keyPairId).slice(0, 4)], ["mhson-key", "key-"]);
    });

    it("never gives two resources of a stack the same public IP, even when their names derive the same one", async () => {
        const s = standIn();
        // These two names derive the same documentation address.
        const nat = await createChecked(s, "aws:ec2/eip:Eip", "tester-eip-nat-2a", { domain: "vpc" });
        const web = await createChecked(s, "aws:ec2/eip:Eip", "tester-eip-web-2a", { domain: "vpc" });
        assert.notEqual(nat.outs.publicIp, web.outs.publicIp);
        const natGw = await createChecked(s, "aws:ec2/natGateway:NatGateway", "tester-nat", { allocationId: nat.id, subnetId: "subnet-1" });
        assert.equal(natGw.outs.publicIp, nat.outs.publicIp, "a NAT gateway's public IP is its Elastic IP's");
    });

    it("gives a replacement created before its predecessor is deleted its own id and address, as AWS would", async () => {
        const s = standIn();
        const type = "aws:ec2/instance:Instance";
        const subnet = await createChecked(s, "aws:ec2/subnet:Subnet", "mhson-subnet-public-2a", TYPICAL["aws:ec2/subnet:Subnet"]);
        const inputs = { ...TYPICAL[type], subnetId: subnet.id };
        const first = await createChecked(s, type, "mhson-ec2-web-2a", inputs);
        const replacement = await createChecked(s, type, "mhson-ec2-web-2a", { ...inputs, ami: "ami-0123456789abcdef0" });
        assert.notEqual(replacement.id, first.id);
        assert.notEqual(replacement.outs.privateIp, first.outs.privateIp);
        await s.provider.delete(first.id, first.urn, first.outs);
        // An update keeps the replacement's own derivations.
        const updated = await s.provider.update(replacement.id, replacement.urn, replacement.outs, { ...replacement.inputs, instanceType: "t3.large" });
        assert.equal(updated.outs.privateIp, replacement.outs.privateIp);
        // With the predecessor gone (delete before replace), the name's first derivation is free again.
        await s.provider.delete(replacement.id, replacement.urn, replacement.outs);
        assert.equal((await createChecked(s, type, "mhson-ec2-web-2a", inputs)).id, first.id);
    });

    it("previews a create with computed values unknown and an update with what AWS keeps (its ARN)", async () => {
        const s = standIn();
        const type = "aws:iam/policy:Policy";
        const planned = s.provider.previewCreate(urnOf(type, "p"), { ...TYPICAL[type], name: "p-1234567" });
        assert.deepEqual([planned.arn, planned.policyId], [UNKNOWN, UNKNOWN]);
        assert.deepEqual(planned.tagsAll, { ...s.settings.defaultTags, Name: "mhson-x" });
        const r = await createChecked(s, type, "p", TYPICAL[type]);
        const updated = s.provider.previewUpdate(r.id, r.urn, r.outs, { ...r.inputs, policy: "{}" });
        assert.deepEqual([updated.arn, updated.policy], [r.outs.arn, "{}"]);
    });

    it("says it is a stand-in that deploys nothing, and warns once per type it does not model", async () => {
        const s = standIn();
        await s.provider.check(urnOf("aws:s3/bucket:Bucket", "b"), {}, {});
        const created = await s.provider.create(urnOf("aws:s3/bucket:Bucket", "b"), { bucket: "b" });
        await s.provider.check(urnOf("aws:s3/bucket:Bucket", "c"), {}, {});
        assert.match(s.log[0].message, /STAND-IN.*nothing is deployed/);
        assert.equal(s.log.filter((l) => l.level === "warn" && /does not model aws:s3\/bucket:Bucket/.test(l.message)).length, 1);
        assert.equal(created.id, fakeId("aws:s3/bucket:Bucket", "b"));
        assert.ok(s.log.some((l) => l.level === "debug" && /nothing was created in AWS/.test(l.message)));
    });

    it("answers the invokes the program calls, and refuses one it does not know", async () => {
        const s = standIn();
        const ami = await s.provider.invoke("aws:ec2/getAmi:getAmi", { owners: ["099720109477"], mostRecent: true });
        assert.equal(ami.outputs.id, "ami-0offlinepreview00");
        const zones = await s.provider.invoke("aws:index/getAvailabilityZones:getAvailabilityZones", {});
        assert.deepEqual(zones.outputs.names, ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"]);
        const identity = await s.provider.invoke("aws:index/getCallerIdentity:getCallerIdentity", {});
        assert.equal(identity.outputs.accountId, "123456789012");
        const found = await s.provider.invoke("aws:ec2/getInstance:getInstance", { instanceId: "i-0123456789abcdef0" });
        assert.match(String(found.outputs.subnetId), /^subnet-[0-9a-f]{17}$/);
        assert.ok(s.log.some((l) => l.level === "warn" && /i-0123456789abcdef0 is not a real instance/.test(l.message)));
        const bad = await s.provider.invoke("aws:ec2/getInstance:getInstance", { instanceId: "web" });
        assert.equal(bad.failures?.[0].property, "instanceId");
        await assert.rejects(s.provider.invoke("aws:s3/getBucket:getBucket", {}), /no answer for aws:s3\/getBucket:getBucket/);
    });

    it("refuses to read a resource it did not record (an import), naming it", async () => {
        await assert.rejects(standIn().provider.read("vpc-123", urnOf("aws:ec2/vpc:Vpc", "v"), {}), /can only read back resources it recorded itself; vpc-123/);
    });

    it("reads region and defaultTags from Configure, JSON-encoded as the Node.js SDK sends them", () => {
        const settings = settingsFromConfigure({ region: "ap-northeast-2", defaultTags: JSON.stringify({ tags: { Project: "p" } }) }, {});
        assert.deepEqual(settings, { region: "ap-northeast-2", defaultTags: { Project: "p" } });
        assert.equal(settingsFromConfigure({}, { "aws:config:region": "eu-west-1" }).region, "eu-west-1");
    });
});
