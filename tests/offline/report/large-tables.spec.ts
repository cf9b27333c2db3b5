/**
 * A large stack's report: a 10,000-resource export has about 200,000 reachability rows, more than a
 * function call takes as spread arguments (`Math.max(...widths)`, `push(...lines)` overflow the stack).
 */
import * as assert from "assert";
import { renderReachabilityTable } from "../../../offline/report/reachability-table";
import { textTable } from "../../../offline/report/text-table";
import type { Reachability } from "../../../policies/reachability";

const ROWS = 300_000;

describe("report tables of a large stack", () => {
    it("textTable lays out more rows than a call takes arguments, widths from the widest cell", () => {
        const rows = Array.from({ length: ROWS }, (_, i) => [`host-${i}`, "tcp 22"]);
        const lines = textTable(["from", "traffic"], rows);
        assert.strictEqual(lines.length, ROWS + 2);
        assert.strictEqual(lines[ROWS + 1], `  host-${ROWS - 1}  tcp 22`);
        assert.strictEqual(lines[2], `  host-0${" ".repeat(`host-${ROWS - 1}`.length - "host-0".length)}  tcp 22`);
    });

    it("renderReachabilityTable prints every row of a large model", () => {
        const endpoints = [{ id: "internet", label: "internet" }, { id: "h", label: "host" }] as Reachability["endpoints"];
        const rows = Array.from({ length: ROWS }, (_, i) => ({ from: "internet", to: "h", protocol: "tcp", ports: { from: i % 65536, to: i % 65536 }, verdict: "no", reason: "blocked", steps: [] })) as Reachability["rows"];
        const out = renderReachabilityTable({ endpoints, rows, notes: [] });
        assert.match(out[0], new RegExp(`^Reachability \\(${ROWS} paths: 0 yes, ${ROWS} no, 0 unknown\\):$`));
        assert.strictEqual(out.length, 1 + ROWS + 2);
    });
    it("a limit lists what gets through first, from the internet first, and says how many are left out and where they are", () => {
        const endpoints = [{ id: "internet", label: "internet" }, { id: "op", label: "operator" }, { id: "h", label: "host" }] as Reachability["endpoints"];
        const row = (from: string, port: number, verdict: string) => ({ from, to: "h", protocol: "tcp", ports: { from: port, to: port }, verdict, reason: verdict, steps: [] });
        const rows = [
            ...Array.from({ length: 1000 }, (_, i) => row("internet", 1000 + i, "no")),
            row("op", 22, "yes"), row("internet", 443, "yes"), row("op", 23, "unknown"), row("internet", 80, "unknown"),
        ] as Reachability["rows"];
        const out = renderReachabilityTable({ endpoints, rows, notes: [] }, { limit: 3, fullIn: "out/reachability/x.json", allFlag: "--all-paths" });
        assert.deepEqual(out.slice(3, 6).map((l) => l.trim().split(/\s{2,}/).slice(0, 3).join(" | ")), [
            "internet -> host | tcp 443 | yes", "operator -> host | tcp 22 | yes", "internet -> host | tcp 80 | unknown",
        ]);
        assert.match(out[6], /^ {2}\.\.\. and 1001 more paths: .*; every path is in out\/reachability\/x\.json \(--all-paths lists them all here\)\.$/);
        assert.equal(out.length, 7);
        assert.equal(renderReachabilityTable({ endpoints, rows, notes: [] }, { limit: rows.length }).length, 1 + rows.length + 2, "no line when nothing is left out");
    });
});
