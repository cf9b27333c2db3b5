import * as assert from "assert";
import { networkModel } from "../../../offline/artifacts/network-model";
import { portLabel } from "../../../offline/artifacts/admit-rules";
import { runStack } from "../../helpers/mocks";
import { fixtureSnapshot } from "../snapshot-fixtures";

for (const preview of [false, true]) {
    describe(`network model from a snapshot (${preview ? "preview: links through propertyDependencies" : "update: links through ids"})`, () => {
        const snapshot = fixtureSnapshot(preview);
        const model = networkModel(snapshot);
        const urn = (name: string) => snapshot.resources.find((r) => r.name === name)!.urn;

        it("places subnets in their VPC and hosts in their subnets", () => {
            assert.deepStrictEqual(model.subnets.map((s) => [s.label, s.vpcUrn, s.az, s.tier]), [
                ["fx-subnet-public-2a", urn("vpc"), "ap-northeast-2a", "public"],
                ["fx-subnet-admin-2c", urn("vpc"), "ap-northeast-2c", "admin"],
            ]);
            assert.deepStrictEqual(model.hosts.map((h) => [h.label, h.subnetUrn, h.sgUrns]), [
                ["fx-ec2-web-2a", urn("public-a"), [urn("sg-web")]],
                ["fx-ec2-bastion-2c", urn("admin-c"), [urn("sg-bastion")]],
            ]);
            assert.deepStrictEqual(model.hosts.map((h) => h.privateIp), preview ? [undefined, undefined] : ["10.0.0.10", "10.0.0.170"]);
        });

        it("resolves what each group admits: port and source", () => {
            const admits = model.admits.map((a) => [a.sgUrn, portLabel(a), a.source]);
            assert.deepStrictEqual(admits, [
                [urn("sg-web"), "tcp 8080", { kind: "cidr", cidr: "0.0.0.0/0" }],
                [urn("sg-web"), "tcp 22", { kind: "sg", sgUrn: urn("sg-bastion") }],
                [urn("sg-bastion"), "tcp 22", { kind: "cidr", cidr: "203.0.113.10/32" }],
            ]);
        });

        it("finds the gateways and the route to the internet gateway", () => {
            assert.deepStrictEqual(model.gateways.map((g) => [g.kind, g.label, g.vpcUrn ?? g.subnetUrn]), [
                ["igw", "fx-igw", urn("vpc")],
                ["nat", "fx-nat", urn("public-a")],
            ]);
            assert.deepStrictEqual(model.routes, [{ subnetUrn: urn("public-a"), gatewayUrn: urn("igw"), destination: "0.0.0.0/0" }]);
        });
    });
}

describe("port labels", () => {
    it("names single ports, ranges, all ports and all traffic", () => {
        assert.deepStrictEqual(
            [portLabel({ protocol: "tcp", fromPort: 22, toPort: 22 }), portLabel({ protocol: "tcp", fromPort: 1025, toPort: 65535 }), portLabel({ protocol: "udp", fromPort: 0, toPort: 65535 }), portLabel({ protocol: "-1" })],
            ["tcp 22", "tcp 1025-65535", "udp all ports", "all traffic"],
        );
    });
});

describe("network model of the dev stack in a preview (gateway ids unknown)", function () {
    this.timeout(120_000);
    it("still routes the internal subnet through the NAT gateway and the public ones through the internet gateway", async () => {
        const model = networkModel((await runStack("dev", { preview: true })).snapshot);
        const via = (tier: string) => {
            const subnet = model.subnets.find((s) => s.tier === tier)!;
            return model.routes.filter((r) => r.subnetUrn === subnet.urn).map((r) => model.gateways.find((g) => g.urn === r.gatewayUrn)?.kind);
        };
        assert.deepStrictEqual(via("internal"), ["nat"]);
        assert.deepStrictEqual(via("admin"), ["igw"]);
    });
});
