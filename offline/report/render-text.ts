import { nameFromUrn, StackSnapshot } from "../snapshot";
import { LEVEL_ORDER } from "./policy-event";
import { Reachability } from "../../policies/reachability";
import { PathListing, reachabilityOf, renderReachabilityTable } from "./reachability-table";
import { providerSettingsSection } from "./provider-settings";
import { PolicyReport } from "./report";
import { countsByType, resourceTree } from "./resource-tree";
import { SubnetRow } from "./subnet-rows";
import { textTable } from "./text-table";

export interface TextReportInput {
    report: PolicyReport;
    snapshot: StackSnapshot;
    subnets: SubnetRow[];
    /** What the reader tolerated, shown so the operator knows the analysis is partial. */
    warnings?: string[];
    /** The reachability model, when the caller already built it (else built here from the snapshot). */
    reachability?: Reachability;
    /** How many reachability rows to list, and where the rest are (default: every row). */
    paths?: PathListing;
    /** Files written, shown before the summary line. */
    artifacts?: { dir: string; files: string[] };
}

function indentMessage(message: string): string[] {
    return message.split("\n").map((l) => `        ${l}`);
}

/** The human report: what would be built, the subnets, the violations by level, and one summary line last. */
export function renderText(input: TextReportInput): string {
    const { report, snapshot } = input;
    const out: string[] = [];
    out.push(`${report.project} / stack ${report.stack}: ${report.description}`, "");

    out.push(`Resources (${report.resources.length}), by component:`);
    out.push(...resourceTree(snapshot.resources));
    out.push("", "Counts by type:");
    out.push(...textTable(["type", "count"], countsByType(snapshot.resources).map(([t, n]) => [t, String(n)])));

    out.push(...providerSettingsSection(snapshot));

    out.push("", `Subnets (${input.subnets.length}):`);
    if (input.subnets.length === 0) out.push("  (none in this stack)");
    else out.push(...textTable(["name", "tier", "az", "cidr", "usable addresses"], input.subnets.map((s) => [s.name, s.tier, s.az, s.cidr, s.usableAddresses])));

    out.push("");
    for (const line of renderReachabilityTable(input.reachability ?? reachabilityOf(snapshot), input.paths)) out.push(line);

    out.push("", "Policy report:");
    if (report.violations.length === 0) out.push("  no violations");
    for (const level of LEVEL_ORDER) {
        const group = report.violations.filter((v) => v.enforcementLevel === level);
        if (group.length === 0) continue;
        out.push(`  ${level.toUpperCase()} (${group.length}):`);
        for (const v of group) {
            const resource = v.resourceUrn ? `${nameFromUrn(v.resourceUrn)} (${v.resourceUrn})` : "(stack)";
            out.push(`    ${v.policyName}  ${resource}`, ...indentMessage(v.message));
        }
    }
    if (report.notApplicable.length > 0) {
        out.push(
            `  ${report.notApplicable.length} check(s) could not be decided on values unknown before the update; ` +
                "they run again when the values are known.",
        );
    }
    for (const w of input.warnings ?? []) out.push(`  note: ${w}`);

    if (input.artifacts) {
        out.push("", `Artifacts written to ${input.artifacts.dir}:`);
        for (const f of input.artifacts.files) out.push(`  ${f}`);
    }
    out.push("", report.summary.text);
    return out.join("\n") + "\n";
}
