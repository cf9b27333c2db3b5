/**
 * Where a policy pack's process spends its time, from a V8 `.cpuprofile` (`node --cpu-prof`).
 *
 * `npm run bench -- --engine --profile` writes one for each pack during a real `pulumi preview` and prints
 * this breakdown; `node -r ts-node/register/transpile-only bench/profile-pack.ts <file.cpuprofile>...` prints it
 * for profiles taken any other way.
 *
 * Every sample is put in a phase (the analyzer RPC it ran under — Remediate, Analyze, AnalyzeStack — else start-up
 * module loading, else the event loop between calls) and a category (the innermost frame that belongs to one:
 * the SDK's property decoding, its unknown-checking proxy, the pack's rules or model, protobuf, gRPC...).
 * The RPC handlers are found by their place in @pulumi/policy's server.js, read from the file the profile names.
 */
import * as fs from "fs";

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export type Phase = "start-up (loading modules)" | "Remediate" | "Analyze" | "AnalyzeStack" | "between calls (gRPC, event loop)" | "idle";

export interface Breakdown {
    file: string;
    /** Wall time the profile covers, and the part spent not idle. */
    seconds: number;
    busySeconds: number;
    /** Seconds by phase, then by category within it. */
    phases: Map<Phase, Map<string, number>>;
    /** Self time of the costliest functions: `name (file:line)`. */
    topSelf: [string, number][];
}

/** Under the SDK's decoding, everything counts as decoding (protobuf's Struct.toJavaScript included). */
const DECODING = "SDK: deserializeProperties";
const isDecoding = (f: CallFrame) => f.url.endsWith("/@pulumi/policy/deserialize.js");

