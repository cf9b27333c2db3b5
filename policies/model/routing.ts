/**
 * Route tables and where they lead: inline `routes` of `aws.ec2.RouteTable` / `DefaultRouteTable` and
 * standalone `aws.ec2.Route`s read alike; which table a subnet uses (its explicit association, else its
 * VPC's main table, else the main table AWS creates with the local route only); and the gateway's edge
 * table, whose routes back through an inspection endpoint make a subnet's default route through that
 * endpoint a way to the internet.
 */
import { AwsTypes, INSPECTION_ENDPOINT_TYPES, ROUTE_TABLE_TYPES, VPC_TYPES } from "./aws-types";
import { ModelContext } from "./context";
import { block } from "./ipv4-block";
import { declared, prop, readValue } from "./resource-index";
import { ModelResource } from "./snapshot";
import { Route, RouteTable, RouteTarget, SubnetRouteTable } from "./types";
import { Read, UNK, known, list, record, str, unknown } from "./wire";

const OTHER_TARGETS = ["transitGatewayId", "vpcPeeringConnectionId", "networkInterfaceId", "egressOnlyGatewayId", "carrierGatewayId", "localGatewayId", "coreNetworkArn"];
const TARGET_FIELDS = ["gatewayId", "natGatewayId", "vpcEndpointId", ...OTHER_TARGETS];

export class Routing {
    readonly tables: RouteTable[] = [];
    private readonly tableByUrn = new Map<string, RouteTable>();
    /** Standalone routes by the table (or, for `vpc.defaultRouteTableId`, the VPC) they name. */
    private readonly standalone = new Map<string, Route[]>();
    private readonly explicit = new Map<string, RouteTable>();
    private readonly mainByVpc = new Map<string, RouteTable>();
    private unresolvedAssociation = false;
    /** Destinations the gateway's edge table sends back through an inspection endpoint. */
    readonly edgeCidrs: string[] = [];
    edgeUnknown = false;

    constructor(private readonly c: ModelContext) {
        const idx = c.idx;
        for (const r of idx.ofType(AwsTypes.Route)) {
            const f: Record<string, unknown> = {};
            for (const k of TARGET_FIELDS) f[k] = prop(r, k);
            const route = this.route(r, undefined, f, prop(r, "destinationCidrBlock"), prop(r, "destinationIpv6CidrBlock"));
            for (const t of idx.ref(r, "routeTableId", [...ROUTE_TABLE_TYPES, ...VPC_TYPES]).found) this.standalone.set(t.urn, [...(this.standalone.get(t.urn) ?? []), route]);
        }
        for (const t of idx.ofType(...ROUTE_TABLE_TYPES)) {
            const table: RouteTable = Object.assign(c.entity(t), { vpc: c.ref(t, "vpcId", VPC_TYPES), routes: this.routesOf(t), isDefault: t.type === AwsTypes.DefaultRouteTable });
            this.tables.push(table);
            this.tableByUrn.set(t.urn, table);
        }
        for (const a of idx.ofType(AwsTypes.RouteTableAssociation)) this.association(a);
        for (const m of idx.ofType(AwsTypes.MainRouteTableAssociation)) {
            const vpc = idx.ref(m, "vpcId", VPC_TYPES);
            const table = idx.ref(m, "routeTableId", ROUTE_TABLE_TYPES);
            if (vpc.found.length === 1 && table.found.length === 1) this.mainByVpc.set(vpc.found[0].urn, this.tableByUrn.get(table.found[0].urn)!);
            else this.unresolvedAssociation ||= vpc.unknown || table.unknown;
        }
        for (const d of idx.ofType(AwsTypes.DefaultRouteTable)) {
            // A DefaultRouteTable adopts the VPC's main table (`defaultRouteTableId` comes from the VPC).
            const vpc = idx.ref(d, "defaultRouteTableId", VPC_TYPES).found[0] ?? idx.ref(d, "vpcId", VPC_TYPES).found[0] ?? this.vpcByMainId(str(prop(d, "defaultRouteTableId")));
            if (vpc && !this.mainByVpc.has(vpc.urn)) this.mainByVpc.set(vpc.urn, this.tableByUrn.get(d.urn)!);
        }
        for (const rt of idx.ofType(AwsTypes.RouteTable)) {
            const vpc = this.vpcByMainId(str(prop(rt, "id")));
            if (vpc && !this.mainByVpc.has(vpc.urn)) this.mainByVpc.set(vpc.urn, this.tableByUrn.get(rt.urn)!);
        }
    }

