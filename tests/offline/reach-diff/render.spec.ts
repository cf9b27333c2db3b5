// The summary line and the Markdown comment's shape: a table per kind, the why per row, long tables folded.
import * as assert from "node:assert/strict";
import { DiffKind, DiffPath, ReachDiff } from "../../../offline/reach-diff/compare";
import { FOLD_AFTER, renderDiffMarkdown, renderDiffText, summaryLine } from "../../../offline/reach-diff/render";

function path(kind: DiffKind, i: number, fromInternet: boolean): DiffPath {
    const yes = { verdict: "yes" as const, reason: `rule-${i} (tcp ${1000 + i} from 0.0.0.0/0); to its elastic-ip address; rt | igw` };
    const entry = { from: fromInternet ? "internet" : `host-${i}`, to: `web-${i}`, protocol: "tcp", ports: { from: 1000 + i, to: 1000 + i }, ...yes };
    const p: DiffPath = { kind, entry, fromOutside: fromInternet, fromInternet, changes: [] };
    if (kind === "removed") Object.assign(entry, { verdict: "no", reason: `web-${i} has no public address`, before: yes });
    if (kind === "changed") Object.assign(p, { changes: ["address"] }, { entry: { ...entry, before: yes, after: { ...yes, reason: "elsewhere" } } });
    if (kind === "unknown") Object.assign(entry, { verdict: "unknown", reason: "the source of rule-x is not known yet", before: null });
    return p;
}

const diffWith = (n: Partial<Record<DiffKind, number>>, internet = 0): ReachDiff => {
    const make = (kind: DiffKind) => Array.from({ length: n[kind] ?? 0 }, (_, i) => path(kind, i, i < internet));
    return { added: make("added"), removed: make("removed"), changed: make("changed"), unknown: make("unknown") };
};

describe("reach:diff rendering", () => {
    it("the summary line counts each kind, paths from the internet among the added, and says when nothing changed", () => {
        assert.equal(summaryLine(diffWith({ added: 2 }, 1)), "2 paths added, 1 from the internet");
        assert.equal(summaryLine(diffWith({ added: 1, removed: 1, changed: 2, unknown: 1 })), "1 path added; 1 removed; 2 changed; 1 waiting on a value not known until the update");
        assert.equal(summaryLine(diffWith({ removed: 3 })), "3 paths removed");
        assert.equal(summaryLine(diffWith({})), "No reachability change: every path is as it was.");
    });

    it("Markdown: a table per kind with the why per row, pipes escaped; a kind with more than FOLD_AFTER rows folds into <details>", () => {
        const md = renderDiffMarkdown(diffWith({ added: FOLD_AFTER + 1, removed: 1, unknown: 1 }, 3), "Reachability diff: a -> b");
        assert.match(md, /^### Reachability diff: a -> b\n\n\*\*11 paths added, 3 from the internet; 1 removed; 1 waiting on a value not known until the update\*\*\n/);
        assert.match(md, /<details><summary>Added \(a new yes\): 11<\/summary>\n\n\| from -> to \| traffic \| why \|/);
        assert.equal(md.match(/^\| (internet|host-\d+) -> web-\d+ \| tcp 10\d\d \| rule-\d+ .*rt \\\| igw \|$/gm)?.length, FOLD_AFTER + 1, "every added row, its why with the pipe escaped");
        assert.match(md, /^#### Removed \(a yes that is gone\): 1\n\n\| from -> to \| traffic \| was allowed by \| now \|$/m);
        assert.match(md, /^#### Waiting on values not known until the update \(not counted as added\): 1$/m);
        assert.match(md, /\| internet -> web-0 \| tcp 1000 \| no such path \| the source of rule-x is not known yet \|/);
        assert.doesNotMatch(md, /<details><summary>Removed/);
    });

    it("text: the changed table says what changed and the verdicts before and after", () => {
        const text = renderDiffText(diffWith({ changed: 1 }), "t", ["a note"]);
        assert.match(text, /^t\nnote: a note\n1 path changed\n\nChanged \(verdict, address, route or rule\):\n {2}from -> to +traffic +what changed +before +after\n/);
        assert.match(text, /^ {2}host-0 -> web-0 +tcp 1000 +address +yes: rule-0 .* +yes: elsewhere$/m);
    });
});
