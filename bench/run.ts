/**
 * `npm run bench [-- --json] [--sizes 1000,10000] [--no-processes] [--per-rule] [--server-decoding]`, or
 * `npm run bench -- --engine [--size 1000] [--runs 3] [--json]` for the pack's cost inside a real `pulumi preview`
 * (bench/engine.ts), `npm run bench -- --engine --profile [--profile-dir DIR]` for where a pack's process spends it
 * (bench/engine-profile.ts)
 *
 * Times the bastion-network-guard pack and @pulumi/awsguard (all rules on) through the same
 * offline harness, on the same synthetic resources, in the same process: a warm-up run each,
 * then several interleaved repetitions, median. Then the whole-process time of `npm start` and
 * of `npm run policy:check` on a 10,000-resource export.
 *
 * Progress goes to stderr so that `--json` leaves stdout to the JSON document alone.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadAwsGuard, PackDescription } from "./awsguard-pack";
import { engineJson, engineReport, runEngineBench } from "./engine";
import { profileEngine, profileReport } from "./engine-profile";
import { ruleTable, timeRules } from "./per-rule";
import { asServerDecodes, sameShapedNoOps } from "./server-decoding";
import { BenchResult, jsonReport, SizeResult, textReport } from "./report";
import { syntheticStack, toStackExport } from "./synthetic";
import { median, ProcessTiming, timeOnce, timeProcess } from "./timing";

const BENCH_DIR = __dirname;
const ROOT = path.resolve(BENCH_DIR, "..");
const DEFAULT_SIZES = [1000, 10000, 50000];
/** Fewer repetitions where one run is long; the median of 3 is still robust to one outlier. */
const DEFAULT_REPS: Record<number, number> = { 1000: 9, 10000: 5, 50000: 3 };
/** Per size and pack: fewer repetitions (down to 3) once this many seconds would be spent. */
const BUDGET_SECONDS = 45;
const PROCESS_RUNS = 3;

interface Options {
    engine: boolean;
    engineSize: number;
    engineRuns: number;
    profile: boolean;
    profileDir?: string;
    json: boolean;
    sizes: number[];
    processes: boolean;
    perRule: boolean;
    serverDecoding: boolean;
}

/** A mistake in the command line: said plainly, exit 2. */
class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
    const o: Options = { engine: false, engineSize: 1000, engineRuns: 3, profile: false, json: false, sizes: DEFAULT_SIZES, processes: true, perRule: false, serverDecoding: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--json") o.json = true;
        else if (a === "--engine") o.engine = true;
        else if (a === "--size") o.engineSize = Number(argv[++i]);
        else if (a === "--runs") o.engineRuns = Number(argv[++i]);
        else if (a === "--profile") o.profile = true;
        else if (a === "--profile-dir") o.profileDir = argv[++i];
        else if (a === "--no-processes") o.processes = false;
        else if (a === "--per-rule") o.perRule = true;
        else if (a === "--server-decoding") o.serverDecoding = true;
        else if (a === "--sizes") o.sizes = (argv[++i] ?? "").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
        else throw new UsageError(`unknown argument ${a}; expected --json, --sizes N,N,..., --no-processes, --per-rule, --server-decoding, or --engine [--size N] [--runs N] [--json] [--profile [--profile-dir DIR]]`);
    }
    if (o.sizes.length === 0) throw new UsageError("--sizes needs a comma-separated list of positive integers");
    if (!Number.isInteger(o.engineSize) || o.engineSize <= 0) throw new UsageError("--size needs a positive integer");
    if (!Number.isInteger(o.engineRuns) || o.engineRuns <= 0) throw new UsageError("--runs needs a positive integer");
    if (o.profile && !o.engine) throw new UsageError("--profile goes with --engine: it profiles the pack's process in a real preview");
    return o;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** awsguard stays out of the root install; its own locked tree is installed on first use. */
function ensureBenchDeps(): void {
    if (fs.existsSync(path.join(BENCH_DIR, "node_modules", "@pulumi", "awsguard", "package.json"))) return;
    log("bench: installing bench/ dependencies with `npm ci` (first run only)...");
    // stdout of npm goes to our stderr, so --json output stays parseable
    const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: BENCH_DIR, stdio: ["ignore", process.stderr, process.stderr] });
    if (r.status !== 0) throw new Error(`npm ci in bench/ failed with exit ${r.status ?? r.signal}`);
}

/** The harness's own signature: `tsc -p bench` fails if it changes under the bench. */
export type RunPolicyPack = typeof import("../offline/harness").runPolicyPack;
type PackModule = typeof import("../policies/pack");

/** Required at run time rather than imported, so a missing piece is a one-line message. */
function loadProject(): { ours: PackDescription; runPolicyPack: RunPolicyPack } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pack = require(path.join(ROOT, "policies", "pack")) as PackModule;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const harness = require(path.join(ROOT, "offline", "harness")) as { runPolicyPack: RunPolicyPack };
    return {
        ours: { name: pack.packName, version: pack.packVersion, policies: pack.policies },
        runPolicyPack: harness.runPolicyPack,
    };
}

