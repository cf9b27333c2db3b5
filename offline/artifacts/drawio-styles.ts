import { FONT } from "../diagram/text-size";
import { NodeKind, SceneEdge } from "./diagram-scene";

/**
 * Plain mxGraph shapes in AWS's architecture colours (VPC purple, public subnet green, private subnet
 * blue, EC2 orange), so the picture is the same in diagrams.net and in mxGraph alone (which has no AWS
 * stencils). Containers carry `container=1` so moving a VPC moves its contents; their title sits in the
 * top band the layout keeps free.
 */
const CONTAINER = `container=1;collapsible=0;recursiveResize=0;html=1;whiteSpace=wrap;verticalAlign=top;align=left;spacingLeft=10;spacingTop=2;fontSize=${FONT.title};`;
const LEAF = `rounded=1;arcSize=12;whiteSpace=wrap;html=1;fontSize=${FONT.node};`;

const TIER_COLOURS: Record<string, string> = {
    public: "fillColor=#F2F6E8;strokeColor=#7AA116;fontColor=#3F6B0A;",
    admin: "fillColor=#FBF1E6;strokeColor=#D86613;fontColor=#8A3D04;",
};
const PRIVATE = "fillColor=#E6F2F8;strokeColor=#147EBA;fontColor=#0B4F79;";

export function nodeStyle(kind: NodeKind, tier?: string): string {
    switch (kind) {
        case "vpc":
            return `${CONTAINER}fillColor=none;strokeColor=#8C4FFF;strokeWidth=2;fontColor=#5A2DB3;fontStyle=1;`;
        case "az":
            return `${CONTAINER}fillColor=none;strokeColor=#147EBA;dashed=1;fontColor=#147EBA;`;
        case "subnet":
            return `${CONTAINER}${TIER_COLOURS[tier ?? ""] ?? PRIVATE}`;
        case "outside":
            return `${CONTAINER}fillColor=none;strokeColor=#999999;dashed=1;fontColor=#666666;`;
        case "host":
            return `${LEAF}fillColor=#FFFFFF;strokeColor=#ED7100;strokeWidth=2;`;
        case "nat":
        case "igw":
            return `${LEAF}fillColor=#F1EAFF;strokeColor=#8C4FFF;`;
        case "endpoint":
            return `${LEAF}fillColor=#F1EAFF;strokeColor=#8C4FFF;dashed=1;`;
        case "lb":
            return `${LEAF}fillColor=#F1EAFF;strokeColor=#8C4FFF;strokeWidth=2;`;
        case "external":
            return `${LEAF}arcSize=50;fillColor=#F5F5F5;strokeColor=#666666;`;
        case "legend":
            return `${LEAF}align=left;spacingLeft=8;fillColor=#FFFFFF;strokeColor=#999999;`;
    }
}

/** Allowed paths solid and coloured (dashed while unknown; against a base, added ones green and thick, removed ones red and dashed), the internet gateway's link dashed purple; ELK's bend points are drawn as given (no edge style re-routes them). */
export function edgeStyle(edge: SceneEdge): string {
    const common = `edgeStyle=none;rounded=1;html=1;fontSize=${FONT.edge};labelBackgroundColor=#FFFFFF;`;
    if (edge.kind === "admit" && edge.change === "added") return `${common}endArrow=block;endFill=1;strokeColor=#1E8E3E;strokeWidth=3;fontColor=#137333;${edge.unknown ? "dashed=1;" : ""}`;
    if (edge.kind === "admit" && edge.change === "removed") return `${common}endArrow=block;endFill=0;strokeColor=#C62828;strokeWidth=1.5;fontColor=#B71C1C;dashed=1;dashPattern=8 4;`;
    if (edge.kind === "admit") return `${common}endArrow=block;endFill=1;strokeColor=#D45B07;strokeWidth=1.5;fontColor=#A33F00;${edge.unknown ? "dashed=1;" : ""}`;
    return `${common}endArrow=none;dashed=1;strokeColor=#8C4FFF;fontColor=#5A2DB3;`;
}
