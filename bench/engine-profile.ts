/**
 * `npm run bench -- --engine --profile [--size N] [--profile-dir DIR]`: a CPU profile of each pack's process
 * during a real `pulumi preview` of the synthetic stack, and where its time goes (bench/profile-pack.ts).
 *
 * The CLI starts a pack as `node .../@pulumi/pulumi/cmd/run-policy-pack <folder>` through the Node.js language
 * host, with the CLI's environment. Node refuses `--cpu-prof` in NODE_OPTIONS but takes `--require`: a preloaded
 * script starts V8's sampling profiler (the inspector's, what `--cpu-prof` uses, at its 1 ms interval) in every
 * node process of the preview (the program's too); the pack's profile is the one
 * that ran @pulumi/policy's analyzer server.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { prepareEngineBench, timedPreview, VariantName } from "./engine";
import { Breakdown, breakdownReport, comparisonTable, isPackProfile, summarizeProfile } from "./profile-pack";

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const PROFILED: VariantName[] = ["floor", "ours", "awsguard"];

export interface ProfileRun {
    dir: string;
    resources: number;
    previewSeconds: Partial<Record<VariantName, number>>;
    breakdowns: Partial<Record<VariantName, Breakdown>>;
    loadAverage: [number, number];
}

export function profileEngine(size: number, outDir?: string): ProfileRun {
    const loadAtStart = os.loadavg()[0];
    const dir = outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "bench-profile-"));
    const raw = path.join(dir, "raw");
    fs.mkdirSync(raw, { recursive: true });
    const preload = path.join(dir, "cpu-profile.js");
    fs.writeFileSync(preload, profilerPreload(raw));
    const nodeOptions = `${process.env.NODE_OPTIONS ?? ""} --require=${preload}`.trim();
    const { ws, resources, args } = prepareEngineBench(size, { NODE_OPTIONS: nodeOptions });
    const run: ProfileRun = { dir, resources, previewSeconds: {}, breakdowns: {}, loadAverage: [loadAtStart, 0] };
    try {
        log(`bench --engine --profile: warm-up (${resources} resources)...`);
        for (const name of PROFILED) timedPreview(ws, args[name]);
        for (const name of PROFILED) {
            for (const f of fs.readdirSync(raw)) fs.rmSync(path.join(raw, f));
            run.previewSeconds[name] = timedPreview(ws, args[name]).seconds;
            const keep = path.join(dir, name);
            fs.mkdirSync(keep, { recursive: true });
            let pack: string | undefined;
            for (const f of fs.readdirSync(raw)) {
                const to = path.join(keep, f);
                fs.renameSync(path.join(raw, f), to);
                if (isPackProfile(to)) pack = to;
            }
            if (!pack) throw new Error(`no profile of the ${name} pack's process in ${keep}: did the CLI pass NODE_OPTIONS to the language host?`);
            run.breakdowns[name] = summarizeProfile(pack);
            log(`bench --engine --profile: ${name}: preview ${run.previewSeconds[name]!.toFixed(2)} s, profile ${pack}`);
        }
    } finally {
        ws.remove();
    }
    run.loadAverage[1] = os.loadavg()[0];
    return run;
}

/**
 * The preloaded script. The CLI ends a pack by cancelling its RunPlugin call, and the language host then kills
 * node outright (no exit handler runs): the profile is written as soon as the pack has answered AnalyzeStack,
 * the last call of a preview, by wrapping that handler where the pack's gRPC server is given it. A process that
 * exits normally (the program) writes its profile at exit.
 */
function profilerPreload(outDir: string): string {
    return `const inspector = require("inspector");
const fs = require("fs");
const Module = require("module");
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 1000 });
session.post("Profiler.start");
const started = Date.now();
let written = false;
function writeProfile() {
    if (written) return;
    written = true;
    // The main thread's session answers synchronously, so this also completes inside an exit handler.
    session.post("Profiler.stop", (err, result) => {
        if (!err) fs.writeFileSync(${JSON.stringify(outDir)} + "/CPU." + started + "." + process.pid + ".cpuprofile", JSON.stringify(result.profile));
    });
}
process.on("exit", writeProfile);
const load = Module._load;
Module._load = function (request) {
    const loaded = load.apply(this, arguments);
    const Server = request === "@grpc/grpc-js" && loaded.Server;
    if (Server && !Server.prototype.benchProfileWrapped) {
        Server.prototype.benchProfileWrapped = true;
        const addService = Server.prototype.addService;
        Server.prototype.addService = function (service, impl) {
            const analyzeStack = impl && impl.analyzeStack;
            if (typeof analyzeStack === "function") {
                impl = Object.assign({}, impl, {
                    analyzeStack(call, callback) {
                        return analyzeStack.call(this, call, (err, res) => { callback(err, res); setImmediate(writeProfile); });
                    },
                });
            }
            return addService.call(this, service, impl);
        };
    }
    return loaded;
};
`;
}

export function profileReport(run: ProfileRun): string {
    const names = PROFILED.filter((n) => run.breakdowns[n]);
    return [
        `CPU profile of each pack's process during one \`pulumi preview\` of ${run.resources} resources ` +
            `(load average ${run.loadAverage[0].toFixed(1)} -> ${run.loadAverage[1].toFixed(1)}); profiles in ${run.dir}`,
        "",
        comparisonTable(names.map((n) => [n, run.breakdowns[n]!, run.previewSeconds[n]])),
        "",
        ...names.map((n) => breakdownReport(n, run.breakdowns[n]!)),
    ].join("\n");
}
