import { NodeKind } from "./diagram-scene";

/**
 * Styles from draw.io's own AWS 2021 library, so the file looks like one drawn by hand in diagrams.net
 * (VPC and subnet group frames, gateway icons). Containers carry `container=1` so moving a VPC moves
 * its contents.
 */
const GROUP = "points=[];outlineConnect=0;html=1;whiteSpace=wrap;fontSize=12;fontStyle=0;container=1;pointerEvents=0;collapsible=0;recursiveResize=0;shape=mxgraph.aws4.group;verticalAlign=top;align=left;spacingLeft=30;dashed=0;";
const ICON = "outlineConnect=0;fontColor=#232F3E;gradientColor=none;strokeColor=none;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=11;fontStyle=0;aspect=fixed;pointerEvents=1;";

export function nodeStyle(kind: NodeKind, tier?: string): string {
    switch (kind) {
        case "vpc":
            return `${GROUP}grIcon=mxgraph.aws4.group_vpc2;strokeColor=#8C4FFF;fillColor=none;fontColor=#AAB7B8;`;
        case "az":
            return "fillColor=none;strokeColor=#147EBA;dashed=1;verticalAlign=top;fontStyle=0;fontColor=#147EBA;whiteSpace=wrap;html=1;container=1;collapsible=0;";
        case "subnet":
            return tier === "public"
                ? `${GROUP}grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#7AA116;fillColor=#F2F6E8;fontColor=#248814;`
                : `${GROUP}grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#00A4A6;fillColor=#E6F6F7;fontColor=#147EBA;`;
        case "host":
            return "rounded=1;whiteSpace=wrap;html=1;fillColor=#FFE6CC;strokeColor=#D79B00;fontSize=11;";
        case "nat":
            return `${ICON}fillColor=#8C4FFF;shape=mxgraph.aws4.nat_gateway;`;
        case "igw":
            return `${ICON}fillColor=#8C4FFF;shape=mxgraph.aws4.internet_gateway;`;
        case "external":
            return "ellipse;shape=cloud;whiteSpace=wrap;html=1;fillColor=#F5F5F5;strokeColor=#666666;fontSize=11;";
        case "sg":
            return "rounded=0;dashed=1;whiteSpace=wrap;html=1;fillColor=#FFF2CC;strokeColor=#D6B656;fontSize=11;";
        case "outside":
            return "fillColor=none;strokeColor=#999999;dashed=1;verticalAlign=top;whiteSpace=wrap;html=1;container=1;collapsible=0;";
    }
}

export const ADMIT_EDGE = "edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endArrow=block;endFill=1;strokeColor=#D45B07;fontSize=10;fontColor=#D45B07;labelBackgroundColor=#FFFFFF;";
export const ROUTE_EDGE = "edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endArrow=open;dashed=1;strokeColor=#999999;fontSize=9;fontColor=#666666;labelBackgroundColor=#FFFFFF;";
