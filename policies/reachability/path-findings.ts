/**
 * What the pack's path rules share: build the model from a stack policy's resources (rows from
 * outside sources only), sort each row into a finding, an unknown to wait for, or nothing, and report
 * them: one violation per finding, then, when some target's verdict waits on a preview value, the
 * engine's "can't run during preview" (never a violation made from an unknown).
 */
import type { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { PolicyResourceLike, propsByUrn, stackModel } from "../model";
import { Unknowns } from "../lib/unknowns";
import { oncePerStack } from "../model/once-per-stack";
import { REACHABILITY_DEFAULTS, stripUndefined } from "./evaluate";
import { modelOptionsOf, reachabilityOf } from "./index";
import { portsLabel } from "./query";
import { Endpoint, Reachability, ReachabilityOptions, ReachabilityRow } from "./types";

export interface PathFinding {
    row: ReachabilityRow;
    source: Endpoint;
    target: Endpoint;
    /** Other sources that reach the target too. */
    also: string[];
    /** `internet can reach mhson-ec2-db-2a on tcp 3306: <why> (also from operator 203.0.113.10/32)`. */
    message: string;
}

/**
 * The rows from outside sources, built once per stack analysis for both path rules (their options are
 * the purpose: rules with the same options share one answer).
 */
function sharedReachability(resources: readonly PolicyResourceLike[], options: ReachabilityOptions): Reachability {
    const full = { ...REACHABILITY_DEFAULTS, ...stripUndefined(options), sources: "outside" as const };
    return oncePerStack(resources, `reachability ${JSON.stringify(full)}`, () => reachabilityOf(stackModel(resources, modelOptionsOf(full)), full));
}


export interface PathVerdicts {
    findings: PathFinding[];
    /** Targets whose verdict waits on a preview value: the rule reports "cannot decide yet" for them. */
    pending: Endpoint[];
}

/**
 * Rows from outside sources, filtered by `concerns` (does this row's source/target/traffic matter to
 * the rule? `unknown` when that itself is not known). One finding per target: the first row that
 * reaches it, naming the other sources that do. Unknowns caused by something outside the snapshot decide nothing.
 */
export function pathVerdicts(
    resources: readonly PolicyResourceLike[],
    options: ReachabilityOptions,
    concerns: (row: ReachabilityRow, source: Endpoint, target: Endpoint) => "yes" | "no" | "unknown",
): PathVerdicts {
    const model = sharedReachability(resources, options);
    const byId = new Map(model.endpoints.map((e) => [e.id, e]));
    const findings: PathFinding[] = [];
    const pending = new Map<string, Endpoint>();
    for (const row of model.rows) {
        const source = byId.get(row.from);
        const target = byId.get(row.to);
        if (!source || !target || row.verdict === "no") continue;
        const matters = concerns(row, source, target);
        if (matters === "no") continue;
        const certain = row.verdict === "yes" && matters === "yes";
        // Unknown because of a preview value: wait for it. Because the subnet or a group lies outside the
        // snapshot (a real export): nothing here can decide it, so no claim either way.
        const waitable = row.verdict === "unknown" ? row.preview === true : target.subnetUrn !== undefined;
        if (!certain) {
            if (waitable) pending.set(target.id, target);
            continue;
        }
        // One finding per target: the first path found, other sources named after it.
        const earlier = findings.find((f) => f.target.id === target.id);
        if (earlier) {
            if (!earlier.also.includes(source.label) && earlier.source.id !== source.id) earlier.also.push(source.label);
            continue;
        }
        findings.push({ row, source, target, also: [], message: "" });
    }
    for (const f of findings) {
        pending.delete(f.target.id);
        const also = f.also.length > 0 ? ` (also from ${f.also.join(", ")})` : "";
        f.message = `${f.source.label} can reach ${f.target.label} on ${portsLabel(f.row)}: ${f.row.reason}${also}.`;
    }
    return { findings, pending: [...pending.values()] };
}

/** A resource's logical name: the last segment of its URN ("" when there is none). */
export function logicalName(urn: string | undefined): string {
    return urn === undefined ? "" : urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * One violation per finding; then, for targets that wait on a preview value, the engine's own unknown
 * error, raised through the proxy that built the target's props (the only use of them here).
 */
export function reportPathVerdicts(
    args: StackValidationArgs,
    reportViolation: ReportViolation,
    { findings, pending }: PathVerdicts,
    describe: (finding: PathFinding) => string,
): void {
    for (const f of findings) reportViolation(describe(f), f.target.urn);
    const unknowns = new Unknowns();
    const props = propsByUrn(args.resources);
    for (const t of pending) unknowns.unresolved(props.get(t.urn ?? ""), t.label, "reachability");
    unknowns.settle();
}
