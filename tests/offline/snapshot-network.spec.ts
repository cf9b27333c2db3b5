import * as assert from "assert";
import { networkOf, operatorCidrsOf } from "../../offline/snapshot-network";
import { resource, snapshot, T } from "../helpers/harness";

/** A bastion group, a group made a bastion's by its host, and a web group, with rules of every form. */
function network() {
    const bastion = resource(T.SecurityGroup, "sg-bastion", {
        tags: { Role: "bastion" },
        ingress: [
            { protocol: "tcp", fromPort: 20, toPort: 30, cidrBlocks: ["192.0.2.0/24", "0.0.0.0/0"], ipv6CidrBlocks: ["2001:db8::/64"] },
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["203.0.113.20/32"] },
        ],
    }, { id: "sg-b" });
    const jump = resource(T.SecurityGroup, "sg-jump", {}, { id: "sg-j" });
    const web = resource(T.SecurityGroup, "sg-web", { tags: { Role: "web" } }, { id: "sg-w" });
    return snapshot([
        bastion, jump, web,
        resource(T.IngressRule, "bastion-ssh", { securityGroupId: "sg-b", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "203.0.113.10/32" }),
        resource(T.SecurityGroupRule, "bastion-all", { type: "ingress", securityGroupId: "sg-b", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["198.51.100.0/28"] }),
        resource(T.IngressRule, "jump-ssh", { securityGroupId: "sg-j", ipProtocol: "6", fromPort: 22, toPort: 22, cidrIpv4: "198.51.100.77/32" }),
        resource(T.IngressRule, "web-ssh", { securityGroupId: "sg-w", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "198.51.100.5/32" }),
        resource(T.Instance, "jump-host", { tags: { Role: "bastion" }, vpcSecurityGroupIds: ["sg-j"] }, { id: "i-j" }),
        resource(T.Instance, "web-host", { tags: { Role: "web" }, vpcSecurityGroupIds: ["sg-w"] }, { id: "i-w" }),
    ]);
}

describe("offline/snapshot-network", () => {
    it("names as operator ranges what the bastion's groups admit SSH from: every rule form, by the group's Role or its host's", () => {
        assert.deepStrictEqual(operatorCidrsOf(networkOf(network())).sort(), ["192.0.2.0/24", "198.51.100.0/28", "198.51.100.77/32", "203.0.113.10/32"]);
    });

    it("leaves out the whole internet, IPv6, other ports and other groups' ranges", () => {
        const ranges = operatorCidrsOf(networkOf(network()));
        for (const not of ["0.0.0.0/0", "2001:db8::/64", "203.0.113.20/32", "198.51.100.5/32"]) assert.ok(!ranges.includes(not), not);
    });

    it("builds one model per snapshot: the same object for the same resources, a new one for changed resources", () => {
        const s = network();
        assert.strictEqual(networkOf(s), networkOf({ ...s }));
        assert.notStrictEqual(networkOf(s), networkOf({ ...s, resources: [...s.resources] }));
    });
});
