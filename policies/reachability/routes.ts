/**
 * Which route a subnet's traffic to an address takes: the subnet's route table (its explicit
 * association, else the VPC's main table), inline routes plus standalone `aws.ec2.Route`s, the VPC's
 * local route, longest prefix first.
 */
import { Block, block, within } from "../model/ipv4-block";
import { ROUTE_TABLE_TYPES, T } from "./aws-types";
import { ResourceIndex } from "./resource-index";
import { ModelResource, Verdict } from "./types";
import { UNK, declared, labelOf, list, prop, record, str } from "./values";

export interface RouteTarget {
    kind: "igw" | "nat" | "local" | "other" | "unknown";
    label: string;
    urn?: string;
}

export interface RouteEntry {
    /** Undefined: the destination is not known yet, or is IPv6. */
    dest?: Block;
    destText: string;
    target: RouteTarget;
    urn: string;
}

export interface SubnetTable {
    label: string;
    urn?: string;
    /** `UNK`: the routes are not known yet. */
    entries: RouteEntry[] | typeof UNK;
}

export interface RouteDecision {
    verdict: Verdict;
    /** `mhson-rt-public: 0.0.0.0/0 -> mhson-igw (internet gateway)`. */
    text: string;
    entry?: RouteEntry;
    urn?: string;
}

const OTHER_TARGETS = ["transitGatewayId", "vpcPeeringConnectionId", "networkInterfaceId", "vpcEndpointId", "egressOnlyGatewayId", "carrierGatewayId", "localGatewayId", "coreNetworkArn"];

export class Routing {
    private readonly explicit = new Map<string, ModelResource[]>();
    private readonly standalone = new Map<string, ModelResource[]>();
    private readonly mainByVpc = new Map<string, ModelResource>();
    private unresolvedAssociation = false;

    constructor(private readonly idx: ResourceIndex) {
        for (const a of idx.ofType(T.association)) {
            const subnet = idx.ref(a, "subnetId", [T.subnet]);
            const table = idx.ref(a, "routeTableId", ROUTE_TABLE_TYPES);
            if (subnet.found.length !== 1 || table.found.length !== 1) {
                this.unresolvedAssociation ||= subnet.unknown || table.unknown;
                continue;
            }
            this.explicit.set(subnet.found[0].urn, [...(this.explicit.get(subnet.found[0].urn) ?? []), table.found[0]]);
        }
        for (const r of idx.ofType(T.route)) {
            for (const t of idx.ref(r, "routeTableId", ROUTE_TABLE_TYPES).found) this.standalone.set(t.urn, [...(this.standalone.get(t.urn) ?? []), r]);
        }
        for (const m of idx.ofType(T.mainAssociation)) {
            const vpc = idx.ref(m, "vpcId", [T.vpc]).found;
            const table = idx.ref(m, "routeTableId", ROUTE_TABLE_TYPES).found;
            if (vpc.length === 1 && table.length === 1) this.mainByVpc.set(vpc[0].urn, table[0]);
        }
        for (const d of idx.ofType(T.defaultRouteTable)) {
            // A DefaultRouteTable adopts the VPC's main table (`defaultRouteTableId` comes from the VPC).
            const vpc = idx.ref(d, "defaultRouteTableId", [T.vpc]).found[0] ?? idx.ref(d, "vpcId", [T.vpc]).found[0] ?? this.vpcByMainId(str(prop(d, "defaultRouteTableId")));
            if (vpc && !this.mainByVpc.has(vpc.urn)) this.mainByVpc.set(vpc.urn, d);
        }
        for (const rt of idx.ofType(T.routeTable)) {
            const vpc = this.vpcByMainId(str(prop(rt, "id")));
            if (vpc && !this.mainByVpc.has(vpc.urn)) this.mainByVpc.set(vpc.urn, rt);
        }
    }

    private vpcByMainId(id: unknown): ModelResource | undefined {
        if (typeof id !== "string") return undefined;
        return this.idx.ofType(T.vpc).find((v) => str(prop(v, "mainRouteTableId")) === id || str(prop(v, "defaultRouteTableId")) === id);
    }

    private readonly tables = new Map<string, SubnetTable | { unknown: string }>();

    /** The table a subnet uses, or `unknown` with the reason (read once per subnet). */
    tableOf(subnet: ModelResource, vpc: ModelResource | undefined): SubnetTable | { unknown: string } {
        let t = this.tables.get(subnet.urn);
        if (!t) this.tables.set(subnet.urn, (t = this.readTableOf(subnet, vpc)));
        return t;
    }

    private readTableOf(subnet: ModelResource, vpc: ModelResource | undefined): SubnetTable | { unknown: string } {
        const tables = this.explicit.get(subnet.urn);
        if (tables && tables.length > 0) return this.describe(tables[0], "");
        if (this.unresolvedAssociation) return { unknown: `which route table ${labelOf(subnet)} uses is not known yet` };
        if (!vpc) return { unknown: `${labelOf(subnet)} has no explicit route table and its VPC's main table is not in the snapshot` };
        const main = this.mainByVpc.get(vpc.urn);
        if (main) return this.describe(main, " (main)");
        // A VPC made in this stack starts with a main table holding only the local route.
        return { label: `main route table of ${labelOf(vpc)} (local route only, as AWS creates it)`, entries: [] };
    }

