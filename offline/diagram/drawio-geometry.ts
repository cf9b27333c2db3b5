import { XMLParser } from "fast-xml-parser";
import { midpoint } from "../artifacts/drawio";
import { FONT, textSize } from "./text-size";
import { Point, Rect } from "./geometry";

/** A vertex as the file places it, with its box made absolute by adding up its containers' offsets. */
export interface DrawnVertex { id: string; parent: string; value: string; container: boolean; box: Rect; title?: Rect }
/** An edge as drawn: its route from connection point through bend points to connection point, and its label box. */
export interface DrawnEdge { id: string; source: string; target: string; value: string; route: Point[]; label?: Rect }
export interface Drawing { vertices: Map<string, DrawnVertex>; edges: DrawnEdge[]; cellCount: number }

interface XmlPoint { "@_x"?: string; "@_y"?: string; "@_as"?: string }
interface XmlGeometry { "@_x"?: string; "@_y"?: string; "@_width"?: string; "@_height"?: string; Array?: { mxPoint?: XmlPoint[] }; mxPoint?: XmlPoint[] }
type XmlCell = Partial<Record<"@_id" | "@_value" | "@_style" | "@_parent" | "@_vertex" | "@_edge" | "@_source" | "@_target", string>> & { mxGeometry?: XmlGeometry };

const num = (s: string | undefined) => Number(s ?? 0);
const styleOf = (style: string | undefined) => new Map((style ?? "").split(";").filter(Boolean).map((kv) => kv.split("=") as [string, string]));
const lines = (value: string) => (value === "" ? [] : value.split("<br>"));

/**
 * Reads a .drawio file back the way draw.io places things, without a browser: vertex geometry is relative
 * to the parent cell, an edge with fixed connection points (exitX/exitY, entryX/entryY) runs from there
 * through its bend points, and its label is centred half way along the route plus the geometry's offset.
 * Text boxes are sized with the layout's own estimate (mxGraph itself measures them in render-png).
 */
export function readDrawing(xml: string): Drawing {
    const arrays = new Set(["mxCell", "mxPoint"]);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => arrays.has(name) }).parse(xml);
    const cells = doc.mxfile.diagram.mxGraphModel.root.mxCell as XmlCell[];
    const byId = new Map(cells.map((c) => [c["@_id"] as string, c]));
    const vertices = new Map<string, DrawnVertex>();
    const place = (id: string): DrawnVertex | undefined => {
        const cell = byId.get(id);
        if (!cell || cell["@_vertex"] !== "1") return undefined;
        const known = vertices.get(id);
        if (known) return known;
        const g: XmlGeometry = cell.mxGeometry ?? {};
        const parent = place(cell["@_parent"] ?? "")?.box ?? { x: 0, y: 0 };
        const box = { x: parent.x + num(g["@_x"]), y: parent.y + num(g["@_y"]), width: num(g["@_width"]), height: num(g["@_height"]) };
        const value = cell["@_value"] ?? "";
        const container = styleOf(cell["@_style"]).get("container") === "1";
        const text = textSize(lines(value), FONT.title);
        const title = container ? { x: box.x + 10, y: box.y + 2, width: text.width, height: text.height } : undefined;
        const v = { id, parent: cell["@_parent"] ?? "", value, container, box, title };
        vertices.set(id, v);
        return v;
    };
    for (const id of byId.keys()) place(id);
    const edges: DrawnEdge[] = [];
    for (const c of cells.filter((x) => x["@_edge"] === "1")) {
        const style = styleOf(c["@_style"]);
        const source = vertices.get(c["@_source"] ?? "");
        const target = vertices.get(c["@_target"] ?? "");
        if (!source || !target) continue;
        const at = (b: Rect, fx: string | undefined, fy: string | undefined) => ({ x: b.x + Number(fx) * b.width, y: b.y + Number(fy) * b.height });
        const bends = (c.mxGeometry?.Array?.mxPoint ?? []).map((p) => ({ x: num(p["@_x"]), y: num(p["@_y"]) }));
        const route = [at(source.box, style.get("exitX"), style.get("exitY")), ...bends, at(target.box, style.get("entryX"), style.get("entryY"))];
        const value = c["@_value"] ?? "";
        let label: Rect | undefined;
        if (value !== "") {
            const offset = (c.mxGeometry?.mxPoint ?? []).find((p) => p["@_as"] === "offset");
            const mid = midpoint(route);
            const text = textSize(lines(value), FONT.edge);
            const center = { x: mid.x + num(offset?.["@_x"]), y: mid.y + num(offset?.["@_y"]) };
            label = { x: center.x - text.width / 2, y: center.y - text.height / 2, width: text.width, height: text.height };
        }
        edges.push({ id: c["@_id"] as string, source: source.id, target: target.id, value, route, label });
    }
    return { vertices, edges, cellCount: cells.length };
}
