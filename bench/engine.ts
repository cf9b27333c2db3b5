/**
 * `npm run bench -- --engine [--size N] [--runs N] [--json]`: the pack's cost inside a real `pulumi preview`.
 *
 * A program registers the synthetic stack (bench/synthetic.ts, ~1,000 resources by default) as plain
 * `CustomResource`s and `ComponentResource`s of the same types, names, inputs and parents; the real CLI previews
 * it against the stand-in AWS provider four ways in one run — no pack, a floor pack (one resource rule and one
 * stack rule that do nothing), our pack, @pulumi/awsguard (all rules advisory; ours with every rule advisory too,
 * so the synthetic stack's deliberate mistakes never stop the preview) — interleaved, median of the runs. A
 * pack's overhead is its preview time minus the no-pack time; the floor's is what any pack pays before its rules
 * do any work. Nothing is deployed: a preview against the stand-in provider.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Engine, locateEngine } from "../engine/locate";
import { createWorkspace, EngineWorkspace } from "../engine/workspace";
import { compileOurPack, writeAwsGuardPack, writeFloorPack } from "./engine-packs";
import { syntheticStack } from "./synthetic";
import { median } from "./timing";

const log = (msg: string) => process.stderr.write(`${msg}\n`);

export interface EngineBenchOptions {
    size: number;
    runs: number;
}

export const VARIANTS = ["none", "floor", "ours", "awsguard"] as const;
export type VariantName = (typeof VARIANTS)[number];

export interface VariantResult {
    name: VariantName;
    medianSeconds: number;
    runs: number[];
    /** CPU seconds of the whole preview (CLI, program, provider, pack) per run, and their median. */
    medianCpuSeconds: number;
    cpuRuns: number[];
}

export interface EngineBenchResult {
    variants: VariantResult[];
    resources: number;
    engineVersion: string;
    /** 1-minute load average before and after: other work on the machine inflates every figure. */
    loadAverage: [number, number];
}

/** Targets on the overhead over `none` (reported, never asserted: speed is the bench's business). */
export const ENGINE_TARGETS = { oursOverAwsguard: 0.75, oursOverFloor: 1.5 };

/** The program: reads resources.json and registers each one as the engine would see it from @pulumi/aws. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
interface R { type: string; name: string; custom: boolean; urn: string; parent?: string; inputs: Record<string, unknown> }
const secretKey = "4dabf18193072939515e22adb298388d";
const unwrap = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(unwrap);
    if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (secretKey in o) return pulumi.secret(unwrap(o.value));
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrap(x)]));
    }
    return v;
};
class Component extends pulumi.ComponentResource {}
class Custom extends pulumi.CustomResource {}
const resources = JSON.parse(fs.readFileSync("resources.json", "utf8")) as R[];
const byUrn = new Map<string, pulumi.Resource>();
for (const r of resources) {
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    const res = r.custom
        ? new Custom(r.type, r.name, unwrap(r.inputs) as pulumi.Inputs, { parent, version: "7.48.0" })
        : new Component(r.type, r.name, {}, { parent });
    byUrn.set(r.urn, res);
}
`;

/** A well-formed key: the stand-in's Check refuses what ImportKeyPair would (the synthetic keys are not parseable). */
const PARSEABLE_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtnaoSazatBaCdzLCu673nRSTL0YK7M1zd0UH0RwVbU bench";

function writeProgram(ws: EngineWorkspace, size: number): number {
    const snapshot = syntheticStack(size);
    const registered = snapshot.resources
        .filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))
        .map((r) => (r.type === "aws:ec2/keyPair:KeyPair" ? { ...r, inputs: { ...r.inputs, publicKey: PARSEABLE_KEY } } : r));
    fs.writeFileSync(path.join(ws.dir, "Pulumi.yaml"), "name: bench-engine\nruntime: nodejs\n");
    fs.writeFileSync(path.join(ws.dir, "package.json"), JSON.stringify({ name: "bench-engine", main: "index.ts" }));
    fs.writeFileSync(path.join(ws.dir, "index.ts"), PROGRAM);
    fs.writeFileSync(path.join(ws.dir, "Pulumi.bench.yaml"), "config:\n  aws:region: eu-west-1\n");
    fs.writeFileSync(path.join(ws.dir, "resources.json"), JSON.stringify(registered));
    return registered.length;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on every Linux we run on), asked on the first CPU reading, not when the module loads. */
