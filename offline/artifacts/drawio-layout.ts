import ELK, { ElkExtendedEdge, ElkNode, LayoutOptions } from "elkjs/lib/elk.bundled.js";
import { FONT, textSize } from "../diagram/text-size";
import { Scene, SceneEdge, SceneNode } from "./diagram-scene";

export interface Point { x: number; y: number }
export interface Box { x: number; y: number; width: number; height: number }

/** Where everything goes: boxes relative to their parent (as draw.io nests them), edges and their labels absolute. */
export interface Layout {
    boxes: Map<string, Box>;
    edges: { edge: SceneEdge; points: Point[]; label?: Box }[];
}

const CONTAINERS = new Set<SceneNode["kind"]>(["vpc", "az", "subnet", "outside"]);
/** Space between a container's border and its children, on every side but the top (which also holds the title). */
export const MARGIN = 18;
const TITLE_GAP = 12;

export function isContainer(node: SceneNode): boolean {
    return CONTAINERS.has(node.kind);
}

/** The box a leaf needs for its label, with room around the text. */
function leafSize(node: SceneNode): { width: number; height: number } {
    const text = textSize(node.lines, FONT.node);
    return { width: Math.max(150, text.width + 24), height: text.height + 18 };
}

/** A container's title sits in its top band, left-aligned, in the title font. */
export function titleHeight(node: SceneNode): number {
    return textSize(node.lines, FONT.title).height + 8;
}

const ROOT_OPTIONS: LayoutOptions = {
    "elk.algorithm": "layered",
    // left to right: arrows enter a container from the side, below its title band, so they never cross a title
    "elk.direction": "RIGHT",
    "elk.hierarchyHandling": "INCLUDE_CHILDREN",
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.json.edgeCoords": "ROOT",
    "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
    "elk.layered.spacing.nodeNodeBetweenLayers": "36",
    "elk.layered.spacing.edgeNodeBetweenLayers": "20",
    "elk.spacing.nodeNode": "36",
    "elk.spacing.edgeNode": "20",
    "elk.spacing.edgeEdge": "14",
    "elk.spacing.edgeLabel": "4",
    "elk.edgeLabels.placement": "CENTER",
    "elk.padding": "[top=20,left=20,bottom=20,right=20]",
};

function elkGraph(scene: Scene): ElkNode {
    const children = new Map<string | undefined, SceneNode[]>();
    for (const n of scene.nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
    const toElk = (n: SceneNode): ElkNode => {
        const title = textSize(n.lines, FONT.title);
        const minimum = { width: title.width + 2 * MARGIN, height: titleHeight(n) + TITLE_GAP + MARGIN };
        if (!isContainer(n)) return { id: n.id, ...leafSize(n) };
        // an empty container is laid out as a plain box of its minimum size
        if (!children.has(n.id)) return { id: n.id, width: Math.max(minimum.width, 186), height: minimum.height + 20 };
        return {
            id: n.id,
            layoutOptions: {
                "elk.padding": `[top=${titleHeight(n) + TITLE_GAP},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`,
                "elk.nodeSize.constraints": "MINIMUM_SIZE",
                // (ELK 0.12 applies a compound node's minimum size transposed when the direction is DOWN)
                "elk.nodeSize.minimum": `(${minimum.width}, ${minimum.height})`,
            },
            children: (children.get(n.id) ?? []).map(toElk),
        };
    };
    const edges: ElkExtendedEdge[] = scene.edges
        .map((e, i) => ({ e, i }))
        // a subnet's routes are written in its title: as arrows from every subnet they cross the picture
        .filter(({ e }) => e.kind !== "route")
        .map(({ e, i }) => ({ id: `e${i}`, sources: [e.from], targets: [e.to], labels: [{ id: `e${i}-label`, text: e.label, ...labelSize(e) }] }));
    return { id: "root", layoutOptions: ROOT_OPTIONS, children: (children.get(undefined) ?? []).map(toElk), edges };
}

/** An edge label's box: its text plus the white background draw.io paints behind it. */
export function labelSize(edge: SceneEdge): { width: number; height: number } {
    const text = textSize(edge.label.split("\n"), FONT.edge);
    return { width: text.width + 6, height: text.height + 2 };
}

/**
 * Lays the scene out with ELK's layered algorithm over the whole hierarchy at once (so arrows between
 * hosts in different subnets are routed around boxes, not through them), left to right, orthogonal edges.
 */
export async function layout(scene: Scene): Promise<Layout> {
    const result = await new ELK().layout(elkGraph(scene));
    const boxes = new Map<string, Box>();
    const walk = (n: ElkNode) => {
        for (const c of n.children ?? []) {
            boxes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
            walk(c);
        }
    };
    walk(result);
    const edges = (result.edges ?? []).map((e) => {
        const edge = scene.edges[Number(e.id.slice(1))];
        const section = e.sections?.[0];
        const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
        const l = e.labels?.[0];
        const label = l ? { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 } : undefined;
        return { edge, points, label };
    });
    return { boxes, edges };
}
