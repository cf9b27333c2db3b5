/** Plain rectangle and segment tests the diagram checks share (draw.io's y axis points down). */
export interface Rect { x: number; y: number; width: number; height: number }
export interface Point { x: number; y: number }

/** True when the two rectangles share area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Every pair of labels whose boxes overlap. */
export function overlappingLabels<T extends Rect>(labels: T[]): [T, T][] {
    const pairs: [T, T][] = [];
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => overlaps(a, b) && pairs.push([a, b])));
    return pairs;
}

/** `inner` lies inside `outer` with at least `margin` to spare on every side. */
export function insideWithMargin(inner: Rect, outer: Rect, margin: number): boolean {
    return inner.x >= outer.x + margin && inner.y >= outer.y + margin
        && inner.x + inner.width <= outer.x + outer.width - margin && inner.y + inner.height <= outer.y + outer.height - margin;
}

/** Whether segment p-q passes through the inside of `box` (Liang-Barsky clipping; running along its border does not count). */
export function segmentEntersBox(p: Point, q: Point, box: Rect): boolean {
    const eps = 0.5;
    const [x0, y0, x1, y1] = [box.x + eps, box.y + eps, box.x + box.width - eps, box.y + box.height - eps];
    let t0 = 0;
    let t1 = 1;
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    for (const [pk, qk] of [[-dx, p.x - x0], [dx, x1 - p.x], [-dy, p.y - y0], [dy, y1 - p.y]]) {
        if (pk === 0) {
            if (qk < 0) return false;
            continue;
        }
        const t = qk / pk;
        if (pk < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
        if (t0 > t1) return false;
    }
    return t1 - t0 > 1e-9;
}

/** Whether segment p-q crosses the border of `box` (one end inside, one outside, or passing through). */
export function segmentCrossesBorder(p: Point, q: Point, box: Rect): boolean {
    const inside = (r: Point) => r.x > box.x && r.x < box.x + box.width && r.y > box.y && r.y < box.y + box.height;
    return segmentEntersBox(p, q, box) && !(inside(p) && inside(q));
}
