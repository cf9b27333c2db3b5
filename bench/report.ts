/** The bench's human table and its `--json` document. */
import * as os from "os";

export interface SizeResult {
    resources: number;
    oursRules: number;
    awsguardRules: number;
    reps: number;
    oursSeconds: number;
    awsguardSeconds: number;
    /** The harness with an empty pack: what both packs pay before any rule runs. */
    floorSeconds: number;
    oursViolations: number;
    awsguardViolations: number;
    /** `--server-decoding`: our rules' shapes with validations that do nothing, through the harness as it is. */
    oursNoOpSeconds?: number;
    /** `--server-decoding`: every pack paying the decoding the server does before each validation (server-decoding.ts). */
    serverDecoding?: { oursSeconds: number; awsguardSeconds: number; oursNoOpSeconds: number; awsguardNoOpSeconds: number };
}

export interface BenchResult {
    ours: { name: string; version: string };
    awsguard: { name: string; version: string };
    sizes: SizeResult[];
    startSeconds: number | null;
    startNote: string;
    policyCheckSeconds: number | null;
    policyCheckNote: string;
    /** 1-minute load average before and after: other work on the machine inflates every figure. */
    load: [number, number];
}

/** Ours against awsguard's throughput at 10k (26 rules to our 13), and how our time may grow from 1k to 10k. */
export const TARGETS = { ratioAt10k: 1.3, growth1kTo10k: 11, policyCheckSeconds: 5 };

const perSec = (n: number, s: number) => Math.round(n / s);

/** The document `npm run bench -- --json` prints; the keys of `sizes` entries are a contract. */
export function jsonReport(r: BenchResult): unknown {
    return {
        sizes: r.sizes.map((s) => ({
            resources: s.resources,
            oursRules: s.oursRules,
            awsguardRules: s.awsguardRules,
            oursResPerSec: perSec(s.resources, s.oursSeconds),
            awsguardResPerSec: perSec(s.resources, s.awsguardSeconds),
            ...(s.serverDecoding ? { serverDecoding: serverDecodingJson(s) } : {}),
        })),
        startSeconds: r.startSeconds === null ? null : round(r.startSeconds, 2),
        policyCheckSeconds: r.policyCheckSeconds === null ? null : round(r.policyCheckSeconds, 2),
        loadAverage: r.load.map((x) => round(x, 2)),
    };
}

function serverDecodingJson(s: SizeResult): Record<string, number> {
    const d = s.serverDecoding!;
    return {
        oursNoOpSeconds: round(s.oursNoOpSeconds!, 3),
        serverOursSeconds: round(d.oursSeconds, 3),
        serverAwsguardSeconds: round(d.awsguardSeconds, 3),
        serverOursNoOpSeconds: round(d.oursNoOpSeconds, 3),
        serverAwsguardNoOpSeconds: round(d.awsguardNoOpSeconds, 3),
    };
}

function round(x: number, digits: number): number {
    const f = 10 ** digits;
    return Math.round(x * f) / f;
}

