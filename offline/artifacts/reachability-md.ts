/** The reachability section of network.md: the same rows as the text report, as a Markdown table. */
import { Reachability } from "../../policies/reachability";
import { reachabilityCells } from "../report/reachability-table";

function cell(s: string): string {
    return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function reachabilityMarkdown(model: Reachability): string {
    const out = ["", "## Reachability", "", "Every path from an endpoint to a port that some security group rule opens, computed from the plan: " +
        "reachable (yes/no/unknown) and why: the rule, address and route that allow it, or the first thing that blocks it.", ""];
    out.push("| from -> to | traffic | reachable | why |", "|---|---|---|---|");
    const cells = reachabilityCells(model);
    for (const c of cells) out.push(`| ${c.map(cell).join(" | ")} |`);
    if (cells.length === 0) out.push("| (no host with a security group rule that opens a port) | | | |");
    for (const n of model.notes) out.push("", `Note: ${n}`);
    return out.join("\n") + "\n";
}
