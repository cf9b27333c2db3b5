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

/** Rows as table cells: by target, then what gets through first. */
export function reachabilityCells(model: Reachability): string[][] {
    const label = new Map(model.endpoints.map((e) => [e.id, e.label]));
    const position = new Map(model.endpoints.map((e, i) => [e.id, i]));
    return [...model.rows]
        .sort((a, b) => (position.get(a.to) ?? 0) - (position.get(b.to) ?? 0) || ORDER[a.verdict] - ORDER[b.verdict] || (position.get(a.from) ?? 0) - (position.get(b.from) ?? 0))
        .map((r) => [`${label.get(r.from) ?? r.from} -> ${label.get(r.to) ?? r.to}`, portsLabel(r), r.verdict, r.reason]);
}

/** The report section: a count line, the table, and what the model could not read. */
export function renderReachabilityTable(model: Reachability): string[] {
    const count = (v: string) => model.rows.filter((r) => r.verdict === v).length;
    const n = model.rows.length;
    const out = [`Reachability (${n} path${n === 1 ? "" : "s"}: ${count("yes")} yes, ${count("no")} no, ${count("unknown")} unknown):`];
    if (model.rows.length === 0) out.push("  (no host with a security group rule that opens a port)");
    // Appended line by line: a large stack has more rows than push(...rows) can take as arguments.
    else for (const line of textTable(["from -> to", "traffic", "reachable", "why"], reachabilityCells(model))) out.push(line);
    for (const n of model.notes) out.push(`  note: ${n}`);
    return out;
}
