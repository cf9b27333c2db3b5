/**
 * Route targets classified once (internet gateway by id, by an `igw-` id outside the snapshot or by a
 * preview's dependency; NAT; local; inspection endpoint; other gateways; unknown), which table a subnet
 * uses, and network ACL entries (inline and rule resources, sorted; which ACL a subnet uses).
 */
import { strict as assert } from "assert";
import { NaclEntry, Read, RouteTargetKind, buildNetworkModel } from "../../../policies/model";
import { Builder, TY, link, urn } from "../reachability/network-fixture";
import { UNKNOWN } from "../../../offline/snapshot";

const vpc = link("vpcId", TY.vpc, "vpc");

function base(preview: boolean): Builder {
    const b = new Builder(preview);
    b.add(TY.vpc, "vpc", { cidrBlock: "10.0.0.0/16" });
    b.add(TY.subnet, "s", { cidrBlock: "10.0.1.0/24" }, [vpc]);
    b.add(TY.igw, "igw", {}, [vpc]);
    b.add(TY.eip, "eip", {});
    b.add(TY.nat, "nat", {}, [link("subnetId", TY.subnet, "s"), link("allocationId", TY.eip, "eip")]);
    b.add("aws:ec2/vpcEndpoint:VpcEndpoint", "vpce", {}, [vpc]);
    return b;
}

const targets: [string, (b: Builder) => Record<string, unknown>, string[], RouteTargetKind][] = [
    ["an internet gateway of the snapshot", (b) => ({ gatewayId: b.idOf("igw") }), ["igw"], "igw"],
    ["an internet gateway outside the snapshot (igw- id)", () => ({ gatewayId: "igw-0outside" }), [], "igw"],
    ["a NAT gateway", (b) => ({ natGatewayId: b.idOf("nat") }), ["nat"], "nat"],
    ["the local route", () => ({ gatewayId: "local" }), [], "local"],
    ["an inspection endpoint", (b) => ({ vpcEndpointId: b.idOf("vpce") }), ["vpce"], "endpoint"],
    ["a transit gateway", () => ({ transitGatewayId: "tgw-1" }), [], "other"],
    ["nothing at all", () => ({}), [], "none"],
];

describe("model route tables: targets and which table a subnet uses", () => {
    for (const preview of [false, true]) {
        for (const [what, fields, deps, kind] of targets) {
            it(`a route to ${what}${preview ? " (preview)" : ""}`, () => {
                const b = base(preview);
                const depType: Record<string, string> = { igw: TY.igw, nat: TY.nat, vpce: "aws:ec2/vpcEndpoint:VpcEndpoint" };
                b.add(TY.rt, "rt", { routes: [{ cidrBlock: "0.0.0.0/0", ...fields(b) }] }, [vpc, ...deps.map((d) => link("routes", depType[d], d, { nested: true }))]);
                b.add(TY.rta, "rta", {}, [link("subnetId", TY.subnet, "s"), link("routeTableId", TY.rt, "rt")]);
                const m = buildNetworkModel(b.snapshot());
                const routes = m.routeTables[0].routes;
                assert.ok(routes.known);
                assert.equal(routes.value[0].target.kind, kind, routes.value[0].target.label);
                assert.deepEqual(m.subnets[0].routeTable, { kind: "table", urn: urn(TY.rt, "rt"), main: false });
            });
        }
    }

    it("in a preview, an unknown gateway with no dependency that says which is unknown (it may be an internet gateway)", () => {
        const b = base(true);
        b.add(TY.route, "r", { destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, [link("routeTableId", TY.rt, "rt")]);
        b.add(TY.rt, "rt", {}, [vpc]);
        const routes = buildNetworkModel(b.snapshot()).routeTables[0].routes;
        assert.ok(routes.known);
        assert.deepEqual([routes.value[0].target.kind, routes.value[0].target.could], ["unknown", ["igw"]]);
    });

    it("a subnet without an association uses its VPC's main table, and says so", () => {
        const b = base(false);
        b.add(TY.rt, "main", { routes: [] }, [vpc]);
        b.add(TY.mainRta, "m", {}, [vpc, link("routeTableId", TY.rt, "main")]);
        assert.deepEqual(buildNetworkModel(b.snapshot()).subnets[0].routeTable, { kind: "table", urn: urn(TY.rt, "main"), main: true });
    });
});

const entries = (r: Read<NaclEntry[]>) => (r.known ? r.value.map((e) => `${e.ruleNo} ${e.allow ? "allow" : "deny"} ${e.traffic.protocol}${e.traffic.ports ? ` ${e.traffic.ports.from}-${e.traffic.ports.to}` : ""} ${e.cidr.known ? e.cidr.value : "?"}`) : "unknown");

describe("model network ACLs", () => {
    it("inline entries and NetworkAclRule resources, sorted by rule number, and the subnet's ACL", () => {
        const b = base(false);
        b.add(TY.nacl, "acl", {
            ingress: [{ ruleNo: 200, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }, { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "203.0.113.10/32" }],
            egress: [],
        }, [vpc, link("subnetIds", TY.subnet, "s", { list: true })]);
        b.add(TY.naclRule, "r", { ruleNumber: 50, egress: true, ruleAction: "allow", protocol: "6", fromPort: 1024, toPort: 65535, cidrBlock: "0.0.0.0/0" }, [link("networkAclId", TY.nacl, "acl")]);
        const m = buildNetworkModel(b.snapshot());
        assert.deepEqual([entries(m.networkAcls[0].ingress), entries(m.networkAcls[0].egress)], [["100 allow tcp 22-22 203.0.113.10/32", "200 deny all 0.0.0.0/0"], ["50 allow tcp 1024-65535 0.0.0.0/0"]]);
        assert.equal(m.subnets[0].networkAcl, urn(TY.nacl, "acl"));
    });

    it("a subnet with no ACL of its own uses the VPC's default (allow all); an unknown association leaves it unknown", () => {
        const b = base(true);
        assert.equal(buildNetworkModel(b.snapshot()).subnets[0].networkAcl, undefined);
        b.add(TY.nacl, "acl", {}, [vpc]);
        b.add("aws:ec2/networkAclAssociation:NetworkAclAssociation", "a", { subnetId: UNKNOWN, networkAclId: UNKNOWN });
        assert.equal(buildNetworkModel(b.snapshot()).subnets[0].networkAcl, "unknown");
    });
});
