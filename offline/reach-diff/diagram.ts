/**
 * NEW's network diagram with the change drawn on it: every path NEW allows, those the change opens in
 * green, and those it closes (from the base) dashed red, with a legend. A removed path whose host is gone
 * from NEW has no box to point at and is listed by the text and Markdown output only.
 */
import { Reachability, ReachabilityRow } from "../../policies/reachability";
import { buildScene } from "../artifacts/diagram-scene";
import { drawioXml } from "../artifacts/drawio";
import { AllowedPath } from "../diagram/allowed-paths";
import { pathsFromReachability } from "../diagram/reachability-paths";
import { StackSnapshot } from "../snapshot";
import { networkOf } from "../snapshot-network";
import { ReachDiff } from "./compare";
import { endpointKey } from "./path-identity";

/** The arrows: NEW's allowed paths (opened ones marked added) and the base's closed ones mapped onto NEW's boxes. */
export function diffPaths(next: Reachability, diff: ReachDiff): AllowedPath[] {
    const opened = new Set<ReachabilityRow>([...diff.added, ...diff.changed.filter((p) => p.baseRow?.verdict !== "yes")].flatMap((p) => (p.newRow?.verdict === "yes" ? [p.newRow] : [])));
    const drawn = next.rows.filter((r) => r.verdict !== "no");
    const paths = pathsFromReachability({ ...next, rows: drawn }).map((p, i) => (opened.has(drawn[i]) ? { ...p, change: "added" as const } : p));
    // a closed path's ends are named by the base's ids: find the same endpoint (by logical identity) in NEW
    const idInNext = new Map(next.endpoints.map((e) => [endpointKey(e), e.id]));
    // the internet and address blocks are drawn from their id alone, whether or not NEW names them
    const inNext = (id: string) => (id.startsWith("urn:") ? idInNext.get(endpointKey({ id, urn: id })) : id);
    const closed: ReachabilityRow[] = diff.removed.flatMap((p) => {
        const row = p.baseRow;
        const from = row && inNext(row.from);
        const to = row && inNext(row.to);
        return row && from && to ? [{ ...row, from, to }] : [];
    });
    const removed = pathsFromReachability({ ...next, rows: closed }).map((p) => ({ ...p, change: "removed" as const }));
    return [...paths, ...removed];
}

/** network.drawio of NEW with the change against the base drawn in. */
export function diffDiagramXml(next: StackSnapshot, reachability: Reachability, diff: ReachDiff, title: string): Promise<string> {
    return drawioXml(buildScene(networkOf(next), diffPaths(reachability, diff)), title);
}
