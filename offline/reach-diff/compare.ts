/**
 * The reachability of two snapshots compared path by path: what a change opens (added: a new `yes`),
 * closes (removed: a `yes` that is gone), changes (the verdict, or what carries a `yes`: its address kind,
 * route or rule), and what waits on a value a preview does not know yet (never counted as added).
 */
import { Endpoint, portsLabel, PortRange, Reachability, ReachabilityRow, Verdict } from "../../policies/reachability";
import { carrierChanges, endpointKey, pathKey, sourceCovers } from "./path-identity";

export interface PathSide {
    verdict: Verdict;
    reason: string;
}

/** One path of the diff, as `--json` prints it. */
export interface DiffEntry {
    /** Endpoint labels as the report shows them: a resource name, `internet`, `operator <cidr>`, a block. */
    from: string;
    to: string;
    protocol: string;
    /** `null` when the rule opens every port (`all` traffic) or ports do not apply. */
    ports: PortRange | null;
    verdict: Verdict;
    /** Now: what allows it (added, changed), what blocks it (removed), or the value it waits on (unknown). */
    reason: string;
    /** changed, removed: the path in the base; unknown: the path in the base, or null when the base had no such path. */
    before?: PathSide | null;
    /** changed: the path in the new snapshot. */
    after?: PathSide;
}

export type DiffKind = "added" | "removed" | "changed" | "unknown";

/** An entry with what the renderers and the gate need besides what `--json` prints. */
export interface DiffPath {
    kind: DiffKind;
    entry: DiffEntry;
    /** The source lies outside every VPC of the stack (the internet, an operator's or any other range). */
    fromOutside: boolean;
    /** The source is an internet address (the internet, a public range). */
    fromInternet: boolean;
    /** changed: `verdict`, `address`, `route`, `rule`, `egress rule`. */
    changes: string[];
    /** The row in each snapshot (absent on the side that has no such path). */
    baseRow?: ReachabilityRow;
    newRow?: ReachabilityRow;
}

export interface ReachDiff {
    added: DiffPath[];
    removed: DiffPath[];
    changed: DiffPath[];
    unknown: DiffPath[];
}

const RANK: Record<Verdict, number> = { yes: 0, unknown: 1, no: 2 };

interface Side {
    endpoints: Map<string, Endpoint>;
    /** path key -> the most permissive row with that key (two rules opening the same range give two rows). */
    rows: Map<string, ReachabilityRow>;
    /** target, protocol and ports -> every row to it, whatever the source: where a range's path is found under a wider one. */
    byTarget: Map<string, ReachabilityRow[]>;
    keyOf: (endpointId: string) => string;
}

function sideOf(r: Reachability): Side {
    const endpoints = new Map(r.endpoints.map((e) => [e.id, e]));
    const keyOf = (id: string) => {
        const e = endpoints.get(id);
        return e ? endpointKey(e) : id;
    };
    const rows = new Map<string, ReachabilityRow>();
    const byTarget = new Map<string, ReachabilityRow[]>();
    for (const row of r.rows) {
        const key = pathKey(row, keyOf);
        const held = rows.get(key);
        if (!held || RANK[row.verdict] < RANK[held.verdict]) rows.set(key, row);
        const target = targetKey(row, keyOf);
        const list = byTarget.get(target);
        if (list) list.push(row);
        else byTarget.set(target, [row]);
    }
    return { endpoints, rows, byTarget, keyOf };
}

const targetKey = (row: ReachabilityRow, keyOf: (id: string) => string) => pathKey({ ...row, from: "*" }, (id) => (id === "*" ? "*" : keyOf(id)));

/**
 * A range one snapshot names and the other does not (an operator's /32 added next to a world-open rule,
 * or dropped when its rule widened to 0.0.0.0/0) still has a path in the other: the one from the internet
 * or the wider block that contains it. The most permissive such row, or undefined.
 */
function underWiderSource(other: Side, row: ReachabilityRow, source: Endpoint | undefined, keyOf: (id: string) => string): ReachabilityRow | undefined {
    if (!source?.outside) return undefined;
    const candidates = (other.byTarget.get(targetKey(row, keyOf)) ?? []).filter((r) => {
        const from = other.endpoints.get(r.from);
        return from !== undefined && sourceCovers(from, source);
    });
    return candidates.sort((a, c) => RANK[a.verdict] - RANK[c.verdict])[0];
}