    private describe(table: ModelResource, suffix: string): SubnetTable {
        const label = labelOf(table) + suffix;
        const inline = list(declared(table, "routes"));
        if (inline === UNK) return { label, urn: table.urn, entries: UNK };
        const entries: RouteEntry[] = [];
        for (const raw of inline) {
            const fields = record(raw);
            if (fields === UNK) return { label, urn: table.urn, entries: UNK };
            entries.push(this.entry(table, "routes", fields, fields.cidrBlock, table.urn));
        }
        for (const r of this.standalone.get(table.urn) ?? []) {
            const fields: Record<string, unknown> = {};
            for (const k of ["gatewayId", "natGatewayId", ...OTHER_TARGETS]) {
                fields[k] = prop(r, k);
                if (fields[k] === undefined && (r.propertyDependencies?.[k] ?? []).length > 0) fields[k] = UNK;
            }
            entries.push(this.entry(r, "gatewayId", fields, prop(r, "destinationCidrBlock"), r.urn));
        }
        return { label, urn: table.urn, entries };
    }

    private entry(holder: ModelResource, depKey: string, f: Record<string, unknown>, dest: unknown, urn: string): RouteEntry {
        const d = str(dest);
        const destText = d === UNK ? "(destination not known yet)" : (d ?? "(IPv6 or prefix list)");
        return { dest: typeof d === "string" ? block(d) : undefined, destText, target: this.target(holder, depKey, f), urn };
    }

    private target(holder: ModelResource, depKey: string, f: Record<string, unknown>): RouteTarget {
        const nat = str(f.natGatewayId);
        if (nat !== undefined) {
            const hit = typeof nat === "string" ? this.idx.withId(nat, [T.nat]) : undefined;
            return { kind: "nat", label: hit ? `${labelOf(hit)} (NAT gateway)` : typeof nat === "string" ? `${nat} (NAT gateway)` : "a NAT gateway", urn: hit?.urn };
        }
        const gw = str(f.gatewayId);
        if (gw === "local") return { kind: "local", label: "local" };
        if (typeof gw === "string") {
            const hit = this.idx.withId(gw, [T.igw]);
            if (hit || gw.startsWith("igw-")) return { kind: "igw", label: `${hit ? labelOf(hit) : gw} (internet gateway)`, urn: hit?.urn };
            return { kind: "other", label: gw };
        }
        if (gw === UNK) {
            const deps = (holder.propertyDependencies?.[depKey] ?? []).map((u) => this.idx.get(u)).filter((r): r is ModelResource => r !== undefined);
            const igws = deps.filter((r) => r.type === T.igw);
            const others = deps.filter((r) => r.type !== T.igw && r.type !== T.nat);
            if (igws.length === 1 && others.length === 0) return { kind: "igw", label: `${labelOf(igws[0])} (internet gateway)`, urn: igws[0].urn };
            return { kind: "unknown", label: "a gateway not known yet" };
        }
        for (const k of OTHER_TARGETS) {
            const v = str(f[k]);
            if (v !== undefined) return { kind: "other", label: typeof v === "string" ? v : k.replace(/Id$|Arn$/, "") };
        }
        return { kind: "unknown", label: "no target" };
    }

    /**
     * The route from `subnet` towards `dest` (an internet address: any address no rule names, which only
     * a /0 route covers; or a block). The VPC's own CIDR is the local route.
     */
    decide(table: SubnetTable, vpcBlock: Block | undefined, dest: Block | "internet"): RouteDecision {
        if (table.entries === UNK) return { verdict: "unknown", text: `the routes of ${table.label} are not known yet`, urn: table.urn };
        const contains = (b: Block) => (dest === "internet" ? b.prefix === 0 : within([dest], b) === "yes");
        if (dest !== "internet" && vpcBlock && within([dest], vpcBlock) === "yes") return { verdict: "yes", text: `local route of ${vpcBlock.cidr}` };
        let best: RouteEntry | undefined;
        let unknownDest = false;
        for (const e of table.entries) {
            if (!e.dest) {
                unknownDest ||= e.destText.startsWith("(destination not known");
                continue;
            }
            if (contains(e.dest) && (!best || e.dest!.prefix > best.dest!.prefix)) best = e;
        }
        if (unknownDest) return { verdict: "unknown", text: `a route of ${table.label} has a destination not known yet`, urn: table.urn };
        if (!best) return { verdict: "no", text: `${table.label} has no route to ${dest === "internet" ? "the internet" : dest.cidr}`, urn: table.urn };
        const text = `${table.label}: ${best.destText} -> ${best.target.label}`;
        const verdict: Verdict = best.target.kind === "igw" ? "yes" : best.target.kind === "unknown" ? "unknown" : best.target.kind === "other" ? "unknown" : "no";
        return { verdict, text, entry: best, urn: best.urn };
    }
}
