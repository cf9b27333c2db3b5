import { SnapshotSource, StackSnapshot } from "../snapshot";
import { EnforcementLevel, LEVEL_ORDER, PolicyEvent, PolicyRunResult } from "./policy-event";

/** Says what was analysed, so no one mistakes a simulation for a deployment. */
export function describeSource(source: SnapshotSource, mocked = false): string {
    if (source === "stack-export" && mocked) return "policy check of a `pulumi stack export` file written by the offline preview (mocked provider: ids, addresses and ARNs made up)";
    switch (source) {
        case "offline-preview":
            return "offline preview (mocked provider; computed values unknown, as in `pulumi preview`) - no cloud was touched";
        case "offline-update":
            return "offline preview (mocked provider; fake ids and IPs derived from names) - no cloud was touched";
        case "stack-export":
            return "policy check of a `pulumi stack export` file";
        case "preview-json":
            return "policy check of `pulumi preview --json` output";
    }
}

export interface ReportResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
}

export interface ReportSummary {
    resources: number;
    violations: number;
    mandatory: number;
    remediate: number;
    advisory: number;
    notApplicable: number;
    /** The one-line summary the human report ends with. */
    text: string;
}

/** The machine report: `pulumi preview --json` field names for violations. */
export interface PolicyReport {
    stack: string;
    project: string;
    source: SnapshotSource;
    description: string;
    resources: ReportResource[];
    violations: PolicyEvent[];
    notApplicable: PolicyRunResult["notApplicable"];
    summary: ReportSummary;
}

function compareViolations(a: PolicyEvent, b: PolicyEvent): number {
    return (
        LEVEL_ORDER.indexOf(a.enforcementLevel) - LEVEL_ORDER.indexOf(b.enforcementLevel) ||
        a.policyName.localeCompare(b.policyName) ||
        (a.resourceUrn ?? "").localeCompare(b.resourceUrn ?? "") ||
        a.message.localeCompare(b.message)
    );
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Sorted, counted and described: the same input always gives the same report, whatever order the harness
 * used. The summary leaves the source out so a stack export of an offline preview summarizes identically.
 */
export function buildReport(snapshot: StackSnapshot, result: PolicyRunResult): PolicyReport {
    const violations = result.violations.map((v) => ({ ...v })).sort(compareViolations);
    const count = (level: EnforcementLevel) => violations.filter((v) => v.enforcementLevel === level).length;
    const mandatory = count("mandatory");
    const remediate = count("remediate");
    const advisory = count("advisory");
    const resources = snapshot.resources.map((r) => {
        const entry: ReportResource = { urn: r.urn, type: r.type, name: r.name };
        if (r.parent) entry.parent = r.parent;
        return entry;
    });
    const verdict = mandatory > 0 ? "FAILED" : "passed";
    const text =
        `Policy check ${verdict}: ${plural(resources.length, "resource")}, ${plural(mandatory, "mandatory violation")}, ` +
        `${plural(advisory, "advisory violation")}${remediate > 0 ? `, ${plural(remediate, "remediation")}` : ""} ` +
        `(stack ${snapshot.stack}).`;
    const notApplicable = [...result.notApplicable].sort(
        (a, b) => a.policyName.localeCompare(b.policyName) || (a.resourceUrn ?? "").localeCompare(b.resourceUrn ?? ""),
    );
    return {
        stack: snapshot.stack,
        project: snapshot.project,
        source: snapshot.source,
        description: describeSource(snapshot.source, snapshot.mocked),
        resources,
        violations,
        notApplicable,
        summary: { resources: resources.length, violations: violations.length, mandatory, remediate, advisory, notApplicable: notApplicable.length, text },
    };
}

/** 0 clean or advisory only, 1 at least one mandatory violation (2, bad input, is the CLI's). */
export function exitCodeFor(report: PolicyReport): 0 | 1 {
    return report.summary.mandatory > 0 ? 1 : 0;
}
