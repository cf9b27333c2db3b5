/**
 * Which route a subnet's traffic to an address takes: the route table the model says the subnet uses,
 * the VPC's local route, longest prefix first.
 */
import { Block, NetworkModel, Route, RouteTable, Subnet, Verdict, within } from "../model";
import { InternetRemainder } from "../model/cidr-set";

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
 * The route from `subnet` towards `dest`: a block, by its longest-prefix route; or "internet", an
 * internet address no rule names. The VPC's own CIDR is the local route.
 */
export function decide(table: SubnetTable, vpcBlock: Block | undefined, dest: Block | "internet"): RouteDecision {
    if (!table.entries) return { verdict: "unknown", text: `the routes of ${table.label} are not known yet`, urn: table.urn };
    if (dest !== "internet" && vpcBlock && within([dest], vpcBlock) === "yes") return { verdict: "yes", text: `local route of ${vpcBlock.cidr}` };
    if (table.entries.some((e) => !e.destination.known)) return { verdict: "unknown", text: `a route of ${table.label} has a destination not known yet`, urn: table.urn };
    if (dest === "internet") return decideInternet(table, table.entries, vpcBlock);
    let best: Route | undefined;
    for (const e of table.entries) {
        if (e.block && within([dest], e.block) === "yes" && (!best || e.block.prefix > best.block!.prefix)) best = e;
    }
    if (!best) return { verdict: "no", text: `${table.label} has no route to ${dest.cidr}`, urn: table.urn };
    return { verdict: verdictOf(best), text: `${table.label}: ${destText(best)} -> ${best.target.label}`, entry: best, urn: best.urn };
}

/**
 * Internet addresses take, each, their own longest-prefix route: `0.0.0.0/0`, or several routes that
 * share the internet between them (`0.0.0.0/1` + `128.0.0.0/1`, a public range more specific than a
 * NAT default route). Some of them reaching an internet gateway is a way in: the widest such route
 * is the answer; else a route whose far side is not in the snapshot; else the widest that reaches
 * something else.
 */
function decideInternet(table: SubnetTable, entries: Route[], vpcBlock: Block | undefined): RouteDecision {
    const rest = new InternetRemainder();
    if (vpcBlock) rest.remove(vpcBlock);
    const reached: Route[] = [];
    for (const e of entries.filter((r) => r.block).sort((a, b) => b.block!.prefix - a.block!.prefix)) {
        if (!rest.meets(e.block!)) continue;
        reached.push(e);
        rest.remove(e.block!);
    }
    const widest = (v: Verdict) => reached.filter((r) => verdictOf(r) === v).sort((a, b) => a.block!.prefix - b.block!.prefix)[0];
    const best = widest("yes") ?? widest("unknown") ?? widest("no");
    if (!best) return { verdict: "no", text: `${table.label} has no route to the internet`, urn: table.urn };
    return { verdict: verdictOf(best), text: `${table.label}: ${destText(best)} -> ${best.target.label}`, entry: best, urn: best.urn };
}
