import { Drawing, DrawnVertex } from "./drawio-geometry";
import { insideWithMargin, overlappingLabels, Rect, segmentEntersBox } from "./geometry";

/** The least room a child keeps from its container's border (the layout keeps 18). */
export const MIN_MARGIN = 10;

function ancestors(d: Drawing, id: string): string[] {
    const v = d.vertices.get(id);
    return v && d.vertices.has(v.parent) ? [v.parent, ...ancestors(d, v.parent)] : [];
}

/** Every child inside its parent with room to spare, and below the parent's title. */
export function containmentProblems(d: Drawing): string[] {
    const problems: string[] = [];
    for (const v of d.vertices.values()) {
        const parent = d.vertices.get(v.parent);
        if (!parent) continue;
        if (!insideWithMargin(v.box, parent.box, MIN_MARGIN)) problems.push(`${v.id} is not inside ${parent.id} with a ${MIN_MARGIN} px margin`);
        if (parent.title && v.box.y < parent.title.y + parent.title.height + 4) problems.push(`${v.id} covers the title of ${parent.id}`);
    }
    return problems;
}

/** No segment of an arrow runs through a box other than its two ends and the containers they sit in. */
export function crossingProblems(d: Drawing): string[] {
    const problems: string[] = [];
    for (const e of d.edges) {
        const allowed = new Set([e.source, e.target, ...ancestors(d, e.source), ...ancestors(d, e.target)]);
        for (const v of d.vertices.values()) {
            if (allowed.has(v.id)) continue;
            const hit = e.route.slice(1).some((q, i) => segmentEntersBox(e.route[i], q, v.box));
            if (hit) problems.push(`${e.id} (${e.value}) runs through ${v.id}`);
        }
    }
    return problems;
}

type Labelled = Rect & { id: string };

/** Every text on the picture: leaf labels (their whole box), container titles, arrow labels. */
export function labelBoxes(d: Drawing): Labelled[] {
    const leaf = (v: DrawnVertex): Labelled[] => (v.title ? [{ id: `${v.id} title`, ...v.title }] : v.value ? [{ id: v.id, ...v.box }] : []);
    return [...[...d.vertices.values()].flatMap(leaf), ...d.edges.flatMap((e) => (e.label ? [{ id: `${e.id} label`, ...e.label }] : []))];
}

/** No two texts overlap, and no arrow runs through a text that is not its own label. */
export function labelProblems(d: Drawing): string[] {
    const labels = labelBoxes(d);
    const problems = overlappingLabels(labels).map(([a, b]) => `${a.id} overlaps ${b.id}`);
    for (const e of d.edges) {
        for (const l of labels) {
            if (l.id === `${e.id} label` || l.id === e.source || l.id === e.target) continue;
            if (e.route.slice(1).some((q, i) => segmentEntersBox(e.route[i], q, l))) problems.push(`${e.id} (${e.value}) runs through ${l.id}`);
        }
    }
    return problems;
}

/** Everything a reader would object to, one line each; empty when the drawing is clean. */
export function drawingProblems(d: Drawing): string[] {
    return [...containmentProblems(d), ...crossingProblems(d), ...labelProblems(d)];
}