    /** VPCs by the id of their main table (`mainRouteTableId` / `defaultRouteTableId`), indexed on first use. */
    private vpcsByMainId?: Map<string, ModelResource>;

    private vpcByMainId(id: unknown): ModelResource | undefined {
        if (typeof id !== "string") return undefined;
        if (!this.vpcsByMainId) {
            this.vpcsByMainId = new Map();
            for (const v of this.c.idx.ofType(...VPC_TYPES)) {
                for (const key of ["mainRouteTableId", "defaultRouteTableId"]) {
                    const main = str(prop(v, key));
                    if (typeof main === "string" && !this.vpcsByMainId.has(main)) this.vpcsByMainId.set(main, v);
                }
            }
        }
        return this.vpcsByMainId.get(id);
    }

    private association(a: ModelResource): void {
        const idx = this.c.idx;
        const table = idx.ref(a, "routeTableId", ROUTE_TABLE_TYPES);
        const gw = str(prop(a, "gatewayId"));
        if (gw !== undefined) {
            // An edge association: what the internet gateway's table sends back through an endpoint.
            if (table.found.length !== 1) this.edgeUnknown = true;
            else this.collectEdge(this.tableByUrn.get(table.found[0].urn)!);
        }
        const subnet = idx.ref(a, "subnetId", [AwsTypes.Subnet]);
        if (subnet.found.length !== 1 || table.found.length !== 1) {
            this.unresolvedAssociation ||= subnet.unknown || table.unknown;
            return;
        }
        if (!this.explicit.has(subnet.found[0].urn)) this.explicit.set(subnet.found[0].urn, this.tableByUrn.get(table.found[0].urn)!);
    }

    private collectEdge(t: RouteTable): void {
        if (!t.routes.known) {
            this.edgeUnknown = true;
            return;
        }
        for (const r of t.routes.value) {
            if (r.target.kind !== "endpoint" && !r.target.could?.includes("endpoint")) continue;
            if (r.target.kind !== "endpoint") this.edgeUnknown = true;
            if (!r.destination.known) this.edgeUnknown = true;
            else if (r.destination.value) this.edgeCidrs.push(r.destination.value);
        }
    }

    /** Inline routes and the standalone routes naming the table; unknown when the inline list is. */
    private routesOf(t: ModelResource): Read<Route[]> {
        const inline = list(declared(t, "routes"));
        if (inline === UNK) return unknown("preview", { urn: t.urn, path: ["routes"] });
        const routes: Route[] = [];
        for (const [i, raw] of inline.entries()) {
            const f = record(raw);
            if (f === UNK) return unknown("preview", { urn: t.urn, path: ["routes", String(i)] });
            routes.push(this.route(t, `routes[${i}]`, f, f.cidrBlock, f.ipv6CidrBlock));
        }
        routes.push(...(this.standalone.get(t.urn) ?? []));
        return known(routes);
    }

    private route(holder: ModelResource, inline: string | undefined, f: Record<string, unknown>, dest: unknown, dest6: unknown): Route {
        const depKey = (field: string) => (inline ? "routes" : field);
        const fields = { ...f };
        if (!inline) {
            for (const k of TARGET_FIELDS) if (fields[k] === undefined && (holder.propertyDependencies?.[k] ?? []).length > 0) fields[k] = UNK;
        }
        const d = str(dest);
        return {
            urn: holder.urn,
            inline,
            destination: readValue(d === UNK ? dest : d, str, { urn: holder.urn, path: [inline ?? "destinationCidrBlock"] }),
            destinationIpv6: readValue(dest6, str, { urn: holder.urn, path: [inline ?? "destinationIpv6CidrBlock"] }),
            block: typeof d === "string" ? block(d) : undefined,
            target: this.target(holder, depKey, fields),
        };
    }

