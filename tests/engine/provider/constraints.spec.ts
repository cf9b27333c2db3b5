/**
 * Check refuses what AWS refuses at create time, naming the property and the API rule; our program's own
 * values pass (round-trip.spec.ts). Each row fails without the constraint it names.
 */
import { strict as assert } from "node:assert";
import { standIn, TYPICAL, urnOf } from "./stand-in-fixture";

const long = (n: number, c = "a") => c.repeat(n);
const doc = (size: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: long(size), Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });

/** [type, inputs changed from the typical ones, the property named, what the reason says]. */
const REFUSED: [string, Record<string, unknown>, string, RegExp][] = [
    ["aws:ec2/securityGroup:SecurityGroup", { description: "SSH from the operator's own address" }, "description", /contains "'".*CreateSecurityGroup/],
    ["aws:ec2/securityGroup:SecurityGroup", { description: long(256) }, "description", /256 characters; AWS allows at most 255/],
    ["aws:ec2/securityGroup:SecurityGroup", { description: "café" }, "description", /contains "é"/],
    ["aws:ec2/securityGroup:SecurityGroup", { name: "sg-web" }, "name", /starts with "sg-"/],
    ["aws:ec2/securityGroup:SecurityGroup", { name: "web|db" }, "name", /contains "\|"/],
    ["aws:ec2/securityGroup:SecurityGroup", { name: long(256) }, "name", /at most 255/],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { description: "SSH from the operator's own address" }, "description", /contains "'".*API_IpRange/],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { description: long(256) }, "description", /at most 255/],
    ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", { description: "out to \"anywhere\"" }, "description", /contains "\\""/],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { referencedSecurityGroupId: "sg-2" }, "referencedSecurityGroupId", /exactly one of/],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { cidrIpv4: undefined }, "cidrIpv4", /exactly one of.*got none/],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { cidrIpv4: "198.51.100.7/24" }, "cidrIpv4", /host bits/],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { cidrIpv4: "not-a-cidr" }, "cidrIpv4", /not an IPv4 CIDR/],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { fromPort: undefined, toPort: undefined }, "fromPort", /needs fromPort and toPort/],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { fromPort: 70000, toPort: 70000 }, "fromPort", /outside -1\.\.65535/],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { fromPort: 23, toPort: 22 }, "fromPort", /above toPort/],
    ["aws:ec2/vpc:Vpc", { tags: { "aws:owner": "me" } }, "tags.aws:owner", /starts with "aws:"/],
    ["aws:ec2/vpc:Vpc", { tags: { [long(128)]: "x" } }, `tags.${long(128)}`, /AWS allows at most 127.*API_Tag/],
    ["aws:ec2/vpc:Vpc", { tags: { Name: long(257) } }, "tags.Name", /at most 256/],
    ["aws:ec2/vpc:Vpc", { tags: Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, "v"])) }, "tags", /51 tags.*at most 50/],
    ["aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/29" }, "cidrBlock", /\/29; AWS allows \/16 to \/28/],
    ["aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/15" }, "cidrBlock", /\/15/],
    ["aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.1/24" }, "cidrBlock", /host bits set; write the network address 10\.0\.0\.0\/24/],
    ["aws:ec2/subnet:Subnet", { availabilityZone: "us-east-1a" }, "availabilityZone", /not an availability zone of ap-northeast-2/],
    ["aws:ec2/subnet:Subnet", { cidrBlock: "10.0.0.0/30" }, "cidrBlock", /\/30/],
    ["aws:ec2/keyPair:KeyPair", { keyName: "clé" }, "keyName", /contains "é".*ASCII/],
    ["aws:ec2/keyPair:KeyPair", { keyName: long(256) }, "keyName", /at most 255/],
    ["aws:ec2/keyPair:KeyPair", { publicKey: "ssh-ed25519 not-base64" }, "publicKey", /not a public key EC2 can parse/],
    ["aws:ec2/keyPair:KeyPair", { publicKey: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg= x" }, "publicKey", /ecdsa key; EC2 imports only RSA and ED25519/],
    ["aws:ec2/instance:Instance", { userData: long(16385) }, "userData", /16385 bytes.*16384/],
    ["aws:ec2/instance:Instance", { rootBlockDevice: { volumeType: "gp3", volumeSize: 0 } }, "rootBlockDevice.volumeSize", /outside 1\.\.16384/],
    ["aws:ec2/instance:Instance", { metadataOptions: { httpPutResponseHopLimit: 65 } }, "metadataOptions.httpPutResponseHopLimit", /outside 1\.\.64/],
    ["aws:ec2/eip:Eip", { domain: "classic" }, "domain", /not one of vpc, standard/],
    ["aws:ec2/flowLog:FlowLog", { trafficType: "SOME" }, "trafficType", /not one of ACCEPT, REJECT, ALL/],
    ["aws:ec2/amiFromInstance:AmiFromInstance", { name: "web:recovery" }, "name", /contains ":".*CreateImage/],
    ["aws:cloudwatch/logGroup:LogGroup", { name: "/mhson/vpc flow logs" }, "name", /contains " ".*CreateLogGroup/],
    ["aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 42 }, "retentionInDays", /42 is not a value AWS accepts.*PutRetentionPolicy/],
    ["aws:cloudwatch/logGroup:LogGroup", { tags: { Owner: "me & you" } }, "tags.Owner", /contains "&".*Logs tag value/],
    ["aws:iam/role:Role", { name: long(65) }, "name", /at most 64.*CreateRole/],
    ["aws:iam/role:Role", { name: "flow logs" }, "name", /contains " "/],
    ["aws:iam/role:Role", { path: "service-role" }, "path", /must be \/ or begin and end with \//],
    ["aws:iam/role:Role", { assumeRolePolicy: "{not json" }, "assumeRolePolicy", /MalformedPolicyDocument/],
    ["aws:iam/role:Role", { maxSessionDuration: 60 }, "maxSessionDuration", /outside 3600\.\.43200/],
    ["aws:iam/role:Role", { tags: { Team: "ops;dev" } }, "tags.Team", /contains ";".*IAM Tag Value/],
    ["aws:iam/policy:Policy", { policy: doc(6200) }, "policy", /IAM allows 6144/],
    ["aws:iam/policy:Policy", { description: "tab\u0007bell" }, "description", /contains/],
    ["aws:iam/rolePolicy:RolePolicy", { name: "write logs" }, "name", /PutRolePolicy/],
    ["aws:iam/group:Group", { name: "ops/admins" }, "name", /contains "\/".*CreateGroup/],
    ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { policyArn: "arn:aws:s3:::bucket" }, "policyArn", /not an IAM policy ARN/],
    ["aws:iam/groupMembership:GroupMembership", { users: ["alice", "bob smith"] }, "users[1]", /CreateUser/],
    ["aws:lb/loadBalancer:LoadBalancer", { name: long(33) }, "name", /at most 32/],
    ["aws:lb/loadBalancer:LoadBalancer", { name: "web-" }, "name", /must not begin or end with a hyphen/],
    ["aws:lb/loadBalancer:LoadBalancer", { name: "internal-web" }, "name", /starts with "internal-"/],
    ["aws:lb/loadBalancer:LoadBalancer", { subnets: ["subnet-1"] }, "subnets", /at least two Availability Zones/],
    ["aws:lb/targetGroup:TargetGroup", { name: "web_tg" }, "name", /contains "_"/],
    ["aws:lb/targetGroup:TargetGroup", { port: 0 }, "port", /outside 1\.\.65535/],
    ["aws:lb/listener:Listener", { port: 70000 }, "port", /outside 1\.\.65535/],
];

describe("stand-in provider: Check refuses what AWS refuses", () => {
    for (const [type, change, property, reason] of REFUSED) {
        it(`${type.split(":").pop()} ${property}: ${reason.source.slice(0, 50)}`, async () => {
            const inputs: Record<string, unknown> = { ...TYPICAL[type], ...change };
            for (const [k, v] of Object.entries(change)) if (v === undefined) delete inputs[k];
            const { failures = [] } = await standIn().provider.check(urnOf(type, "mhson-x"), {}, inputs);
            const hit = failures.find((f) => f.property === property);
            assert.ok(hit, `no failure on ${property}; got ${JSON.stringify(failures)}`);
            assert.match(hit.reason, reason);
        });
    }

    it("skips values a preview does not know yet", async () => {
        const { failures } = await standIn().provider.check(urnOf("aws:ec2/securityGroup:SecurityGroup", "web"), {}, { description: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", vpcId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        assert.deepEqual(failures, []);
    });

    it("checks the tags AWS receives: the provider's defaultTags merged with the resource's", async () => {
        const s = standIn("aws", { region: "ap-northeast-2", defaultTags: { "aws:project": "x" } });
        const { failures = [] } = await s.provider.check(urnOf("aws:ec2/vpc:Vpc", "vpc"), {}, TYPICAL["aws:ec2/vpc:Vpc"]);
        assert.deepEqual(failures.map((f) => f.property), ["tags"]);
        assert.match(failures[0].reason, /^the provider's defaultTags aws:project: "aws:project" starts with "aws:"/);
    });

    it("refuses an autoname longer than AWS allows, naming the fix", async () => {
        const { failures = [] } = await standIn().provider.check(urnOf("aws:lb/loadBalancer:LoadBalancer", "mhson-production-alb-web-2"), {}, TYPICAL["aws:lb/loadBalancer:LoadBalancer"]);
        assert.match(failures.find((f) => f.property === "name")?.reason ?? "", /longer than the 32 AWS allows; give the resource a shorter name or set name/);
    });
});
