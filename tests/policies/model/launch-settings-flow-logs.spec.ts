/** The model's launch settings (metadata, EBS devices, user data), volumes and flow logs, read from snapshots. */
import { strict as assert } from "assert";
import { gzipSync } from "zlib";
import { AwsTypes, ModelResource, buildNetworkModel } from "../../../policies/model";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_SENTINEL } from "../../../policies/model/wire";

const urn = (type: string, name: string) => `urn:pulumi:s::bastion-network::${type}::${name}`;
const res = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<ModelResource> = {}): ModelResource => ({ urn: urn(type, name), type, name, inputs, ...extra });
const settingsOf = (r: ModelResource) => buildNetworkModel({ resources: [r] }).launchSettings.find((s) => s.urn === r.urn)!;

describe("model: launch settings, volumes, flow logs", () => {
    it("decodes plain, base64 and gzip+base64 user data, and keeps a secret's mark", () => {
        const script = "#!/bin/bash\nreadonly TMOUT=600\n";
        assert.equal((settingsOf(res(AwsTypes.Instance, "a", { userData: script })).userData as { value: string }).value, script);
        assert.equal((settingsOf(res(AwsTypes.LaunchTemplate, "b", { userData: Buffer.from(script).toString("base64") })).userData as { value: string }).value, script);
        const gz = settingsOf(res(AwsTypes.Instance, "c", { userDataBase64: gzipSync(Buffer.from(script)).toString("base64") })).userData;
        assert.deepEqual(gz, { known: true, value: script, secret: false });
        const secret = settingsOf(res(AwsTypes.Instance, "d", { userData: { [SECRET_SIG_KEY]: SECRET_SIG, value: script } })).userData;
        assert.deepEqual(secret, { known: true, value: script, secret: true });
    });

    it("a known user data decides even when the other form is unknown; both open is unknown at userData", () => {
        assert.equal(settingsOf(res(AwsTypes.Instance, "a", { userData: UNKNOWN_SENTINEL, userDataBase64: Buffer.from("TMOUT=1").toString("base64") })).userData.known, true);
        const open = settingsOf(res(AwsTypes.Instance, "b", { userData: UNKNOWN_SENTINEL, userDataBase64: UNKNOWN_SENTINEL })).userData;
        assert.deepEqual(open.known ? undefined : open.at?.path, ["userData"]);
    });

    it("lists template EBS mappings, leaves instance store out, and says where an unknown device is", () => {
        const lt = settingsOf(res(AwsTypes.LaunchTemplate, "lt", {
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }, { deviceName: "/dev/sdb", virtualName: "ephemeral0" }, { ebs: UNKNOWN_SENTINEL }],
        }));
        assert.ok(lt.devices.known);
        const [first, second] = lt.devices.value;
        assert.deepEqual(first, { known: true, value: { where: "blockDeviceMappings[0].ebs", encrypted: { known: true, value: true, secret: false } }, secret: false });
        assert.deepEqual(second.known ? undefined : second.at?.path, ["blockDeviceMappings", "2", "ebs"]);
        assert.equal(lt.devices.value.length, 2);
    });

    it("root device, metadata options and the launch template block of an instance", () => {
        const s = settingsOf(res(AwsTypes.Instance, "i", { rootBlockDevice: { encrypted: false }, metadataOptions: { httpTokens: "optional" }, launchTemplate: { id: "lt-1" } }));
        assert.deepEqual(s.rootDevice.known && s.rootDevice.value?.encrypted, { known: true, value: false, secret: false });
        assert.deepEqual(s.metadata.known && s.metadata.value?.httpTokens, { known: true, value: "optional", secret: false });
        assert.deepEqual(s.fromTemplate, { known: true, value: true, secret: false });
        const bare = settingsOf(res(AwsTypes.Instance, "j", { metadataOptions: UNKNOWN_SENTINEL }));
        assert.equal(bare.metadata.known, false);
        assert.deepEqual(bare.rootDevice, { known: true, value: undefined, secret: false });
    });

    it("standalone volumes, both type tokens", () => {
        const m = buildNetworkModel({ resources: [res(AwsTypes.EbsVolume, "v1", { encrypted: true }), res(AwsTypes.Volume, "v2", {})] });
        assert.deepEqual(m.volumes.map((v) => [v.name, v.device.encrypted.known && v.device.encrypted.value]), [["v1", true], ["v2", undefined]]);
    });

    it("a flow log links its VPC by id, a default VPC too, and an unknown id by its dependency", () => {
        const vpc = res(AwsTypes.Vpc, "vpc", {}, { id: "vpc-1", outputs: { id: "vpc-1" } });
        const dflt = res(AwsTypes.DefaultVpc, "default", {}, { id: "vpc-d", outputs: { id: "vpc-d" } });
        const byId = res(AwsTypes.FlowLog, "fl1", { vpcId: "vpc-d", trafficType: "REJECT" });
        const byDep = res(AwsTypes.FlowLog, "fl2", { vpcId: UNKNOWN_SENTINEL }, { propertyDependencies: { vpcId: [vpc.urn] } });
        const open = res(AwsTypes.FlowLog, "fl3", { vpcId: UNKNOWN_SENTINEL });
        const outside = res(AwsTypes.FlowLog, "fl4", { vpcId: "vpc-elsewhere" });
        const m = buildNetworkModel({ resources: [vpc, dflt, byId, byDep, open, outside] });
        const links = m.flowLogs.map((f) => [f.name, f.vpc.urns, f.vpc.external, f.vpc.unknown]);
        assert.deepEqual(links, [["fl1", [dflt.urn], [], false], ["fl2", [vpc.urn], [], false], ["fl3", [], [], true], ["fl4", [], ["vpc-elsewhere"], false]]);
        assert.deepEqual(m.flowLogs[0].trafficType, { known: true, value: "REJECT", secret: false });
    });
});
