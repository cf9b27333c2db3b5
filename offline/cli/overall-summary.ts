import { PolicyReport } from "../report/report";

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The one line that ends a run over several files: the same counts as each report's, summed. */
export function overallSummary(reports: PolicyReport[]): string {
    const sum = (f: (r: PolicyReport) => number) => reports.reduce((n, r) => n + f(r), 0);
    const mandatory = sum((r) => r.summary.mandatory);
    const remediate = sum((r) => r.summary.remediate);
    const failed = reports.filter((r) => r.summary.mandatory > 0).length;
    return (
        `Policy check ${mandatory > 0 ? "FAILED" : "passed"} over ${plural(reports.length, "file")}` +
        `${failed > 0 ? ` (${failed} failed)` : ""}: ${plural(sum((r) => r.summary.resources), "resource")}, ` +
        `${plural(mandatory, "mandatory violation")}, ${plural(sum((r) => r.summary.advisory), "advisory violation")}` +
        `${remediate > 0 ? `, ${plural(remediate, "remediation")}` : ""}.`
    );
}
