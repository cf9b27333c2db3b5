import { PolicyReport } from "../report/report";
import { StackSnapshot } from "../snapshot";
import { canonicalJson } from "./canonical-json";

/**
 * plan.json: every resource with its inputs and outputs, the stack outputs, and the report. No
 * timestamps or paths, keys sorted: two runs on the same config give the same bytes.
 */
export function planJson(snapshot: StackSnapshot, outputs: Record<string, unknown>, report: PolicyReport): string {
    return canonicalJson({
        project: snapshot.project,
        stack: snapshot.stack,
        source: snapshot.source,
        resources: snapshot.resources,
        outputs,
        report,
    });
}
