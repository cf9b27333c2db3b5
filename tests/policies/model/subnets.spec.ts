/**
 * Every way the model decides a subnet's tier: the Tier tag (own, or the provider's defaultTags), else
 * the route table it uses (explicit association, MainRouteTableAssociation, DefaultRouteTable, the main
 * table AWS creates) reaching an internet gateway — inline or standalone routes, any destination — or a
 * default route through an inspection endpoint that the gateway's edge table routes the subnet back
 * through. After an update and in a preview.
 */
import { strict as assert } from "assert";
import { ModelOptions, Verdict, buildNetworkModel } from "../../../policies/model";
import { Builder, TY, link } from "../reachability/network-fixture";
import { UNKNOWN } from "../../../offline/snapshot";

const T = {
    ...TY,
    defaultRt: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    vpce: "aws:ec2/vpcEndpoint:VpcEndpoint",
};
const vpc = link("vpcId", TY.vpc, "vpc");

function base(preview: boolean, tags: Record<string, string> = {}): Builder {
    const b = new Builder(preview);
    b.add(TY.vpc, "vpc", { cidrBlock: "10.0.0.0/16" });
    b.add(TY.subnet, "s", { cidrBlock: "10.0.1.0/24", tags }, [vpc]);
    b.add(TY.igw, "igw", {}, [vpc]);
    b.add(TY.eip, "eip", {});
    b.add(TY.nat, "nat", {}, [link("subnetId", TY.subnet, "s"), link("allocationId", TY.eip, "eip")]);
    return b;
}

/** A table with inline routes to `target` (`igw`, `nat`, ...), associated with subnet `s` unless `associate` is false. */
function table(b: Builder, name: string, routes: { cidr: string; to: string; prop: string; type: string }[], associate = true, type: string = TY.rt): void {
    b.add(type, name, { routes: routes.map((r) => ({ cidrBlock: r.cidr, [r.prop]: b.idOf(r.to) })) }, [vpc, ...routes.map((r) => link("routes", r.type, r.to, { nested: true }))]);
    if (associate) b.add(TY.rta, `${name}-rta`, {}, [link("subnetId", TY.subnet, "s"), link("routeTableId", type, name)]);
}
const toIgw = (cidr = "0.0.0.0/0") => ({ cidr, to: "igw", prop: "gatewayId", type: TY.igw });
const toNat = { cidr: "0.0.0.0/0", to: "nat", prop: "natGatewayId", type: TY.nat };

interface Case {
    what: string;
    tags?: Record<string, string>;
    options?: ModelOptions;
    add?: (b: Builder) => void;
    internal: Verdict;
    decidedBy: "tag" | "routes" | "none";
}

const cases: Case[] = [
    { what: "Tier tag internal", tags: { Tier: "internal" }, add: (b) => table(b, "rt", [toIgw()]), internal: "yes", decidedBy: "tag" },
    { what: "Tier tag public, whatever the routes", tags: { Tier: "public" }, add: (b) => table(b, "rt", [toNat]), internal: "no", decidedBy: "tag" },
    { what: "a configured tier key and internal tiers", tags: { Layer: "data" }, options: { tierTagKey: "Layer", internalTiers: ["data", "app"] }, internal: "yes", decidedBy: "tag" },
    { what: "untagged, its table routes 0.0.0.0/0 to an internet gateway", add: (b) => table(b, "rt", [toIgw()]), internal: "no", decidedBy: "routes" },
    { what: "untagged, a narrower route to an internet gateway still makes it public", add: (b) => table(b, "rt", [toIgw("1.0.0.0/8")]), internal: "no", decidedBy: "routes" },
    { what: "untagged, its table routes only to a NAT gateway", add: (b) => table(b, "rt", [toNat]), internal: "yes", decidedBy: "routes" },
    {
        what: "untagged, a standalone aws.ec2.Route to the internet gateway",
        add: (b) => {
            table(b, "rt", []);
            b.add(TY.route, "r", { destinationCidrBlock: "0.0.0.0/0" }, [link("routeTableId", TY.rt, "rt"), link("gatewayId", TY.igw, "igw")]);
        },
        internal: "no", decidedBy: "routes",
    },
    {
        what: "untagged, no association: the main table set by MainRouteTableAssociation",
        add: (b) => {
            table(b, "rt-main", [toIgw()], false);
            b.add(TY.mainRta, "main", {}, [vpc, link("routeTableId", TY.rt, "rt-main")]);
        },
        internal: "no", decidedBy: "routes",
    },
    { what: "untagged, no association: the VPC's DefaultRouteTable", add: (b) => table(b, "rt-default", [toIgw()], false, T.defaultRt), internal: "no", decidedBy: "routes" },
    { what: "untagged, no association, no main table here: AWS's main table has the local route only", internal: "yes", decidedBy: "routes" },
    {
        what: "untagged, a default route through an inspection endpoint the edge table sends the subnet back through",
        add: (b) => {
            b.add(T.vpce, "fw", { vpcEndpointType: "GatewayLoadBalancer" }, [vpc]);
            table(b, "rt", [{ cidr: "0.0.0.0/0", to: "fw", prop: "vpcEndpointId", type: T.vpce }]);
            b.add(TY.rt, "edge", { routes: [{ cidrBlock: "10.0.1.0/24", vpcEndpointId: b.idOf("fw") }] }, [vpc, link("routes", T.vpce, "fw", { nested: true })]);
            b.add(TY.rta, "edge-rta", {}, [link("gatewayId", TY.igw, "igw"), link("routeTableId", TY.rt, "edge")]);
        },
        internal: "no", decidedBy: "routes",
    },
    {
        what: "untagged, a default route through an endpoint that no edge table routes the subnet back through",
        add: (b) => {
            b.add(T.vpce, "fw", { vpcEndpointType: "GatewayLoadBalancer" }, [vpc]);
            table(b, "rt", [{ cidr: "0.0.0.0/0", to: "fw", prop: "vpcEndpointId", type: T.vpce }]);
        },
        internal: "yes", decidedBy: "routes",
    },
    { what: "untagged with the route heuristic off", options: { useRouteHeuristic: false }, add: (b) => table(b, "rt", [toNat]), internal: "no", decidedBy: "none" },
];

