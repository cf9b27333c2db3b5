import { XMLBuilder } from "fast-xml-parser";
import { Scene } from "./diagram-scene";
import { layout } from "./drawio-layout";
import { ADMIT_EDGE, nodeStyle, ROUTE_EDGE } from "./drawio-styles";

/** Labels are HTML in draw.io (`html=1`): escape the text, join lines with <br>; the XML writer escapes again. */
function htmlLabel(lines: string[]): string {
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return lines.filter((l) => l !== "").map(esc).join("<br>");
}

/**
 * network.drawio: an uncompressed mxfile (diagrams.net, draw.io desktop and the VS Code extension
 * open it as is). Cells 0 and 1 are the mandatory root and default layer.
 */
export function drawioXml(scene: Scene, title: string): string {
    const boxes = layout(scene);
    const cells: Record<string, unknown>[] = [{ "@_id": "0" }, { "@_id": "1", "@_parent": "0" }];
    for (const node of scene.nodes) {
        const box = boxes.get(node.id) ?? { x: 0, y: 0, width: 120, height: 60 };
        cells.push({
            "@_id": node.id,
            "@_value": htmlLabel(node.lines),
            "@_style": nodeStyle(node.kind, node.tier),
            "@_vertex": "1",
            "@_parent": node.parent ?? "1",
            mxGeometry: { "@_x": box.x, "@_y": box.y, "@_width": box.width, "@_height": box.height, "@_as": "geometry" },
        });
    }
    scene.edges.forEach((edge, i) => {
        cells.push({
            "@_id": `edge${i}`,
            "@_value": htmlLabel(edge.label.split("\n")),
            "@_style": edge.kind === "admit" ? ADMIT_EDGE : ROUTE_EDGE,
            "@_edge": "1",
            "@_parent": "1",
            "@_source": edge.from,
            "@_target": edge.to,
            mxGeometry: { "@_relative": "1", "@_as": "geometry" },
        });
    });
    const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true });
    return builder.build({
        "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
        mxfile: {
            "@_host": "bastion-network",
            "@_type": "device",
            diagram: {
                "@_id": "network",
                "@_name": title,
                mxGraphModel: {
                    "@_dx": 1200, "@_dy": 800, "@_grid": 1, "@_gridSize": 10, "@_guides": 1, "@_tooltips": 1,
                    "@_connect": 1, "@_arrows": 1, "@_fold": 1, "@_page": 1, "@_pageScale": 1,
                    "@_pageWidth": 1169, "@_pageHeight": 827, "@_math": 0, "@_shadow": 0,
                    root: { mxCell: cells },
                },
            },
        },
    });
}