    private target(holder: ModelResource, depKey: (field: string) => string, f: Record<string, unknown>): RouteTarget {
        const idx = this.c.idx;
        const label = (r: ModelResource) => this.c.label(r);
        const nat = str(f.natGatewayId);
        if (nat !== undefined) {
            const hit = typeof nat === "string" ? idx.withId(nat, [AwsTypes.NatGateway]) : idx.dependencies(holder, depKey("natGatewayId"), [AwsTypes.NatGateway])[0];
            return { kind: "nat", label: hit ? `${label(hit)} (NAT gateway)` : typeof nat === "string" ? `${nat} (NAT gateway)` : "a NAT gateway", urn: hit?.urn };
        }
        const gw = str(f.gatewayId);
        if (gw === "local") return { kind: "local", label: "local" };
        if (typeof gw === "string") {
            const hit = idx.withId(gw, [AwsTypes.InternetGateway]) ?? (depKey("gatewayId") === "gatewayId" ? idx.dependencies(holder, "gatewayId", [AwsTypes.InternetGateway])[0] : undefined);
            if (hit || gw.startsWith("igw-")) return { kind: "igw", label: `${hit ? label(hit) : gw} (internet gateway)`, urn: hit?.urn };
            return { kind: "other", label: gw };
        }
        if (gw === UNK) {
            const deps = (holder.propertyDependencies?.[depKey("gatewayId")] ?? []).map((u) => idx.get(u)).filter((r): r is ModelResource => r !== undefined);
            // Of the dependencies, only gateways can be a `gatewayId` (inline routes share theirs with
            // NAT gateways, transit gateways... of other routes): internet gateways alone decide it.
            const igws = deps.filter((r) => r.type === AwsTypes.InternetGateway);
            const vpn = deps.some((r) => r.type === AwsTypes.VpnGateway);
            if (igws.length > 0 && !vpn) return { kind: "igw", label: `${label(igws[0])} (internet gateway)`, urn: igws[0].urn };
            return { kind: "unknown", label: "a gateway not known yet", could: ["igw"] };
        }
        const ep = str(f.vpcEndpointId);
        if (ep !== undefined) {
            const hit = typeof ep === "string" ? idx.withId(ep, INSPECTION_ENDPOINT_TYPES) : idx.dependencies(holder, depKey("vpcEndpointId"), INSPECTION_ENDPOINT_TYPES)[0];
            if (typeof ep === "string" || hit) return { kind: "endpoint", label: hit ? `${label(hit)} (VPC endpoint)` : (ep as string), urn: hit?.urn };
            return { kind: "unknown", label: "vpcEndpoint", could: ["endpoint"] };
        }
        for (const k of OTHER_TARGETS) {
            const v = str(f[k]);
            if (v !== undefined) return { kind: "other", label: typeof v === "string" ? v : k.replace(/Id$|Arn$/, "") };
        }
        return { kind: "none", label: "no target" };
    }

    /** The table a subnet uses, or why it is not known. */
    tableOf(subnet: ModelResource, vpcUrn: string | undefined): SubnetRouteTable {
        const explicit = this.explicit.get(subnet.urn);
        if (explicit) return { kind: "table", urn: explicit.urn, main: false };
        if (this.unresolvedAssociation) return { kind: "unknown", why: `which route table ${this.c.label(subnet)} uses is not known yet` };
        if (!vpcUrn) return { kind: "outside", why: `${this.c.label(subnet)} has no explicit route table and its VPC's main table is not in the snapshot` };
        const main = this.mainByVpc.get(vpcUrn);
        if (main) return { kind: "table", urn: main.urn, main: true };
        return { kind: "implicit-main", vpcUrn, routes: this.standalone.get(vpcUrn) ?? [] };
    }

    table(urn: string): RouteTable | undefined {
        return this.tableByUrn.get(urn);
    }

    /** The routes of what a subnet uses: a table's, or (the implicit main table) those naming the VPC. */
    routes(t: SubnetRouteTable): Read<Route[]> | undefined {
        if (t.kind === "table") return this.tableByUrn.get(t.urn)?.routes;
        if (t.kind === "implicit-main") return known(t.routes);
        return undefined;
    }
}