/** Other categories by frame, tried from the sampled frame outwards; the first match names the sample. */
const CATEGORIES: [string, (f: CallFrame) => boolean][] = [
    ["SDK: unknownCheckingProxy", (f) => f.url.endsWith("/@pulumi/policy/proxy.js")],
    ["awsguard rules", (f) => f.url.includes("/@pulumi/awsguard/")],
    ["floor no-ops", (f) => f.url.includes("/floor-pack/")],
    ["pack: rules", (f) => /\/bin\/rules\/|\/policies\/rules\//.test(f.url)],
    ["pack: model", (f) => /\/(bin|policies)\/(model|reachability)\//.test(f.url)],
    ["pack: rule helpers", (f) => /\/(bin|policies)\/(lib|vocabulary)/.test(f.url)],
    ["SDK: server (args, options, responses)", (f) => f.url.includes("/@pulumi/policy/")],
    ["protobuf", (f) => f.url.includes("/google-protobuf/")],
    ["gRPC", (f) => f.url.includes("/@grpc/")],
    ["@pulumi/pulumi", (f) => f.url.includes("/@pulumi/pulumi/")],
];

const special: Partial<Record<string, string>> = { "(garbage collector)": "GC", "(program)": "V8/native, no JS frame", "(idle)": "idle" };

/** The line ranges (0-based, as in profiles) of the three RPC factories in the server.js a profile ran. */
function rpcRanges(serverUrl: string): [Phase, number, number][] {
    const file = serverUrl.replace(/^file:\/\//, "");
    const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n") : [];
    const startOf = (name: string) => lines.findIndex((l) => l.startsWith(`function ${name}(`));
    const endAfter = (start: number) => {
        const next = lines.findIndex((l, i) => i > start && /^(function |exports\.)/.test(l));
        return next < 0 ? lines.length : next;
    };
    return ([["Analyze", "makeAnalyzeRpcFun"], ["AnalyzeStack", "makeAnalyzeStackRpcFun"], ["Remediate", "makeRemediateRpcFun"]] as const)
        .map(([phase, name]) => [phase, startOf(name), endAfter(startOf(name))] as [Phase, number, number])
        .filter(([, s]) => s >= 0);
}

/** True when the profile is a policy pack's process (it ran the analyzer server). */
export function isPackProfile(file: string): boolean {
    return fs.readFileSync(file, "utf8").includes("/@pulumi/policy/server.js");
}

export function summarizeProfile(file: string): Breakdown {
    const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const serverUrl = profile.nodes.find((n) => n.callFrame.url.endsWith("/@pulumi/policy/server.js"))?.callFrame.url;
    const ranges = serverUrl ? rpcRanges(serverUrl) : [];

    const loadedFor = (id: number): string | undefined => {
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
            const url = byId.get(at)!.callFrame.url;
            if (!url.startsWith("file://") || url.endsWith("/cpu-profile.js")) continue;
            const pkg = url.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
            if (pkg) return `loading ${pkg}`;
            return url.includes("/floor-pack/") ? "loading the floor pack" : "loading the pack's own modules";
        }
        return undefined;
    };
    // Phase and category per node, computed once per node (samples repeat nodes).
    const classified = new Map<number, [Phase, string]>();
    const classify = (id: number): [Phase, string] => {
        const known = classified.get(id);
        if (known) return known;
        const leaf = byId.get(id)!.callFrame;
        let category: string | undefined = special[leaf.functionName];
        let phase: Phase | undefined = category === "idle" ? "idle" : undefined;
        let loading = false;
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
            const f = byId.get(at)!.callFrame;
            if (isDecoding(f) && !special[leaf.functionName]) category = DECODING;
            category ??= CATEGORIES.find(([, match]) => match(f))?.[0];
            if (!phase && f.url === serverUrl) phase = ranges.find(([, s, e]) => f.lineNumber >= s && f.lineNumber < e)?.[0];
            if (f.url === "node:internal/modules/cjs/loader" || f.functionName === "compileFunction") loading = true;
        }
        // Start-up is told apart by what is being loaded: the package of the innermost file on the stack.
        if (!phase && loading && !special[leaf.functionName]) category = loadedFor(id) ?? category;
        const result: [Phase, string] = [phase ?? (loading ? "start-up (loading modules)" : "between calls (gRPC, event loop)"), category ?? "node and other"];
        classified.set(id, result);
        return result;
    };

    const phases = new Map<Phase, Map<string, number>>();
    const self = new Map<string, number>();
    let busy = 0;
    // timeDeltas[i] is the time before sample i; it is charged to the sample taken at its end.
    for (let i = 0; i < profile.samples.length; i++) {
        const seconds = (profile.timeDeltas[i] ?? 0) / 1e6;
        const [phase, category] = classify(profile.samples[i]);
        const cats = phases.get(phase) ?? new Map<string, number>();
        cats.set(category, (cats.get(category) ?? 0) + seconds);
        phases.set(phase, cats);
        if (phase === "idle") continue;
        busy += seconds;
        const f = byId.get(profile.samples[i])!.callFrame;
        const key = `${f.functionName || "(anonymous)"} (${f.url.replace(/^.*\/node_modules\//, "").replace(/^.*\/(bin|policies)\//, "pack/")}:${f.lineNumber + 1})`;
        self.set(key, (self.get(key) ?? 0) + seconds);
    }
    return {
        file,
        seconds: (profile.endTime - profile.startTime) / 1e6,
        busySeconds: busy,
        phases,
        topSelf: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12),
    };
}

const PHASE_ORDER: Phase[] = ["start-up (loading modules)", "Remediate", "Analyze", "AnalyzeStack", "between calls (gRPC, event loop)"];

export function breakdownReport(title: string, b: Breakdown): string {
    const s = (x: number) => x.toFixed(2).padStart(6);
    const lines = [`${title}: ${b.file}`, `  profile ${s(b.seconds)} s, busy ${s(b.busySeconds)} s (the rest idle, waiting for the CLI)`];
    for (const phase of PHASE_ORDER) {
        const cats = b.phases.get(phase);
        if (!cats) continue;
        const total = [...cats.values()].reduce((a, x) => a + x, 0);
        lines.push(`  ${phase.padEnd(34)} ${s(total)} s`);
        for (const [cat, sec] of [...cats.entries()].sort((a, x) => x[1] - a[1])) {
            if (sec >= 0.01) lines.push(`      ${cat.padEnd(38)} ${s(sec)} s`);
        }
    }
    lines.push("  costliest functions (self time):");
    for (const [name, sec] of b.topSelf) lines.push(`      ${s(sec)} s  ${name}`);
    return lines.join("\n");
}

