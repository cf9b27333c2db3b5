/**
 * Diff: a change AWS cannot make in place replaces the resource (the Terraform AWS provider's ForceNew /
 * RequiresReplace), any other change updates it, and nothing else is a change.
 */
import { strict as assert } from "node:assert";
import { UNKNOWN } from "../../../engine/provider/wire";
import { createChecked, standIn, TYPICAL } from "./stand-in-fixture";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const INSTANCE = "aws:ec2/instance:Instance";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const KEY = "aws:ec2/keyPair:KeyPair";

/** [type, changed inputs, the replaced properties ([] = an in-place update)]. */
const CASES: [string, Record<string, unknown>, string[]][] = [
    [INSTANCE, { ami: "ami-0123456789abcdef0" }, ["ami"]],
    [INSTANCE, { subnetId: "subnet-2" }, ["subnetId"]],
    [INSTANCE, { associatePublicIpAddress: true }, ["associatePublicIpAddress"]],
    [INSTANCE, { availabilityZone: "ap-northeast-2c" }, ["availabilityZone"]],
    [INSTANCE, { keyName: "other-key" }, ["keyName"]],
    [INSTANCE, { privateIp: "10.0.0.9" }, ["privateIp"]],
    [INSTANCE, { userData: "#cloud-config\nruncmd: []\n" }, []],
    [INSTANCE, { userData: "#cloud-config\nruncmd: []\n", userDataReplaceOnChange: true }, ["userData"]],
    [INSTANCE, { instanceType: "t3.large" }, []],
    [INSTANCE, { vpcSecurityGroupIds: ["sg-2"] }, []],
    [INSTANCE, { rootBlockDevice: { volumeType: "gp3", volumeSize: 40, encrypted: true, deleteOnTermination: true } }, []],
    [INSTANCE, { rootBlockDevice: { volumeType: "gp3", volumeSize: 30, encrypted: false, deleteOnTermination: true } }, ["rootBlockDevice"]],
    [INSTANCE, { metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: 1 } }, []],
    [SUBNET, { cidrBlock: "10.0.0.64/26" }, ["cidrBlock"]],
    [SUBNET, { vpcId: "vpc-2" }, ["vpcId"]],
    [SUBNET, { availabilityZone: "ap-northeast-2c" }, ["availabilityZone"]],
    [SUBNET, { mapPublicIpOnLaunch: true }, []],
    [VPC, { cidrBlock: "10.1.0.0/24" }, ["cidrBlock"]],
    [VPC, { enableDnsHostnames: false }, []],
    [SG, { description: "Bastion: SSH from one address" }, ["description"]],
    [SG, { vpcId: "vpc-2" }, ["vpcId"]],
    [SG, { name: "mhson-sg-bastion" }, ["name"]],
    [SG, { tags: { Name: "renamed" } }, []],
    [INGRESS, { securityGroupId: "sg-2" }, ["securityGroupId"]],
    [INGRESS, { description: "SSH from the operator" }, []],
    [INGRESS, { fromPort: 2222, toPort: 2222 }, []],
    [INGRESS, { cidrIpv4: "198.51.100.8/32" }, []],
    [INGRESS, { cidrIpv4: undefined, referencedSecurityGroupId: "sg-9" }, ["cidrIpv4", "referencedSecurityGroupId"]],
    [KEY, { publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOfflinePreviewPlaceholderKeyNotRealAAAAAAA x" }, ["publicKey"]],
    [KEY, { keyName: "mhson-key-2" }, ["keyName"]],
    ["aws:ec2/eip:Eip", { domain: "standard" }, ["domain"]],
    ["aws:ec2/eip:Eip", { instance: "i-2" }, []],
    ["aws:ec2/natGateway:NatGateway", { subnetId: "subnet-2" }, ["subnetId"]],
    ["aws:ec2/natGateway:NatGateway", { allocationId: "eipalloc-2" }, ["allocationId"]],
    ["aws:ec2/routeTable:RouteTable", { routes: [] }, []],
    ["aws:ec2/routeTable:RouteTable", { vpcId: "vpc-2" }, ["vpcId"]],
    ["aws:ec2/routeTableAssociation:RouteTableAssociation", { routeTableId: "rtb-2" }, []],
    ["aws:ec2/routeTableAssociation:RouteTableAssociation", { subnetId: "subnet-2" }, ["subnetId"]],
    ["aws:ec2/flowLog:FlowLog", { trafficType: "REJECT" }, ["trafficType"]],
    ["aws:ec2/flowLog:FlowLog", { tags: { Name: "x" } }, []],
    ["aws:cloudwatch/logGroup:LogGroup", { name: "/mhson/other" }, ["name"]],
    ["aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 365 }, []],
    ["aws:iam/role:Role", { name: "mhson-role" }, ["name"]],
    ["aws:iam/role:Role", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Principal: "*" }] }) }, []],
    ["aws:iam/policy:Policy", { description: "changed" }, ["description"]],
    ["aws:iam/policy:Policy", { policy: JSON.stringify({ Version: "2012-10-17" }) }, []],
    ["aws:iam/rolePolicy:RolePolicy", { role: "other-role" }, ["role"]],
    ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { group: "other" }, ["group"]],
    ["aws:iam/group:Group", { name: "renamed-group" }, []],
    ["aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint", { preserveClientIp: true }, ["preserveClientIp"]],
    ["aws:lb/targetGroup:TargetGroup", { port: 8081 }, ["port"]],
    ["aws:lb/listener:Listener", { port: 8443 }, []],
    ["aws:lb/listener:Listener", { loadBalancerArn: "arn:lb2" }, ["loadBalancerArn"]],
];

