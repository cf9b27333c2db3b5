/**
 * `npm run diagram:png [-- --stack dev | --from export.json [--base base.json]] [--out docs/network-dev.png]`: draws a stack's
 * network.drawio (with --base, the change from base.json drawn in: added paths green, removed ones dashed red) with
 * draw.io's own library (mxGraph) in Debian's headless chromium and saves it as PNG, after checking what
 * mxGraph measured: every cell decoded, no two labels overlapping. Not part of `npm test` (needs chromium).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join, resolve } from "path";
import { pathToFileURL } from "url";
import { InputError } from "../cli/input-error";
import { runCommand } from "../cli/run-command";
import { insideWithMargin, overlappingLabels } from "./geometry";
import { runChromium } from "./chromium";
import { PageReport, renderPage } from "./render-page";
import { fileDiagramXml, stackDiagramXml } from "./stack-diagram";

const MARGIN = 20;
const PROJECT = resolve(__dirname, "../..");

function parseArgs(argv: string[]): { stack: string; out: string; from?: string; base?: string } {
    let stack = "dev";
    let out: string | undefined;
    let from: string | undefined;
    let base: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const [flag, value] = [argv[i], argv[i + 1]];
        const example: Record<string, string> = { "--stack": "prod", "--out": "out/network.png", "--from": "stack-export.json", "--base": "base-export.json" };
        if (!(flag in example)) throw new InputError(`unknown argument ${flag}: use --stack <name> or --from <export.json> [--base <base.json>], and --out <file.png>`);
        if (value === undefined || value.startsWith("--")) throw new InputError(`${flag} needs a value, e.g. ${flag} ${example[flag]}`);
        if (flag === "--stack") stack = value;
        else if (flag === "--out") out = value;
        else if (flag === "--base") base = value;
        else from = value;
        i++;
    }
    if (base && !from) throw new InputError("--base needs --from: the change is drawn from --base <base.json> to --from <new.json>");
    return { stack, from, base, out: resolve(out ?? join(PROJECT, "docs", `network-${stack}.png`)) };
}

async function main(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    const { xml, cells } = args.from ? await fileDiagramXml(args.from, args.base) : await stackDiagramXml(args.stack);
    const dir = mkdtempSync(join(tmpdir(), "diagram-page-"));
    try {
        const page = join(dir, "page.html");
        writeFileSync(page, renderPage(xml, dirname(require.resolve("mxgraph/package.json")), MARGIN));
        const url = pathToFileURL(page).href;
        const dom = runChromium(url, ["--dump-dom", "--virtual-time-budget=10000"]);
        const json = /<pre id="report">([^<]*)<\/pre>/.exec(dom)?.[1];
        if (!json) throw new Error("mxGraph did not draw the page (no report in the DOM): is node_modules/mxgraph installed? run npm ci");
        const report = JSON.parse(json.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")) as PageReport;
        const problems: string[] = [];
        if (report.cells !== cells) problems.push(`mxCodec decoded ${report.cells} cells, the file has ${cells}`);
        for (const [a, b] of overlappingLabels(report.labels)) problems.push(`labels of ${a.id} and ${b.id} overlap as mxGraph draws them`);
        // a box's text must fit in it (the layout sized boxes from an estimate; this is the measured text)
        for (const l of report.labels.filter((x) => !x.edge)) if (!insideWithMargin(l, l.cell, 0)) problems.push(`the text of ${l.id} does not fit in its box as mxGraph draws it`);
        const width = Math.ceil(report.bounds.width + 2 * MARGIN);
        const height = Math.ceil(report.bounds.height + 2 * MARGIN);
        runChromium(url, [`--screenshot=${args.out}`, `--window-size=${width},${height}`, "--virtual-time-budget=10000"]);
        process.stdout.write(`${args.out}: ${width}x${height} px, ${report.cells} cells decoded by mxCodec, ${report.labels.length} labels measured by mxGraph\n`);
        for (const p of problems) process.stdout.write(`problem: ${p}\n`);
        return problems.length > 0 ? 1 : 0;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

runCommand(() => main(process.argv.slice(2)));
