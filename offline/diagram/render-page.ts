import { pathToFileURL } from "url";

/** What the page reports back, measured by mxGraph itself after decoding the file. */
export interface PageReport {
    cells: number;
    bounds: { x: number; y: number; width: number; height: number };
    /** Every label as mxGraph laid out its text: cell id, edge or not, the text's box and the cell's own box. */
    labels: { id: string; edge: boolean; x: number; y: number; width: number; height: number; cell: { x: number; y: number; width: number; height: number } }[];
}

/**
 * A local page that loads draw.io's own library (mxGraph, from node_modules), decodes the .drawio file
 * with mxCodec into a graph and draws it; it then writes what mxGraph measured into <pre id="report">
 * so a second browser run (--dump-dom) can check it.
 */
export function renderPage(drawioXml: string, mxgraphDir: string, margin: number): string {
    const base = pathToFileURL(`${mxgraphDir}/javascript/src`).href;
    const client = pathToFileURL(`${mxgraphDir}/javascript/mxClient.min.js`).href;
    return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>html,body{margin:0;background:#fff}#graph{position:absolute;left:0;top:0;overflow:hidden}#report{display:none}</style>
<script>var mxBasePath=${JSON.stringify(base)};var mxLoadResources=false;var mxLoadStylesheets=false;</script>
<script src="${client}"></script>
</head><body><div id="graph"></div><pre id="report"></pre>
<script>
(function () {
    var xml = ${JSON.stringify(drawioXml)};
    var doc = mxUtils.parseXml(xml);
    var modelNode = doc.getElementsByTagName("mxGraphModel")[0];
    var container = document.getElementById("graph");
    container.style.width = "100000px";
    container.style.height = "100000px";
    var graph = new mxGraph(container);
    graph.setEnabled(false);
    graph.foldingEnabled = false;
    // as draw.io does: a cell's label is HTML when its style says html=1
    graph.isHtmlLabel = function (cell) { return graph.getCurrentCellStyle(cell).html == "1"; };
    new mxCodec(doc).decode(modelNode, graph.getModel());
    var bounds = graph.getGraphBounds();
    graph.view.setTranslate(${margin} - bounds.x, ${margin} - bounds.y);
    bounds = graph.getGraphBounds();
    var labels = [];
    var cells = 0;
    var model = graph.getModel();
    for (var id in model.cells) {
        cells++;
        var state = graph.view.getState(model.cells[id]);
        if (state && state.text && state.text.boundingBox && model.cells[id].value) {
            var b = state.text.boundingBox;
            labels.push({ id: id, edge: model.isEdge(model.cells[id]), x: b.x, y: b.y, width: b.width, height: b.height,
                cell: { x: state.x, y: state.y, width: state.width, height: state.height } });
        }
    }
    document.getElementById("report").textContent = JSON.stringify({ cells: cells, bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }, labels: labels });
})();
</script></body></html>
`;
}