let ticks: number | undefined;
function ticksPerSecond(): number {
    ticks ??= Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim()) || 100;
    return ticks;
}

/**
 * CPU seconds of every child this process has waited for, and of their waited-for descendants: a preview's CLI,
 * language hosts, program, provider and pack. Less moved by other work on the machine than wall time.
 */
function childrenCpuSeconds(): number {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name (which may hold spaces): cutime and cstime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond();
}

export interface PreviewTiming {
    seconds: number;
    cpuSeconds: number;
}

export function timedPreview(ws: EngineWorkspace, extra: string[]): PreviewTiming {
    const cpuBefore = childrenCpuSeconds();
    const started = process.hrtime.bigint();
    const r = ws.pulumi(["preview", "--stack", "bench", ...extra]);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Every pack runs all rules as advisory (as awsguard does by default), so a failure is an error, never a finding.
    if (r.status !== 0) {
        throw new Error(`pulumi preview ${extra.join(" ")} failed:\n${(r.stdout + r.stderr).slice(-3000)}`);
    }
    return { seconds, cpuSeconds: childrenCpuSeconds() - cpuBefore };
}

/** A workspace holding the program, the stack and the three pack folders; `env` is added to every command. */
export interface PreparedBench {
    ws: EngineWorkspace;
    engine: Engine;
    resources: number;
    /** `pulumi preview` arguments per variant. */
    args: Record<VariantName, string[]>;
}

export function prepareEngineBench(size: number, env: NodeJS.ProcessEnv = {}): PreparedBench {
    const found = locateEngine();
    if (!found.engine) throw new Error(found.reason);
    if (!fs.existsSync(path.join(__dirname, "..", "policies", "node_modules"))) throw new Error("the pack needs its own install: run `(cd policies && npm ci)`");
    const ws = createWorkspace(found.engine, { emptyProject: "bench-engine", env });
    try {
        const resources = writeProgram(ws, size);
        const r = ws.pulumi(["stack", "init", "bench"]);
        if (r.status !== 0) throw new Error(r.stderr);
        const advisory = ws.scratch("all-advisory.json");
        fs.writeFileSync(advisory, JSON.stringify({ all: "advisory" }));
        const args: Record<VariantName, string[]> = {
            none: [],
            floor: ["--policy-pack", writeFloorPack(ws.scratch("floor-pack"))],
            ours: ["--policy-pack", compileOurPack(ws.scratch("bastion-network-guard")), "--policy-pack-config", advisory],
            awsguard: ["--policy-pack", writeAwsGuardPack(ws.scratch("awsguard-pack"))],
        };
        return { ws, engine: found.engine, resources, args };
    } catch (e) {
        ws.remove();
        throw e;
    }
}