export function machine(): string {
    const cpus = os.cpus();
    const gib = Math.round(os.totalmem() / 2 ** 30);
    return `${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown cpu"}), ${gib} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function textReport(r: BenchResult): string {
    const lines: string[] = [];
    lines.push(`machine: ${machine()}; load average ${r.load[0].toFixed(1)} at start, ${r.load[1].toFixed(1)} at end`);
    lines.push(`packs:   ${r.ours.name} ${r.ours.version}  vs  ${r.awsguard.name} ${r.awsguard.version} (all rules on), one harness, one process`);
    lines.push("");
    const head = ["resources", "ours rules", "awsguard rules", "runs", "ours s", "ours res/s", "awsguard s", "awsguard res/s", "ours/awsguard", "harness floor s"];
    const rows = r.sizes.map((s) => [
        s.resources.toLocaleString("en-US"), String(s.oursRules), String(s.awsguardRules), String(s.reps),
        s.oursSeconds.toFixed(3), perSec(s.resources, s.oursSeconds).toLocaleString("en-US"),
        s.awsguardSeconds.toFixed(3), perSec(s.resources, s.awsguardSeconds).toLocaleString("en-US"),
        `${ratioText(s.awsguardSeconds / s.oursSeconds)}x`, s.floorSeconds.toFixed(3),
    ]);
    lines.push(...markdownTable(head, rows));
    lines.push("");
    const decoded = r.sizes.filter((s) => s.serverDecoding);
    if (decoded.length > 0) lines.push("", ...serverDecodingTable(decoded));
    lines.push("");
    lines.push(`violations found (sanity): ${r.sizes.map((s) => `${s.resources}: ours ${s.oursViolations}, awsguard ${s.awsguardViolations}`).join("; ")}`);

    const at = (n: number) => r.sizes.find((s) => s.resources === n);
    const k1 = at(1000), k10 = at(10000), k50 = at(50000);
    if (k1 && k10) {
        const g = k10.oursSeconds / k1.oursSeconds;
        lines.push(`growth of our time: 1k -> 10k x${g.toFixed(2)} (target <= ${TARGETS.growth1kTo10k}x: ${g <= TARGETS.growth1kTo10k ? "met" : "MISSED"})` +
            (k50 ? `; 10k -> 50k x${(k50.oursSeconds / k10.oursSeconds).toFixed(2)} (linear: x5)` : ""));
    }
    if (k10) {
        const ratio = k10.awsguardSeconds / k10.oursSeconds;
        lines.push(`throughput at 10k: ours/awsguard ${ratioText(ratio)}x (target >= ${TARGETS.ratioAt10k}: ${ratio >= TARGETS.ratioAt10k ? "met" : "MISSED"})`);
    }
    lines.push(`npm start (dev stack, whole process, median): ${r.startSeconds === null ? "null" : `${r.startSeconds.toFixed(2)} s`} [${r.startNote}]`);
    lines.push(`npm run policy:check on a 10k-resource export (median): ${r.policyCheckSeconds === null ? "null" : `${r.policyCheckSeconds.toFixed(2)} s`}` +
        ` (target <= ${TARGETS.policyCheckSeconds} s) [${r.policyCheckNote}]`);
    return lines.join("\n");
}

/**
 * The harness decodes props when a rule first reads them; @pulumi/policy's server decodes them before every
 * validation it runs. The second half of the table makes every pack pay that (bench/server-decoding.ts), and
 * a pack of our rules' shapes that do nothing shows what the decoding alone costs: the time no rule of that
 * shape can go below.
 */
function serverDecodingTable(sizes: SizeResult[]): string[] {
    const head = ["resources", "ours no-op s (harness)", "ours s (server decoding)", "awsguard s (server decoding)", "ours/awsguard", "ours no-op s (server decoding)", "awsguard no-op s (server decoding)", "no-op/awsguard"];
    const rows = sizes.map((s) => {
        const d = s.serverDecoding!;
        return [
            s.resources.toLocaleString("en-US"), s.oursNoOpSeconds!.toFixed(3), d.oursSeconds.toFixed(3), d.awsguardSeconds.toFixed(3),
            `${ratioText(d.awsguardSeconds / d.oursSeconds)}x`, d.oursNoOpSeconds.toFixed(3), d.awsguardNoOpSeconds.toFixed(3), `${ratioText(d.awsguardSeconds / d.oursNoOpSeconds)}x`,
        ];
    });
    return ["as the server decodes (every validation pays its decoding first; no-op: our rules' shapes doing nothing):", "", ...markdownTable(head, rows)];
}

/** Truncated, not rounded, so 0.998 never prints as a "1.00x" next to a missed >= 1 target. */
function ratioText(r: number): string {
    return (Math.floor(r * 100) / 100).toFixed(2);
}

function markdownTable(head: string[], rows: string[][]): string[] {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
    return [fmt(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...rows.map(fmt)];
}
