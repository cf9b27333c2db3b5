import { Reachability } from "../../policies/reachability";
import { reachabilityOf } from "../report/reachability-table";
import { StackSnapshot } from "../snapshot";
import { AllowedPath, PathEnd } from "./allowed-paths";

/** The model's endpoint ids: `internet`, `cidr:<block>`, or a resource's URN. */
function endOf(id: string): PathEnd {
    if (id === "internet") return { kind: "cidr", cidr: "0.0.0.0/0" };
    if (id.startsWith("cidr:")) return { kind: "cidr", cidr: id.slice("cidr:".length) };
    return { kind: "resource", urn: id };
}

/** One arrow per row the model says gets through (`yes`), or may once values are known (`unknown`); `no` rows are not drawn. */
export function pathsFromReachability(r: Reachability): AllowedPath[] {
    return r.rows
        .filter((row) => row.verdict !== "no")
        .map((row) => ({
            from: endOf(row.from),
            to: endOf(row.to),
            protocol: row.protocol,
            fromPort: row.ports?.from,
            toPort: row.ports?.to,
            unknown: row.verdict === "unknown",
        }));
}

/** The diagram's arrows: what the reachability model lets through in this snapshot. */
export function diagramPaths(snapshot: StackSnapshot): AllowedPath[] {
    return pathsFromReachability(reachabilityOf(snapshot));
}
