/** The twin's table and its one-line verdict. */
import { textTable } from "../offline/report/text-table";
import { CheckRow } from "./check-row";

const MARK = { pass: "PASS", fail: "FAIL", skip: "skip" } as const;

export function renderRows(rows: CheckRow[]): string[] {
    return textTable(
        ["", "group", "check", "expected", "observed"],
        rows.map((r) => [MARK[r.status], r.group, r.check, r.expected, r.observed]),
    );
}

export function summary(rows: CheckRow[], seconds: number, label: string): string {
    const n = (s: CheckRow["status"]) => rows.filter((r) => r.status === s).length;
    return `Twin of ${label}: ${n("pass")} passed, ${n("fail")} failed, ${n("skip")} skipped in ${seconds.toFixed(1)} s`;
}

/** The clear line a failing run ends with: the first disagreement, and how many more. */
export function failureLine(rows: CheckRow[]): string | undefined {
    const failed = rows.filter((r) => r.status === "fail");
    if (failed.length === 0) return undefined;
    const f = failed[0];
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : "";
    return `error: the network does not behave as planned: ${f.check}: expected ${f.expected}, got ${f.observed}${more}`;
}
