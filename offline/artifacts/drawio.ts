import { XMLBuilder } from "fast-xml-parser";
import { Scene } from "./diagram-scene";
import { Box, layout, Point } from "./drawio-layout";
import { edgeStyle, nodeStyle } from "./drawio-styles";

/** Labels are HTML in draw.io (`html=1`): escape the text, join lines with <br>; the XML writer escapes again. */
function htmlLabel(lines: string[]): string {
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return lines.filter((l) => l !== "").map(esc).join("<br>");
}

/** The point half way along a polyline, where draw.io anchors an edge's label (geometry x = 0). */
export function midpoint(points: Point[]): Point {
    const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i].x, p.y - points[i].y));
    let rest = lengths.reduce((a, b) => a + b, 0) / 2;
    for (const [i, len] of lengths.entries()) {
        if (rest <= len && len > 0) {
            const f = rest / len;
            return { x: points[i].x + (points[i + 1].x - points[i].x) * f, y: points[i].y + (points[i + 1].y - points[i].y) * f };
        }
        rest -= len;
    }
    return points[points.length - 1] ?? { x: 0, y: 0 };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Where on a box's border a route starts or ends, as draw.io's relative connection point (0..1 each way). */
function anchor(box: Box, p: Point): { x: number; y: number } {
    return { x: round((p.x - box.x) / box.width), y: round((p.y - box.y) / box.height) };
}

/**
 * network.drawio: an uncompressed mxfile (diagrams.net, draw.io desktop and the VS Code extension open it
 * as is), laid out by ELK. Cells 0 and 1 are the mandatory root and default layer; boxes nest in their
 * containers with geometry relative to them; arrows live on the layer with ELK's bend points, fixed
 * connection points and their label moved to where ELK reserved room for it.
 */
export async function drawioXml(scene: Scene, title: string): Promise<string> {
    const laid = await layout(scene);
    const absolute = new Map<string, Box>();
    const abs = (id: string): Box => {
        const known = absolute.get(id);
        if (known) return known;
        const box = laid.boxes.get(id) ?? { x: 0, y: 0, width: 150, height: 50 };
        const parent = scene.nodes.find((n) => n.id === id)?.parent;
        const origin = parent ? abs(parent) : { x: 0, y: 0 };
        const result = { ...box, x: origin.x + box.x, y: origin.y + box.y };
        absolute.set(id, result);
        return result;
    };
    const cells: Record<string, unknown>[] = [{ "@_id": "0" }, { "@_id": "1", "@_parent": "0" }];
    for (const node of scene.nodes) {
        const box = laid.boxes.get(node.id) ?? { x: 0, y: 0, width: 150, height: 50 };
        cells.push({
            "@_id": node.id,
            "@_value": htmlLabel(node.lines),
            "@_style": nodeStyle(node.kind, node.tier),
            "@_vertex": "1",
            "@_parent": node.parent ?? "1",
            mxGeometry: { "@_x": round(box.x), "@_y": round(box.y), "@_width": round(box.width), "@_height": round(box.height), "@_as": "geometry" },
        });
    }
    laid.edges.forEach(({ edge, points, label }, i) => {
        if (points.length < 2) return;
        const exit = anchor(abs(edge.from), points[0]);
        const entry = anchor(abs(edge.to), points[points.length - 1]);
        const mid = midpoint(points);
        const offset = label ? { x: round(label.x + label.width / 2 - mid.x), y: round(label.y + label.height / 2 - mid.y) } : { x: 0, y: 0 };
        const bends = points.slice(1, -1).map((p) => ({ "@_x": round(p.x), "@_y": round(p.y) }));
        cells.push({
            "@_id": `edge${i}`,
            "@_value": htmlLabel(edge.label.split("\n")),
            "@_style": `${edgeStyle(edge)}exitX=${exit.x};exitY=${exit.y};exitPerimeter=0;entryX=${entry.x};entryY=${entry.y};entryPerimeter=0;`,
            "@_edge": "1",
            "@_parent": "1",
            "@_source": edge.from,
            "@_target": edge.to,
            mxGeometry: {
                "@_relative": "1",
                "@_as": "geometry",
                ...(bends.length > 0 ? { Array: { "@_as": "points", mxPoint: bends } } : {}),
                mxPoint: { "@_x": offset.x, "@_y": offset.y, "@_as": "offset" },
            },
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