/** Seconds in `category` (all phases, or one). */
export function secondsIn(b: Breakdown, category: string, phase?: Phase): number {
    let total = 0;
    for (const [p, cats] of b.phases) if (!phase || p === phase) total += cats.get(category) ?? 0;
    return total;
}

/** Packs side by side: seconds per phase, and the SDK's decoding against each pack's own work. */
export function comparisonTable(packs: [string, Breakdown, number | undefined][]): string {
    const phaseTotal = (b: Breakdown, p: Phase) => [...(b.phases.get(p)?.values() ?? [])].reduce((a, x) => a + x, 0);
    const cell = (x: number | undefined) => (x === undefined ? "—" : x.toFixed(2)).padStart(8);
    const row = (label: string, f: (b: Breakdown, preview: number | undefined) => number | undefined) =>
        `| ${label.padEnd(44)} |${packs.map(([, b, preview]) => ` ${cell(f(b, preview))} |`).join("")}`;
    const own = (b: Breakdown) => ["pack: rules", "pack: model", "pack: rule helpers", "awsguard rules", "floor no-ops"].reduce((a, c) => a + secondsIn(b, c), 0);
    return [
        `| seconds                                      |${packs.map(([n]) => ` ${n.padStart(8)} |`).join("")}`,
        `|----------------------------------------------|${packs.map(() => "---------:|").join("")}`,
        row("preview wall time (profiling on)", (_, preview) => preview),
        row("pack process: busy (not idle)", (b) => b.busySeconds),
        ...PHASE_ORDER.map((p) => row(`  ${p}`, (b) => phaseTotal(b, p))),
        row("SDK deserializeProperties: Remediate", (b) => secondsIn(b, DECODING, "Remediate")),
        row("SDK deserializeProperties: Analyze", (b) => secondsIn(b, DECODING, "Analyze")),
        row("SDK deserializeProperties: AnalyzeStack", (b) => secondsIn(b, DECODING, "AnalyzeStack")),
        row("SDK unknownCheckingProxy (reads by rules)", (b) => secondsIn(b, "SDK: unknownCheckingProxy")),
        row("SDK server (args, options, responses)", (b) => secondsIn(b, "SDK: server (args, options, responses)")),
        row("protobuf + gRPC (all phases)", (b) => secondsIn(b, "protobuf") + secondsIn(b, "gRPC")),
        row("the pack's own code (rules, model, helpers)", own),
        row("  of which the model (model/, reachability/)", (b) => secondsIn(b, "pack: model")),
        row("GC", (b) => secondsIn(b, "GC")),
    ].join("\n");
}

const rank = (name: string) => ["floor", "ours", "awsguard"].indexOf(name) >>> 0;

/** The pack profiles under `dir` (what `--profile` leaves: one folder per pack), by folder name. */
function packProfilesIn(dir: string): [string, string][] {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())
        .flatMap((e) => fs.readdirSync(`${dir}/${e.name}`).filter((f) => f.endsWith(".cpuprofile") && isPackProfile(`${dir}/${e.name}/${f}`))
            .map((f) => [e.name, `${dir}/${e.name}/${f}`] as [string, string]))
        .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

if (require.main === module) {
    const args = process.argv.slice(2);
    if (args.length === 0) {
        process.stderr.write("usage: node -r ts-node/register/transpile-only bench/profile-pack.ts <file.cpuprofile | folder that --profile wrote>...\n");
        process.exit(2);
    }
    for (const arg of args) {
        if (!fs.existsSync(arg)) {
            process.stderr.write(`${arg}: no such file or folder; give .cpuprofile files, or the folder \`npm run bench -- --engine --profile\` printed\n`);
            process.exit(2);
        }
        const packs = fs.statSync(arg).isDirectory() ? packProfilesIn(arg) : [["profile", arg] as [string, string]];
        const breakdowns = packs.map(([name, file]) => [name, summarizeProfile(file)] as const);
        if (breakdowns.length > 1) process.stdout.write(`${comparisonTable(breakdowns.map(([n, b]) => [n, b, undefined]))}\n\n`);
        for (const [name, b] of breakdowns) process.stdout.write(`${breakdownReport(name, b)}\n\n`);
    }
}
