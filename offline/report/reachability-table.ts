/**
 * The reachability table of the text report: every path the model evaluated, one line each
 * (from -> to, protocol/ports, yes/no/unknown, why), and the model built once per snapshot with
 * operator ranges named as such.
 */
import { portsLabel, Reachability, reachabilityOf as evaluateModel } from "../../policies/reachability";
import { StackSnapshot } from "../snapshot";
import { networkOf, operatorCidrsOf } from "../snapshot-network";
import { textTable } from "./text-table";

// Once per snapshot, like its network model: the table, reachability.json, network.md and the diagram share it.
const evaluated = new WeakMap<readonly object[], Reachability>();

/** The reachability of a snapshot, operator ranges labelled. */
export function reachabilityOf(snapshot: StackSnapshot): Reachability {
    let r = evaluated.get(snapshot.resources);
    if (!r) {
        const model = networkOf(snapshot);
        evaluated.set(snapshot.resources, (r = evaluateModel(model, { operatorCidrs: operatorCidrsOf(model) })));
    }
    return r;
}

const ORDER = { yes: 0, unknown: 1, no: 2 } as const;

/**
 * How many paths the text report of `policy:check` lists before it points at reachability.json: a stack
 * of thousands of hosts has hundreds of thousands of paths, more than anyone reads on a terminal and
 * most of the time spent writing the report.
 */
export const LISTED_PATHS = 200;

export interface PathListing {
    /** At most this many rows (default: all). */
    limit?: number;
    /** Where every path is (reachability.json), named when rows are left out. */
    fullIn?: string;
    /** The flag that lists every path, named when rows are left out. */
    allFlag?: string;
}

type Row = Reachability["rows"][number];

/** Rows as table cells: by target, then what gets through first. */
export function reachabilityCells(model: Reachability, rows: readonly Row[] = model.rows): string[][] {
    const label = new Map(model.endpoints.map((e) => [e.id, e.label]));
    const position = new Map(model.endpoints.map((e, i) => [e.id, i]));
    return [...rows]
        .sort((a, b) => (position.get(a.to) ?? 0) - (position.get(b.to) ?? 0) || ORDER[a.verdict] - ORDER[b.verdict] || (position.get(a.from) ?? 0) - (position.get(b.from) ?? 0))
        .map((r) => [`${label.get(r.from) ?? r.from} -> ${label.get(r.to) ?? r.to}`, portsLabel(r), r.verdict, r.reason]);
}

/** The `limit` rows that matter most: what gets through, then what is not known, then what is blocked; from the internet first. */
function mostExposed(rows: readonly Row[], limit: number): Row[] {
    // Six ranks, each in the rows' own order: one pass, no sort of hundreds of thousands of rows.
    const ranks: Row[][] = [[], [], [], [], [], []];
    for (const r of rows) {
        const bucket = ranks[ORDER[r.verdict] * 2 + (r.from === "internet" ? 0 : 1)];
        if (bucket.length < limit) bucket.push(r);
    }
    return ranks.flat().slice(0, limit);
}

/** The report section: a count line, the table (at most `listing.limit` rows), and what the model could not read. */
export function renderReachabilityTable(model: Reachability, listing: PathListing = {}): string[] {
    const count = (v: string) => model.rows.filter((r) => r.verdict === v).length;
    const n = model.rows.length;
    const out = [`Reachability (${n} path${n === 1 ? "" : "s"}: ${count("yes")} yes, ${count("no")} no, ${count("unknown")} unknown):`];
    const rows = listing.limit !== undefined && n > listing.limit ? mostExposed(model.rows, listing.limit) : model.rows;
    if (n === 0) out.push("  (no host with a security group rule that opens a port)");
    // Appended line by line: a large stack has more rows than push(...rows) can take as arguments.
    else for (const line of textTable(["from -> to", "traffic", "reachable", "why"], reachabilityCells(model, rows))) out.push(line);
    if (rows.length < n) {
        out.push(`  ... and ${n - rows.length} more paths: the ${rows.length} listed are what gets through, then what is not known, then what is blocked, from the internet first` +
            `${listing.fullIn ? `; every path is in ${listing.fullIn}` : ""}${listing.allFlag ? ` (${listing.allFlag} lists them all here)` : ""}.`);
    }
    for (const n of model.notes) out.push(`  note: ${n}`);
    return out;
}
