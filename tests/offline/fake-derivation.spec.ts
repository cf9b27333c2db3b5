/** The derivations the offline mocks and the stand-in provider share (offline/fake-derivation.ts). */
import { strict as assert } from "node:assert";
import { Address4 } from "ip-address";
import { createFakeCloud } from "../../offline/fake-cloud";
import { fakeArn, fakeId, fakeInstanceAddresses, fakePublicIp, uniquePublicIp } from "../../offline/fake-derivation";

describe("fake derivations shared by the mocks and the stand-in provider", () => {
    it("ARNs carry AWS's resource-type segment for the EC2 types the pack matches on", () => {
        const id = fakeId("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r");
        assert.equal(fakeArn("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ap-northeast-2", id, {}), `arn:aws:ec2:ap-northeast-2:123456789012:security-group-rule/${id}`);
        assert.equal(fakeArn("aws:ec2/internetGateway:InternetGateway", "ap-northeast-2", "igw-1", {}), "arn:aws:ec2:ap-northeast-2:123456789012:internet-gateway/igw-1");
        assert.equal(fakeArn("aws:ec2/amiFromInstance:AmiFromInstance", "ap-northeast-2", "ami-1", {}), "arn:aws:ec2:ap-northeast-2::image/ami-1");
        assert.match(fakeArn("aws:lb/loadBalancer:LoadBalancer", "ap-northeast-2", "x", { name: "web-alb" }), /^arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer\/app\/web-alb\/[0-9a-f]{32}$/);
    });

    it("a public IP another name holds is not handed out twice", () => {
        // Two names that derive the same documentation address.
        assert.equal(fakePublicIp("tester-eip-nat-2a"), fakePublicIp("tester-eip-web-2a"));
        const held = new Map<string, string>();
        const claim = (name: string) => (ip: string) => {
            if (held.has(ip) && held.get(ip) !== name) return false;
            held.set(ip, name);
            return true;
        };
        const a = uniquePublicIp("tester-eip-nat-2a", claim("tester-eip-nat-2a"));
        const b = uniquePublicIp("tester-eip-web-2a", claim("tester-eip-web-2a"));
        assert.notEqual(a, b);
        assert.equal(uniquePublicIp("tester-eip-nat-2a", claim("tester-eip-nat-2a")), a, "the holder gets its own address again");
    });

    it("the mocks apply it too: two Elastic IPs of one run never share an address", () => {
        const cloud = createFakeCloud("ap-northeast-2", false);
        const nat = cloud.newResource("aws:ec2/eip:Eip", "tester-eip-nat-2a", { domain: "vpc" });
        const web = cloud.newResource("aws:ec2/eip:Eip", "tester-eip-web-2a", { domain: "vpc" });
        assert.notEqual(nat.state.publicIp, web.state.publicIp);
    });

    it("an instance's private IP is inside its subnet, past AWS's four reserved addresses", () => {
        const a = fakeInstanceAddresses({ name: "web", region: "ap-northeast-2", subnetCidr: "10.0.0.128/27" });
        assert.ok(new Address4(a.privateIp).isInSubnet(new Address4("10.0.0.128/27")));
        assert.ok(Number(a.privateIp.split(".")[3]) >= 132);
        assert.equal(a.privateDns, `ip-${a.privateIp.replace(/\./g, "-")}.ap-northeast-2.compute.internal`);
        assert.equal(a.publicIp, "");
    });
});