describe("stand-in provider: Diff", () => {
    for (const [type, change, replaces] of CASES) {
        const what = `${type.split(":").pop()} ${Object.keys(change).join("+")}`;
        it(`${what}: ${replaces.length ? `replaces (${replaces.join(", ")})` : "updates in place"}`, async () => {
            const s = standIn();
            const r = await createChecked(s, type, "mhson-x", TYPICAL[type]);
            const news = (await s.provider.check(r.urn, r.inputs, { ...TYPICAL[type], ...change })).inputs as Record<string, unknown>;
            for (const [k, v] of Object.entries(change)) if (v === undefined) delete news[k];
            const diff = await s.provider.diff(r.id, r.urn, r.outs, news);
            assert.equal(diff.changes, true);
            assert.deepEqual([...(diff.replaces ?? [])].sort(), [...replaces].sort());
        });
    }

    it("an unknown value (preview) in a replacing property replaces; in another, updates", async () => {
        const s = standIn();
        const r = await createChecked(s, INSTANCE, "web", TYPICAL[INSTANCE]);
        assert.deepEqual((await s.provider.diff(r.id, r.urn, r.outs, { ...r.inputs, subnetId: UNKNOWN })).replaces, ["subnetId"]);
        const typeChange = await s.provider.diff(r.id, r.urn, r.outs, { ...r.inputs, instanceType: UNKNOWN });
        assert.deepEqual([typeChange.changes, typeChange.replaces], [true, []]);
    });

    it("a removed input is a change; a computed output left out of the inputs is not", async () => {
        const s = standIn();
        const r = await createChecked(s, INSTANCE, "web", TYPICAL[INSTANCE]);
        const { volumeTags: _dropped, ...rest } = r.inputs;
        assert.equal((await s.provider.diff(r.id, r.urn, r.outs, rest)).changes, true);
        const { keyName: _computed, ...withoutKey } = r.inputs;
        assert.equal((await s.provider.diff(r.id, r.urn, r.outs, withoutKey)).changes, false, "keyName is Optional+Computed");
    });

    it("changed provider defaultTags update tagsAll in place", async () => {
        const s = standIn();
        const r = await createChecked(s, VPC, "mhson-vpc", TYPICAL[VPC]);
        s.settings.defaultTags = { ...s.settings.defaultTags, Environment: "prod" };
        const diff = await s.provider.diff(r.id, r.urn, r.outs, r.inputs);
        assert.deepEqual([diff.changes, diff.replaces], [true, []]);
    });

    it("a replaced resource with a fixed name is deleted before its replacement; an autonamed one is not", async () => {
        const s = standIn();
        const named = await createChecked(s, SG, "web", { ...TYPICAL[SG], name: "mhson-web" });
        const d1 = await s.provider.diff(named.id, named.urn, named.outs, { ...named.inputs, description: "other" });
        assert.equal(d1.deleteBeforeReplace, true);
        const auto = await createChecked(s, SG, "db", TYPICAL[SG]);
        const d2 = await s.provider.diff(auto.id, auto.urn, auto.outs, { ...auto.inputs, description: "other" });
        assert.deepEqual([d2.replaces, d2.deleteBeforeReplace], [["description"], false]);
    });
});