function subnetOf(b: Builder, options: ModelOptions = {}) {
    return buildNetworkModel(b.snapshot(), options).subnets.find((s) => s.name === "s")!;
}

describe("model subnets: every tier rule", () => {
    for (const preview of [false, true]) {
        for (const c of cases) {
            it(`${c.what}${preview ? " (preview)" : ""}`, () => {
                const b = base(preview, c.tags);
                c.add?.(b);
                const s = subnetOf(b, c.options);
                assert.deepEqual([s.tier.internal, s.tier.decidedBy], [c.internal, c.decidedBy]);
            });
        }
    }

    it("a DefaultRouteTable adopts its VPC's main table (by the VPC's defaultRouteTableId)", () => {
        const b = base(false);
        b.get("vpc").outputs.defaultRouteTableId = "rtb-main";
        b.add(T.defaultRt, "rt-default", { defaultRouteTableId: "rtb-main", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: b.idOf("igw") }] });
        const s = subnetOf(b);
        assert.deepEqual([s.tier.internal, s.routeTable.kind === "table" && s.routeTable.main], ["no", true]);
    });

    it("a subnet whose VPC is outside the snapshot: no claim", () => {
        const b = new Builder(false);
        b.add(TY.subnet, "s", { cidrBlock: "10.0.1.0/24", vpcId: "vpc-0outside" });
        const s = subnetOf(b);
        assert.deepEqual([s.tier.internal, s.routeTable.kind], ["no", "outside"]);
    });

    it("in a preview, an association nothing resolves leaves the tier unknown, and so does an unknown Tier tag", () => {
        const b = base(true);
        table(b, "rt", [toNat]);
        b.get("rt-rta").propertyDependencies = {};
        assert.equal(subnetOf(b).tier.internal, "unknown");
        const tagged = base(true);
        tagged.get("s").outputs.tags = UNKNOWN;
        tagged.get("s").inputs.tags = UNKNOWN;
        tagged.get("s").outputs.tagsAll = UNKNOWN;
        assert.equal(subnetOf(tagged).tier.internal, "unknown");
    });

    it("a Tier that arrives only through the provider's defaultTags counts", () => {
        const b = base(false);
        table(b, "rt", [toIgw()]);
        const provider = "urn:pulumi:dev::bastion-network::pulumi:providers:aws::tiered";
        b.resources.push({ urn: provider, type: "pulumi:providers:aws", name: "tiered", custom: true, inputs: { defaultTags: JSON.stringify({ tags: { Tier: "internal" } }) }, outputs: {}, dependencies: [], propertyDependencies: {} });
        b.get("s").provider = `${provider}::p-id`;
        assert.deepEqual([subnetOf(b).tier.internal, subnetOf(b).tier.decidedBy], ["yes", "tag"]);
    });
});
