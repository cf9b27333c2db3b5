/**
 * "Is this subnet internal?" — by its `Tier` tag, or, for stacks without our tags, by routing: a
 * subnet whose route table (explicitly associated, or else its VPC's main table) has no route to an
 * internet gateway. A default route through an inspection endpoint (Network Firewall, GWLB) counts as
 * internet when the gateway's edge route table sends the subnet's addresses back through an endpoint.
 * Built once per stack run; each question is then a map lookup.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AwsTypes } from "../model";
import { cidrSet, containsRange } from "../model/cidr-set";
import { Answer, tagWithDefaults } from "./group-role";
import { RouteView, defaultViaEndpoint, endpointDestinations, inlineRoutes, standaloneRoute, toInternetGateway } from "./route-targets";
import { asString } from "./shape";
import { StackIndex, ofType, resolveReference } from "./stack-index";
import { read } from "./unknowns";

export interface TierOptions {
    tierTagKey: string;
    internalTiers: readonly string[];
    useRouteHeuristic: boolean;
}

const tableTypes = [AwsTypes.RouteTable, AwsTypes.DefaultRouteTable];
const vpcTypes = [AwsTypes.Vpc, AwsTypes.DefaultVpc];

/** A route table as the routes that reach it: its inline routes and the standalone routes naming it. */
interface Table {
    routes: RouteView[];
    unknown: boolean;
}

export class SubnetTiers {
    private readonly tablesOf = new Map<string, Table[]>();
    private readonly standalone = new Map<string, RouteView[]>();
    /** Main table per VPC URN: a MainRouteTableAssociation's table, else the VPC's own (DefaultRouteTable). */
    private readonly mainOf = new Map<string, Table>();
    private readonly edgeCidrs: string[] = [];
    private edgeUnknown = false;
    private unresolvedAssociation = false;

    constructor(private readonly index: StackIndex, private readonly opts: TierOptions) {
        if (!opts.useRouteHeuristic) return;
        // Standalone routes, by the table (or the VPC, for vpc.defaultRouteTableId) they name.
        for (const r of ofType(index, AwsTypes.Route)) {
            const rt = resolveReference(index, r, "routeTableId", read(() => r.props.routeTableId), [...tableTypes, ...vpcTypes]);
            for (const c of rt.candidates) this.standalone.set(c.urn, [...(this.standalone.get(c.urn) ?? []), standaloneRoute(r)]);
        }
        for (const a of ofType(index, AwsTypes.RouteTableAssociation)) this.association(a);
        for (const m of ofType(index, AwsTypes.MainRouteTableAssociation)) {
            const vpc = resolveReference(index, m, "vpcId", read(() => m.props.vpcId), vpcTypes);
            const rt = resolveReference(index, m, "routeTableId", read(() => m.props.routeTableId), tableTypes);
            if (vpc.candidates.length === 1 && rt.candidates.length === 1) this.mainOf.set(vpc.candidates[0].urn, this.table(rt.candidates[0]));
            else if (vpc.unknown || rt.unknown) this.unresolvedAssociation = true;
        }
        for (const d of ofType(index, AwsTypes.DefaultRouteTable)) {
            const vpc = resolveReference(index, d, "defaultRouteTableId", read(() => d.props.defaultRouteTableId), vpcTypes);
            const byId = vpc.candidates.length === 0 ? this.vpcByMainTableId(d) : undefined;
            const owner = vpc.candidates.length === 1 ? vpc.candidates[0] : byId;
            if (owner && !this.mainOf.has(owner.urn)) this.mainOf.set(owner.urn, this.table(d));
        }
    }

    private vpcByMainTableId(d: PolicyResource): PolicyResource | undefined {
        const id = read(() => asString(d.props.defaultRouteTableId));
        if (!id.known || !id.value) return undefined;
        return ofType(this.index, ...vpcTypes).find((v) => ["defaultRouteTableId", "mainRouteTableId"].some((k) => {
            const own = read(() => v.props[k]);
            return own.known && own.value === id.value;
        }));
    }

