/**
 * `npm run bench -- --engine [--size N] [--runs N]`: the pack's cost inside a real `pulumi preview`.
 *
 * A program registers the synthetic stack (bench/synthetic.ts, ~1,000 resources by default) as plain
 * `CustomResource`s and `ComponentResource`s of the same types, names, inputs and parents; the real CLI previews
 * it against the stand-in AWS provider three ways in one run — no pack, our pack, @pulumi/awsguard (all rules,
 * advisory; ours with every rule advisory too, so the synthetic stack's deliberate mistakes never stop the preview)
 * — interleaved, median of the runs. The pack's overhead is its preview time minus the no-pack time.
 * Nothing is deployed: a preview against the stand-in provider.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { locateEngine } from "../engine/locate";
import { createWorkspace, EngineWorkspace } from "../engine/workspace";
import { syntheticStack } from "./synthetic";
import { median } from "./timing";

const BENCH_DIR = __dirname;
const ROOT = path.resolve(BENCH_DIR, "..");
const log = (msg: string) => process.stderr.write(`${msg}\n`);

export interface EngineBenchOptions {
    size: number;
    runs: number;
}

export interface EngineBenchResult {
    resources: number;
    runs: number;
    noPackSeconds: number;
    oursSeconds: number;
    awsguardSeconds: number;
    engineVersion: string;
    load: [number, number];
}

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

/** awsguard as a policy pack folder the CLI can load: all rules, advisory, from bench/node_modules. */
function writeAwsGuardPack(dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\ndescription: awsguard, all rules advisory (bench)\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "awsguard-bench", version: "0.0.0", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"),
        "process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';\nconst { AwsGuard } = require('@pulumi/awsguard');\nnew AwsGuard({ all: 'advisory' });\n");
    fs.symlinkSync(path.join(BENCH_DIR, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

function timedPreview(ws: EngineWorkspace, extra: string[]): number {
    const started = process.hrtime.bigint();
    const r = ws.pulumi(["preview", "--stack", "bench", ...extra]);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Both packs run all rules as advisory (as awsguard does by default), so a failure is an error, never a finding.
    if (r.status !== 0) {
        throw new Error(`pulumi preview ${extra.join(" ")} failed:\n${(r.stdout + r.stderr).slice(-3000)}`);
    }
    return seconds;
}

export function runEngineBench(options: EngineBenchOptions): EngineBenchResult {
    const found = locateEngine();
    if (!found.engine) throw new Error(found.reason);
    if (!fs.existsSync(path.join(ROOT, "policies", "node_modules"))) throw new Error("the pack needs its own install: run `(cd policies && npm ci)`");
    const loadAtStart = os.loadavg()[0];
    const ws = createWorkspace(found.engine, { emptyProject: "bench-engine" });
    try {
        const resources = writeProgram(ws, options.size);
        const awsguard = writeAwsGuardPack(ws.scratch("awsguard-pack"));
        const ours = path.join(ROOT, "policies");
        const r = ws.pulumi(["stack", "init", "bench"]);
        if (r.status !== 0) throw new Error(r.stderr);
        const advisory = ws.scratch("all-advisory.json");
        fs.writeFileSync(advisory, JSON.stringify({ all: "advisory" }));
        const variants: [string, string[]][] = [
            ["no pack", []],
            ["ours", ["--policy-pack", ours, "--policy-pack-config", advisory]],
            ["awsguard", ["--policy-pack", awsguard]],
        ];
        log(`bench --engine: warm-up (${resources} resources, pulumi ${found.engine.version})...`);
        for (const [, extra] of variants) timedPreview(ws, extra);
        const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
        for (let i = 0; i < options.runs; i++) {
            const order = i % 2 === 0 ? variants : [...variants].reverse();
            for (const [name, extra] of order) {
                const seconds = timedPreview(ws, extra);
                times.get(name)!.push(seconds);
                log(`bench --engine: run ${i + 1}/${options.runs} ${name}: ${seconds.toFixed(2)} s`);
            }
        }
        return {
            resources, runs: options.runs, engineVersion: found.engine.version,
            noPackSeconds: median(times.get("no pack")!), oursSeconds: median(times.get("ours")!), awsguardSeconds: median(times.get("awsguard")!),
            load: [loadAtStart, os.loadavg()[0]],
        };
    } finally {
        ws.remove();
    }
}

export function engineReport(r: EngineBenchResult): string {
    const over = (s: number) => s - r.noPackSeconds;
    const pct = (s: number) => (100 * over(s)) / r.noPackSeconds;
    const line = (name: string, s: number) => `  ${name.padEnd(24)} ${s.toFixed(2).padStart(7)} s   overhead ${over(s).toFixed(2).padStart(6)} s (${pct(s).toFixed(1)} % of the preview)`;
    return [
        `pulumi preview (real CLI ${r.engineVersion}, stand-in AWS provider), ${r.resources} resources, median of ${r.runs}, load ${r.load[0].toFixed(1)} -> ${r.load[1].toFixed(1)}:`,
        line("no policy pack", r.noPackSeconds),
        line("bastion-network-guard", r.oursSeconds),
        line("@pulumi/awsguard", r.awsguardSeconds),
        `  targets: ours <= awsguard: ${over(r.oursSeconds) <= over(r.awsguardSeconds) ? "met" : "MISSED"}; ours <= 10 % of the preview: ${pct(r.oursSeconds) <= 10 ? "met" : "MISSED"}`,
    ].join("\n");
}