export async function measureSize(size: number, ours: PackDescription, guard: PackDescription, run: RunPolicyPack, serverDecoding = false): Promise<SizeResult> {
    const snapshot = syntheticStack(size);
    const empty: PackDescription = { name: "empty", version: "0.0.0", enforcementLevel: "advisory", policies: [] };
    const packs = [ours, guard, empty];
    if (serverDecoding) {
        const oursNoOps = sameShapedNoOps(ours);
        packs.push(oursNoOps, asServerDecodes(ours), asServerDecodes(guard), asServerDecodes(oursNoOps), asServerDecodes(sameShapedNoOps(guard)));
    }
    // Warm-up: JIT, lazy requires and caches; also the sanity counts and the per-run estimate.
    const warm = [];
    for (const p of packs) warm.push(await timeOnce(() => run(p, snapshot)));
    const slowest = Math.max(warm[0].seconds, warm[1].seconds);
    // The budget only trims the long defaults of small sizes; a median is never of fewer than 3.
    const reps = Math.min(DEFAULT_REPS[size] ?? 3, Math.max(3, Math.floor(BUDGET_SECONDS / Math.max(slowest, 1e-3))));
    const times: number[][] = packs.map(() => []);
    const forward = packs.map((_, k) => k);
    for (let i = 0; i < reps; i++) {
        // Alternate the order so no pack always runs right after the same other pack's garbage.
        const order = i % 2 === 0 ? forward : [...forward].reverse();
        for (const k of order) times[k].push((await timeOnce(() => run(packs[k], snapshot))).seconds);
    }
    const result: SizeResult = {
        resources: snapshot.resources.length,
        oursRules: ours.policies.length,
        awsguardRules: guard.policies.length,
        reps,
        oursSeconds: median(times[0]),
        awsguardSeconds: median(times[1]),
        floorSeconds: median(times[2]),
        oursViolations: warm[0].result.violations.length,
        awsguardViolations: warm[1].result.violations.length,
    };
    if (serverDecoding) {
        result.oursNoOpSeconds = median(times[3]);
        result.serverDecoding = {
            oursSeconds: median(times[4]),
            awsguardSeconds: median(times[5]),
            oursNoOpSeconds: median(times[6]),
            awsguardNoOpSeconds: median(times[7]),
        };
    }
    log(`bench: ${size} resources: ours ${result.oursSeconds.toFixed(3)} s, awsguard ${result.awsguardSeconds.toFixed(3)} s (${reps} runs)`);
    return result;
}

function scriptExists(name: string): boolean {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> };
    const script = pkg.scripts?.[name];
    const entry = script?.match(/(\S+\.ts)\b/)?.[1];
    return !!script && (!entry || fs.existsSync(path.join(ROOT, entry)));
}

function timeStart(): ProcessTiming {
    if (!scriptExists("start")) return { seconds: null, runs: [], note: "npm start's entry point does not exist yet" };
    log("bench: timing `npm start` (dev stack)...");
    // artifacts go to a temp dir so the bench never rewrites the working tree's out/dev
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-start-"));
    try {
        // exit 1 = mandatory violations: the run still completed end to end, which is what is timed
        return timeProcess("npm", ["start", "--silent", "--", "--stack", "dev", "--out", out], ROOT, PROCESS_RUNS, [0, 1]);
    } finally {
        fs.rmSync(out, { recursive: true, force: true });
    }
}

function timePolicyCheck(): ProcessTiming {
    if (!scriptExists("policy:check")) return { seconds: null, runs: [], note: "policy:check's entry point does not exist yet" };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
    const file = path.join(dir, "stack-10000.json");
    try {
        fs.writeFileSync(file, JSON.stringify(toStackExport(syntheticStack(10000))));
        log(`bench: timing \`npm run policy:check\` on ${file}...`);
        // exit 1 means mandatory violations were found: a completed check, which the synthetic stack is built to produce
        return timeProcess("npm", ["run", "--silent", "policy:check", "--", file], ROOT, PROCESS_RUNS, [0, 1]);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    const opts = parseArgs(process.argv.slice(2));
    const loadAtStart = os.loadavg()[0];
    ensureBenchDeps();
    if (opts.engine && opts.profile) {
        process.stdout.write(`${profileReport(profileEngine(opts.engineSize, opts.profileDir))}\n`);
        return;
    }
    if (opts.engine) {
        const result = runEngineBench({ size: opts.engineSize, runs: opts.engineRuns });
        process.stdout.write(opts.json ? `${JSON.stringify(engineJson(result), null, 2)}\n` : `${engineReport(result)}\n`);
        return;
    }
    const { ours, runPolicyPack } = loadProject();
    const guard = loadAwsGuard(BENCH_DIR);
    log(`bench: ${ours.name} ${ours.version} (${ours.policies.length} rules) vs ${guard.name} ${guard.version} (${guard.policies.length} rules)`);
    if (opts.perRule) {
        const size = opts.sizes === DEFAULT_SIZES ? 10000 : opts.sizes[0];
        const snapshot = syntheticStack(size);
        const rows = [...(await timeRules(ours, snapshot, runPolicyPack)), ...(await timeRules(guard, snapshot, runPolicyPack))];
        process.stdout.write(`${ruleTable(size, rows)}\n`);
        return;
    }
    const sizes: SizeResult[] = [];
    for (const size of opts.sizes) sizes.push(await measureSize(size, ours, guard, runPolicyPack, opts.serverDecoding));
    const start = opts.processes ? timeStart() : { seconds: null, runs: [], note: "skipped (--no-processes)" };
    const check = opts.processes ? timePolicyCheck() : { seconds: null, runs: [], note: "skipped (--no-processes)" };
    const result: BenchResult = {
        ours: { name: ours.name, version: ours.version },
        awsguard: { name: guard.name, version: guard.version },
        sizes,
        startSeconds: start.seconds,
        startNote: start.note,
        policyCheckSeconds: check.seconds,
        policyCheckNote: check.note,
        load: [loadAtStart, os.loadavg()[0]],
    };
    process.stdout.write(opts.json ? `${JSON.stringify(jsonReport(result), null, 2)}\n` : `${textReport(result)}\n`);
}

if (require.main === module) {
    main().catch((e: unknown) => {
        log(`bench: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(e instanceof UsageError ? 2 : 1);
    });
}
