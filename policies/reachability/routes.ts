/**
 * Which route a subnet's traffic to an address takes: the route table the model says the subnet uses,
 * the VPC's local route, longest prefix first.
 */
import { Block, NetworkModel, Route, RouteTable, Subnet, Verdict, within } from "../model";

export interface SubnetTable {
    label: string;
    urn?: string;
    /** Undefined: the routes are not known yet. */
    entries?: Route[];
}

export interface RouteDecision {
    verdict: Verdict;
    /** `mhson-rt-public: 0.0.0.0/0 -> mhson-igw (internet gateway)`. */
    text: string;
    entry?: Route;
    urn?: string;
}

const tables = new WeakMap<Subnet, SubnetTable | { unknown: string }>();

/** The table a subnet uses, or `unknown` with the reason (worked out once per subnet of a model). */
export function tableOf(model: NetworkModel, subnet: Subnet): SubnetTable | { unknown: string } {
    let t = tables.get(subnet);
    if (!t) tables.set(subnet, (t = readTable(model, subnet)));
    return t;
}

function readTable(model: NetworkModel, subnet: Subnet): SubnetTable | { unknown: string } {
    const t = subnet.routeTable;
    if (t.kind === "unknown" || t.kind === "outside") return { unknown: t.why };
    if (t.kind === "implicit-main") {
        const vpc = model.byUrn.get(t.vpcUrn);
        const label = t.routes.length > 0 ? `main route table of ${vpc?.label ?? "its VPC"}` : `main route table of ${vpc?.label ?? "its VPC"} (local route only, as AWS creates it)`;
        return { label, entries: t.routes };
    }
    const table = model.byUrn.get(t.urn) as RouteTable;
    return { label: table.label + (t.main ? " (main)" : ""), urn: table.urn, entries: table.routes.known ? table.routes.value : undefined };
}

function destText(r: Route): string {
    if (!r.destination.known) return "(destination not known yet)";
    return r.destination.value ?? "(IPv6 or prefix list)";
}

/** What a route's target means for a path: an internet gateway carries it; what lies beyond the others is not in the snapshot. */
function verdictOf(r: Route): Verdict {
    switch (r.target.kind) {
        case "igw": return "yes";
        case "nat": case "local": return "no";
        default: return "unknown";
    }
}

/**
 * The route from `subnet` towards `dest` (an internet address: any address no rule names, which only
 * a /0 route covers; or a block). The VPC's own CIDR is the local route.
 */
export function decide(table: SubnetTable, vpcBlock: Block | undefined, dest: Block | "internet"): RouteDecision {
    if (!table.entries) return { verdict: "unknown", text: `the routes of ${table.label} are not known yet`, urn: table.urn };
    const contains = (b: Block) => (dest === "internet" ? b.prefix === 0 : within([dest], b) === "yes");
    if (dest !== "internet" && vpcBlock && within([dest], vpcBlock) === "yes") return { verdict: "yes", text: `local route of ${vpcBlock.cidr}` };
    let best: Route | undefined;
    let unknownDest = false;
    for (const e of table.entries) {
        if (!e.destination.known) {
            unknownDest = true;
            continue;
        }
        if (e.block && contains(e.block) && (!best || e.block.prefix > best.block!.prefix)) best = e;
    }
    if (unknownDest) return { verdict: "unknown", text: `a route of ${table.label} has a destination not known yet`, urn: table.urn };
    if (!best) return { verdict: "no", text: `${table.label} has no route to ${dest === "internet" ? "the internet" : dest.cidr}`, urn: table.urn };
    return { verdict: verdictOf(best), text: `${table.label}: ${destText(best)} -> ${best.target.label}`, entry: best, urn: best.urn };
}