    private association(a: PolicyResource): void {
        const rt = resolveReference(this.index, a, "routeTableId", read(() => a.props.routeTableId), tableTypes);
        const gw = read(() => a.props.gatewayId);
        const edge = !gw.known || (typeof gw.value === "string" && gw.value !== "");
        if (edge) {
            // An edge association: what the internet gateway's table sends back through an endpoint.
            if (rt.candidates.length !== 1) this.edgeUnknown = true;
            else this.collectEdge(rt.candidates[0]);
        }
        const subnet = resolveReference(this.index, a, "subnetId", read(() => a.props.subnetId), [AwsTypes.Subnet]);
        if (subnet.candidates.length !== 1 || rt.candidates.length !== 1) {
            this.unresolvedAssociation ||= subnet.unknown !== undefined || rt.unknown !== undefined;
            return;
        }
        const key = subnet.candidates[0].urn;
        this.tablesOf.set(key, [...(this.tablesOf.get(key) ?? []), this.table(rt.candidates[0])]);
    }

    private collectEdge(rt: PolicyResource): void {
        const t = this.table(rt);
        if (t.unknown) this.edgeUnknown = true;
        for (const route of t.routes) {
            const d = endpointDestinations(route);
            this.edgeCidrs.push(...d.cidrs);
            if (d.unknown) this.edgeUnknown = true;
        }
    }

    private table(rt: PolicyResource): Table {
        const inline = inlineRoutes(rt);
        return { routes: [...inline.routes, ...(this.standalone.get(rt.urn) ?? [])], unknown: inline.unknown };
    }

    /** Internet through an inspection endpoint: the edge table routes this subnet back through one. */
    private inspectedInternet(subnet: PolicyResource): Answer {
        const cidr = read(() => asString(subnet.props.cidrBlock));
        if (cidr.known && cidr.value && containsRange(cidrSet(this.edgeCidrs), cidr.value)) return "yes";
        return this.edgeUnknown || !cidr.known ? "unknown" : "no";
    }

    /** Does any of these tables lead to the internet for this subnet? */
    private public(subnet: PolicyResource, tables: Table[]): Answer {
        let unknown = false;
        for (const t of tables) {
            if (t.unknown) unknown = true;
            for (const route of t.routes) {
                const igw = toInternetGateway(this.index, route);
                if (igw === "yes") return "yes";
                const ep = defaultViaEndpoint(this.index, route);
                const inspected = ep === "no" ? "no" : this.inspectedInternet(subnet);
                if (ep === "yes" && inspected === "yes") return "yes";
                if (igw === "unknown" || (ep !== "no" && inspected !== "no")) unknown = true;
            }
        }
        return unknown ? "unknown" : "no";
    }

    /** The VPC's main table, or the VPC's implicit one (only routes naming the VPC reach it). */
    private mainTable(subnet: PolicyResource): Table | undefined {
        const vpc = resolveReference(this.index, subnet, "vpcId", read(() => subnet.props.vpcId), vpcTypes);
        if (vpc.candidates.length !== 1) return undefined;
        const owner = vpc.candidates[0];
        return this.mainOf.get(owner.urn) ?? { routes: this.standalone.get(owner.urn) ?? [], unknown: false };
    }

    isInternal(subnet: PolicyResource): Answer {
        // A Tier set only through the provider's defaultTags counts (a preview has no tagsAll yet).
        const tier = tagWithDefaults(subnet, this.opts.tierTagKey);
        if (!tier.known) return "unknown";
        if (tier.value !== undefined) return this.opts.internalTiers.includes(tier.value) ? "yes" : "no";
        if (!this.opts.useRouteHeuristic) return "no";
        const explicit = this.tablesOf.get(subnet.urn);
        if (!explicit && this.unresolvedAssociation) return "unknown";
        const tables = explicit ?? [this.mainTable(subnet)].filter((t): t is Table => t !== undefined);
        // A main table of a VPC outside the stack cannot be seen: no claim.
        if (tables.length === 0) return "no";
        const pub = this.public(subnet, tables);
        return pub === "yes" ? "no" : pub === "unknown" ? "unknown" : "yes";
    }
}
