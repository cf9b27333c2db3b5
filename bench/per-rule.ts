/**
 * `npm run bench -- --per-rule [--sizes N]`: where a pack's time goes. Each rule runs alone as a
 * one-policy pack through the same harness, so the figure includes what the harness does for
 * that rule (a stack policy gets every resource's outputs deserialized for it, as the server does).
 */
import type { Policy } from "@pulumi/policy";
import type { StackSnapshot } from "../offline/snapshot";
import type { PackDescription } from "./awsguard-pack";
import { median, timeOnce } from "./timing";

export type RunPack = (pack: PackDescription, snapshot: StackSnapshot) => Promise<{ violations: unknown[] }>;

export interface RuleTiming {
    pack: string;
    rule: string;
    kind: "resource" | "stack";
    seconds: number;
    violations: number;
}

function kindOf(p: Policy): "resource" | "stack" {
    return "validateStack" in p && typeof (p as { validateStack?: unknown }).validateStack === "function" ? "stack" : "resource";
}

export async function timeRules(pack: PackDescription, snapshot: StackSnapshot, run: RunPack, reps = 3): Promise<RuleTiming[]> {
    const out: RuleTiming[] = [];
    for (const p of pack.policies) {
        const single: PackDescription = { ...pack, policies: [p] };
        const warm = await timeOnce(() => run(single, snapshot));
        const times: number[] = [];
        for (let i = 0; i < reps; i++) times.push((await timeOnce(() => run(single, snapshot))).seconds);
        out.push({ pack: pack.name, rule: p.name, kind: kindOf(p), seconds: median(times), violations: warm.result.violations.length });
    }
    return out.sort((a, b) => b.seconds - a.seconds);
}

export function ruleTable(size: number, rows: RuleTiming[]): string {
    const lines = [`per rule at ${size.toLocaleString("en-US")} resources (median of 3, each rule alone through the harness):`, ""];
    lines.push("| pack | rule | kind | seconds | violations |", "|------|------|------|--------:|-----------:|");
    for (const r of rows) lines.push(`| ${r.pack} | ${r.rule} | ${r.kind} | ${r.seconds.toFixed(3)} | ${r.violations} |`);
    return lines.join("\n");
}
