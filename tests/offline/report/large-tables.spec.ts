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
});