export function runEngineBench(options: EngineBenchOptions): EngineBenchResult {
    const loadAtStart = os.loadavg()[0];
    const { ws, engine, resources, args } = prepareEngineBench(options.size);
    try {
        log(`bench --engine: warm-up (${resources} resources, pulumi ${engine.version})...`);
        for (const name of VARIANTS) timedPreview(ws, args[name]);
        const times = new Map<VariantName, PreviewTiming[]>(VARIANTS.map((name) => [name, []]));
        for (let i = 0; i < options.runs; i++) {
            // A different variant first on each run, so none always follows the same neighbour.
            const order = VARIANTS.map((_, k) => VARIANTS[(k + i) % VARIANTS.length]);
            for (const name of order) {
                const t = timedPreview(ws, args[name]);
                times.get(name)!.push(t);
                log(`bench --engine: run ${i + 1}/${options.runs} ${name}: ${t.seconds.toFixed(2)} s, ${t.cpuSeconds.toFixed(2)} s CPU (load ${os.loadavg()[0].toFixed(1)})`);
            }
        }
        const result = (name: VariantName): VariantResult => {
            const runs = times.get(name)!.map((t) => t.seconds);
            const cpuRuns = times.get(name)!.map((t) => t.cpuSeconds);
            return { name, medianSeconds: median(runs), runs, medianCpuSeconds: median(cpuRuns), cpuRuns };
        };
        return {
            variants: VARIANTS.map(result),
            resources, engineVersion: engine.version,
            loadAverage: [loadAtStart, os.loadavg()[0]],
        };
    } finally {
        ws.remove();
    }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The document `npm run bench -- --engine --json` prints: exactly these keys. */
export function engineJson(r: EngineBenchResult): unknown {
    return {
        variants: r.variants.map((v) => ({ name: v.name, medianSeconds: round(v.medianSeconds), runs: v.runs.map(round) })),
        resources: r.resources,
        loadAverage: r.loadAverage.map((x) => Math.round(x * 100) / 100),
    };
}

export function engineReport(r: EngineBenchResult): string {
    const v = (name: VariantName) => r.variants.find((x) => x.name === name)!;
    const over = (name: VariantName) => v(name).medianSeconds - v("none").medianSeconds;
    const overCpu = (name: VariantName) => v(name).medianCpuSeconds - v("none").medianCpuSeconds;
    const label: Record<VariantName, string> = {
        none: "no policy pack", floor: "floor (2 no-op rules)", ours: "bastion-network-guard", awsguard: "@pulumi/awsguard",
    };
    const num = (x: number, width: number) => x.toFixed(2).padStart(width);
    const dash = (width: number) => "—".padStart(width);
    const line = (name: VariantName) => `| ${label[name].padEnd(22)} | ${num(v(name).medianSeconds, 8)} | ` +
        (name === "none" ? `${dash(10)} | ${dash(8)} | ` : `${num(over(name), 10)} | ${(100 * over(name) / v("none").medianSeconds).toFixed(1).padStart(6)} % | `) +
        `${num(v(name).medianCpuSeconds, 5)} | ${name === "none" ? dash(14) : num(overCpu(name), 14)} | ${v(name).runs.map((s) => s.toFixed(1)).join(", ")} |`;
    // A ratio of two overheads means nothing once either is not positive: other work moved the wall times more than a pack.
    const verdict = (a: VariantName, b: VariantName, max: number) => {
        if (over(a) <= 0 || over(b) <= 0) return `not measurable (an overhead came out <= 0: the machine's load moved wall times more than a pack does)`;
        const x = over(a) / over(b);
        return `${x.toFixed(2)} (target <= ${max}: ${x <= max ? "met" : "MISSED"})`;
    };
    return [
        `pulumi preview (real CLI ${r.engineVersion}, stand-in AWS provider), ${r.resources} resources, median of ${r.variants[0].runs.length}, ` +
            `load average ${r.loadAverage[0].toFixed(1)} -> ${r.loadAverage[1].toFixed(1)}:`,
        "",
        "| preview                | median s | overhead s | of none  | CPU s | CPU overhead s | runs s |",
        "|------------------------|---------:|-----------:|---------:|------:|---------------:|--------|",
        ...VARIANTS.map(line),
        "",
        `ours' overhead / awsguard's: ${verdict("ours", "awsguard", ENGINE_TARGETS.oursOverAwsguard)}; on CPU time ${(overCpu("ours") / overCpu("awsguard")).toFixed(2)}`,
        `ours' overhead / the floor's: ${verdict("ours", "floor", ENGINE_TARGETS.oursOverFloor)}; on CPU time ${(overCpu("ours") / overCpu("floor")).toFixed(2)}`,
        "(CPU s: the whole preview's processes — CLI, program, provider, pack — less moved by other work on the machine than wall time.)",
    ].join("\n");
}
