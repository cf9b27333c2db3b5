/**
 * The diff for people: one summary line, then a table per kind — as plain text for a terminal or a CI log,
 * and as Markdown for a pull-request comment (tables fold into <details> when long).
 */
import { portsLabel } from "../../policies/reachability";
import { textTable } from "../report/text-table";
import { DiffKind, DiffPath, isEmpty, ReachDiff } from "./compare";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `2 paths added, 1 from the internet; 1 removed; 1 waiting on a value not known until the update`, or that nothing changed. */
export function summaryLine(diff: ReachDiff): string {
    if (isEmpty(diff)) return "No reachability change: every path is as it was.";
    const internet = diff.added.filter((p) => p.fromInternet).length;
    const waiting = diff.unknown.length === 1 ? "a value" : "values";
    const parts = [
        [diff.added.length, `added${internet > 0 ? `, ${internet} from the internet` : ""}`],
        [diff.removed.length, "removed"],
        [diff.changed.length, "changed"],
        [diff.unknown.length, `waiting on ${waiting} not known until the update`],
    ] as const;
    // "path(s)" goes with the first count only: "2 paths added, 1 from the internet; 1 removed"
    return parts
        .filter(([n]) => n > 0)
        .map(([n, what], i) => (i === 0 ? `${plural(n, "path", "paths")} ${what}` : `${n} ${what}`))
        .join("; ");
}

const TITLES: Record<DiffKind, string> = {
    added: "Added (a new yes)",
    removed: "Removed (a yes that is gone)",
    changed: "Changed (verdict, address, route or rule)",
    unknown: "Waiting on values not known until the update (not counted as added)",
};

const traffic = (p: DiffPath) => portsLabel({ protocol: p.entry.protocol, ports: p.entry.ports ?? undefined });
const path = (p: DiffPath) => `${p.entry.from} -> ${p.entry.to}`;

/** Header and cells of one kind's table. */
function table(kind: DiffKind, paths: DiffPath[]): { headers: string[]; rows: string[][] } {
    switch (kind) {
        case "added":
            return { headers: ["from -> to", "traffic", "why"], rows: paths.map((p) => [path(p), traffic(p), p.entry.reason]) };
        case "removed":
            return { headers: ["from -> to", "traffic", "was allowed by", "now"], rows: paths.map((p) => [path(p), traffic(p), p.entry.before?.reason ?? "", p.entry.reason]) };
        case "changed":
            return {
                headers: ["from -> to", "traffic", "what changed", "before", "after"],
                rows: paths.map((p) => [path(p), traffic(p), p.changes.join(", "), `${p.entry.before?.verdict}: ${p.entry.before?.reason}`, `${p.entry.after?.verdict}: ${p.entry.after?.reason}`]),
            };
        case "unknown":
            return { headers: ["from -> to", "traffic", "before", "waits on"], rows: paths.map((p) => [path(p), traffic(p), p.entry.before ? p.entry.before.verdict : "no such path", p.entry.reason]) };
    }
}

const KINDS: DiffKind[] = ["added", "removed", "changed", "unknown"];

/** What the command prints: a title, the summary, a table per kind that has paths. */
export function renderDiffText(diff: ReachDiff, title: string, notes: string[] = []): string {
    const out = [title, ...notes.map((n) => `note: ${n}`), summaryLine(diff)];
    for (const kind of KINDS) {
        if (diff[kind].length === 0) continue;
        const t = table(kind, diff[kind]);
        out.push("", `${TITLES[kind]}:`, ...textTable(t.headers, t.rows));
    }
    return out.join("\n") + "\n";
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Rows beyond this fold the kind's table into a <details> block, so a long diff does not bury the policy result. */
export const FOLD_AFTER = 10;

/** A pull-request comment: a heading, the summary in bold, a table per kind (folded when long). */
export function renderDiffMarkdown(diff: ReachDiff, title: string): string {
    const out = [`### ${title}`, "", `**${summaryLine(diff)}**`];
    for (const kind of KINDS) {
        const paths = diff[kind];
        if (paths.length === 0) continue;
        const t = table(kind, paths);
        const heading = `${TITLES[kind]}: ${paths.length}`;
        const body = [`| ${t.headers.map(cell).join(" | ")} |`, `|${t.headers.map(() => "---").join("|")}|`, ...t.rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
        if (paths.length > FOLD_AFTER) out.push("", `<details><summary>${heading}</summary>`, "", ...body, "", "</details>");
        else out.push("", `#### ${heading}`, "", ...body);
    }
    return out.join("\n") + "\n";
}
