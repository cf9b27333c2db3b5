import { Reachability } from "../../policies/reachability";
import { reachabilityCells } from "../report/reachability-table";
import { SubnetRow } from "../report/subnet-rows";
import { Scene, SceneNode } from "./diagram-scene";

/** Mermaid labels are quoted; a quote inside one is written as an entity, line breaks as <br/>. */
function mermaidLabel(lines: string[]): string {
    return `"${lines.filter((l) => l !== "").map((l) => l.replace(/"/g, "#quot;")).join("<br/>")}"`;
}

function mdCell(s: string): string {
    return s.replace(/\|/g, "\\|");
}

/**
 * network.md: the same picture as a Mermaid flowchart (GitHub and GitLab render it in a README or a PR
 * comment), containers as subgraphs, then the subnet table.
 */
export function networkMarkdown(scene: Scene, subnets: SubnetRow[], heading: string): string {
    const out: string[] = [`# ${heading}`, "", "```mermaid", "flowchart TB"];
    const childrenOf = (id: string | undefined) => scene.nodes.filter((n) => n.parent === id);
    const isContainer = (n: SceneNode) => ["vpc", "az", "subnet", "outside"].includes(n.kind);
    const emit = (n: SceneNode, depth: number) => {
        const pad = "    ".repeat(depth);
        if (isContainer(n)) {
            out.push(`${pad}subgraph ${n.id}[${mermaidLabel(n.lines)}]`);
            for (const c of childrenOf(n.id)) emit(c, depth + 1);
            out.push(`${pad}end`);
        } else {
            const shape = n.kind === "external" ? [`((`, `))`] : n.kind === "igw" || n.kind === "nat" ? [`{{`, `}}`] : [`[`, `]`];
            out.push(`${pad}${n.id}${shape[0]}${mermaidLabel(n.lines)}${shape[1]}`);
        }
    };
    for (const n of childrenOf(undefined)) emit(n, 1);
    for (const e of scene.edges) {
        const arrow = e.kind === "admit" ? "-->" : "-.->";
        out.push(`    ${e.from} ${arrow}|${mermaidLabel(e.label.split("\n"))}| ${e.to}`);
    }
    out.push("```", "", "Solid arrows: traffic the reachability model lets through (protocol and port; `?`: not known until the update). Dotted arrows: routes to a gateway, and the internet gateway's link to the internet.", "");
    out.push("| name | tier | AZ | CIDR | usable addresses |", "|---|---|---|---|---|");
    for (const s of subnets) out.push(`| ${[s.name, s.tier, s.az, s.cidr, s.usableAddresses].map(mdCell).join(" | ")} |`);
    if (subnets.length === 0) out.push("| (no subnets) | | | | |");
    return out.join("\n") + "\n";
}

/** network.md's reachability section: the same rows as the text report, as a Markdown table. */
export function reachabilityMarkdown(model: Reachability): string {
    const cell = (s: string) => mdCell(s).replace(/\n/g, " ");
    const out = ["", "## Reachability", "", "Every path from an endpoint to a port that some security group rule opens, computed from the plan: " +
        "reachable (yes/no/unknown) and why: the rule, address and route that allow it, or the first thing that blocks it.", ""];
    out.push("| from -> to | traffic | reachable | why |", "|---|---|---|---|");
    const cells = reachabilityCells(model);
    for (const c of cells) out.push(`| ${c.map(cell).join(" | ")} |`);
    if (cells.length === 0) out.push("| (no host with a security group rule that opens a port) | | | |");
    for (const n of model.notes) out.push("", `Note: ${n}`);
    return out.join("\n") + "\n";
}
