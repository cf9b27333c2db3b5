import * as assert from "assert";
import { midpoint } from "../../../offline/artifacts/drawio";
import { readDrawing } from "../../../offline/diagram/drawio-geometry";
import { insideWithMargin, overlaps, segmentEntersBox } from "../../../offline/diagram/geometry";

const XML = `<?xml version="1.0"?><mxfile><diagram><mxGraphModel><root>
<mxCell id="0"/><mxCell id="1" parent="0"/>
<mxCell id="box" value="VPC v&lt;br&gt;10.0.0.0/24" style="container=1;" vertex="1" parent="1"><mxGeometry x="100" y="50" width="300" height="200" as="geometry"/></mxCell>
<mxCell id="a" value="a" style="rounded=1;" vertex="1" parent="box"><mxGeometry x="20" y="40" width="60" height="40" as="geometry"/></mxCell>
<mxCell id="b" value="b" style="rounded=1;" vertex="1" parent="1"><mxGeometry x="500" y="200" width="60" height="40" as="geometry"/></mxCell>
<mxCell id="e" value="tcp 22" style="exitX=1;exitY=0.5;entryX=0;entryY=0.5;" edge="1" parent="1" source="a" target="b">
  <mxGeometry relative="1" as="geometry"><Array as="points"><mxPoint x="300" y="110"/><mxPoint x="300" y="220"/></Array><mxPoint x="4" y="-10" as="offset"/></mxGeometry></mxCell>
</root></mxGraphModel></diagram></mxfile>`;

describe("reading a .drawio back into absolute geometry", () => {
    const d = readDrawing(XML);

    it("adds up container offsets and finds container titles", () => {
        assert.deepStrictEqual(d.vertices.get("a")!.box, { x: 120, y: 90, width: 60, height: 40 });
        assert.strictEqual(d.vertices.get("box")!.container, true);
        assert.deepStrictEqual({ x: d.vertices.get("box")!.title!.x, y: d.vertices.get("box")!.title!.y }, { x: 110, y: 52 });
        assert.strictEqual(d.vertices.get("a")!.title, undefined);
        assert.strictEqual(d.cellCount, 6);
    });

    it("routes an edge from its exit point through its bends to its entry point", () => {
        assert.deepStrictEqual(d.edges[0].route, [{ x: 180, y: 110 }, { x: 300, y: 110 }, { x: 300, y: 220 }, { x: 500, y: 220 }]);
    });

    it("centres an edge label half way along the route, plus the offset (as mxGraph does for geometry x = 0)", () => {
        // lengths 120 + 110 + 200 = 430: half way is 215, 95 down the vertical segment
        assert.deepStrictEqual(midpoint(d.edges[0].route), { x: 300, y: 205 });
        const l = d.edges[0].label!;
        assert.deepStrictEqual({ x: l.x + l.width / 2, y: l.y + l.height / 2 }, { x: 304, y: 195 });
    });
});

describe("rectangle and segment tests", () => {
    const box = { x: 10, y: 10, width: 20, height: 20 };

    it("a segment through a box enters it; one along its border or beside it does not", () => {
        assert.strictEqual(segmentEntersBox({ x: 0, y: 20 }, { x: 40, y: 20 }, box), true);
        assert.strictEqual(segmentEntersBox({ x: 20, y: 0 }, { x: 20, y: 15 }, box), true);
        assert.strictEqual(segmentEntersBox({ x: 0, y: 10 }, { x: 40, y: 10 }, box), false);
        assert.strictEqual(segmentEntersBox({ x: 0, y: 5 }, { x: 40, y: 5 }, box), false);
        assert.strictEqual(segmentEntersBox({ x: 20, y: 0 }, { x: 20, y: 9 }, box), false);
    });

    it("overlap needs shared area; inside-with-margin needs the room on every side", () => {
        assert.strictEqual(overlaps(box, { x: 29, y: 29, width: 5, height: 5 }), true);
        assert.strictEqual(overlaps(box, { x: 30, y: 10, width: 5, height: 5 }), false);
        assert.strictEqual(insideWithMargin({ x: 15, y: 15, width: 10, height: 10 }, box, 5), true);
        assert.strictEqual(insideWithMargin({ x: 15, y: 15, width: 11, height: 10 }, box, 5), false);
    });
});
