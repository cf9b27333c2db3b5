/**
 * How the path rules report what the reachability model found: one violation per finding, then, when
 * some target's verdict waits on a preview value, the engine's "can't run during preview" (never a
 * violation made from an unknown).
 */
import type { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { PathFinding, PathVerdicts } from "../reachability/path-findings";
import { Unknowns } from "./unknowns";

/** A resource's logical name: the last segment of its URN ("" when there is none). */
export function logicalName(urn: string | undefined): string {
    return urn === undefined ? "" : urn.slice(urn.lastIndexOf("::") + 2);
}

export function reportPathVerdicts(
    args: StackValidationArgs,
    reportViolation: ReportViolation,
    { findings, pending }: PathVerdicts,
    describe: (finding: PathFinding) => string,
): void {
    for (const f of findings) reportViolation(describe(f), f.target.urn);
    const unknowns = new Unknowns();
    const props = new Map(args.resources.map((r) => [r.urn, r.props]));
    for (const t of pending) unknowns.unresolved(props.get(t.urn ?? ""), t.label, "reachability");
    unknowns.settle();
}