const side = (row: ReachabilityRow): PathSide => ({ verdict: row.verdict, reason: row.reason });

/** Compares the reachability of `base` with that of `next`; each list in the order the new (else base) model lists its rows. */
export function diffReachability(base: Reachability, next: Reachability): ReachDiff {
    const b = sideOf(base);
    const n = sideOf(next);
    const diff: ReachDiff = { added: [], removed: [], changed: [], unknown: [] };
    const make = (kind: DiffKind, row: ReachabilityRow, s: Side, extra: Partial<DiffPath> = {}): DiffPath => {
        const from = s.endpoints.get(row.from);
        const to = s.endpoints.get(row.to);
        const entry: DiffEntry = {
            from: from?.label ?? row.from,
            to: to?.label ?? row.to,
            protocol: row.protocol,
            ports: row.ports ? { from: row.ports.from, to: row.ports.to } : null,
            verdict: row.verdict,
            reason: row.reason,
        };
        return { kind, entry, fromOutside: from?.outside ?? false, fromInternet: from?.internetAddress ?? false, changes: [], ...extra };
    };

    for (const [key, now] of n.rows) {
        const was = b.rows.get(key) ?? underWiderSource(b, now, n.endpoints.get(now.from), n.keyOf);
        if (now.verdict === "unknown") {
            // waiting on a value: shown with what it waits on, whatever the base said, unless it was as unknown there
            if (was?.verdict !== "unknown") {
                const p = make("unknown", now, n, { baseRow: was, newRow: now });
                p.entry.before = was ? side(was) : null;
                diff.unknown.push(p);
            }
            continue;
        }
        if (!was || was.verdict === "no") {
            if (now.verdict === "yes") diff.added.push(make("added", now, n, { baseRow: was, newRow: now }));
            continue;
        }
        if (was.verdict === "yes" && now.verdict === "no") {
            const p = make("removed", now, n, { baseRow: was, newRow: now });
            p.entry.before = side(was);
            diff.removed.push(p);
            continue;
        }
        const changes = was.verdict !== now.verdict ? ["verdict"] : now.verdict === "yes" ? carrierChanges(was, now) : [];
        if (changes.length > 0) {
            const p = make("changed", now, n, { baseRow: was, newRow: now, changes });
            p.entry.before = side(was);
            p.entry.after = side(now);
            diff.changed.push(p);
        }
    }
    const present = new Set([...n.endpoints.values()].map(endpointKey));
    for (const [key, was] of b.rows) {
        if (n.rows.has(key) || was.verdict !== "yes") continue;
        const wider = underWiderSource(n, was, b.endpoints.get(was.from), b.keyOf);
        if (wider && wider.verdict !== "no") continue;
        const p = make("removed", was, b, { baseRow: was, newRow: wider });
        const gone = [b.endpoints.get(was.from), b.endpoints.get(was.to)].find((e) => e && !present.has(endpointKey(e)));
        p.entry.verdict = "no";
        p.entry.reason = wider?.reason ?? (gone ? `${gone.label} is not in the new snapshot` : `no security group rule of ${p.entry.to} opens ${portsLabel(was)} any more`);
        p.entry.before = side(was);
        diff.removed.push(p);
    }
    return diff;
}

/** `{ added, removed, changed, unknown }` as `--json` prints it. */
export function diffJson(diff: ReachDiff): Record<DiffKind, DiffEntry[]> {
    return { added: diff.added.map((p) => p.entry), removed: diff.removed.map((p) => p.entry), changed: diff.changed.map((p) => p.entry), unknown: diff.unknown.map((p) => p.entry) };
}

/** True when the change lets something from outside the stack's VPCs reach a host it could not reach before. */
export function opensFromOutside(diff: ReachDiff): boolean {
    return [...diff.added, ...diff.changed].some((p) => p.fromOutside && p.entry.verdict === "yes" && p.baseRow?.verdict !== "yes");
}

export const isEmpty = (diff: ReachDiff) => diff.added.length + diff.removed.length + diff.changed.length + diff.unknown.length === 0;
