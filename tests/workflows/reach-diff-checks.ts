/**
 * The pull-request comment's reachability part: each previewed stack's `pulumi preview --json` is compared
 * with the deployed stack's `pulumi stack export` by `npm run reach:diff`, and its Markdown goes into the same
 * comment as the pack's result, with `--fail-on-exposure` available as the gate.
 */
import { Job, Step, Workflow } from "./workflow-checks";
import { pulumiCommand } from "./workflow-checks";

/** The file a step's `cmd ... > FILE` writes, when its run has one. */
const writes = (run: string, cmd: RegExp): string | undefined => new RegExp(`${cmd.source}[^\\n]*>\\s*(\\S+)`).exec(run)?.[1];

function checkJob(id: string, j: Job): string[] {
    const steps: Step[] = j.steps ?? [];
    const at = steps.findIndex((s) => pulumiCommand(s) === "preview");
    const where = `pull-request ${id}`;
    const previewJson = writes(steps[at].run ?? "", /\bpulumi\s+preview\b[^\n]*--json/);
    if (!previewJson) return [`${where}: the preview's JSON is not saved (pulumi preview --json > FILE), so nothing can be compared`];
    const exportAt = steps.findIndex((s) => /\bpulumi\s+stack\s+export\b/.test(s.run ?? ""));
    const exported = exportAt >= 0 ? writes(steps[exportAt].run ?? "", /\bpulumi\s+stack\s+export\b/) : undefined;
    if (!exported) return [`${where}: no export of the deployed stack (pulumi stack export > FILE) to compare the preview with`];
    const problems: string[] = [];
    const diffStep = steps.find((s) => /\bnpm run (--silent )?reach:diff\b/.test(s.run ?? ""));
    const diffRun = diffStep?.run ?? "";
    const args = /\breach:diff\s+--\s+(\S+)\s+(\S+)/.exec(diffRun);
    if (!args) return [...problems, `${where}: no npm run reach:diff -- BASE NEW after the preview`];
    if (args[1] !== exported || args[2] !== previewJson) problems.push(`${where}: reach:diff compares ${args[1]} with ${args[2]}, not the export (${exported}) with the preview (${previewJson})`);
    const markdown = /--markdown\s+(\S+)/.exec(diffRun)?.[1];
    if (!markdown) return [...problems, `${where}: reach:diff writes no --markdown for the comment`];
    if (!/--fail-on-exposure/.test(diffRun)) problems.push(`${where}: the --fail-on-exposure gate cannot be turned on`);
    const comment = steps.slice(steps.indexOf(diffStep as Step) + 1).find((s) => /\bgh pr comment\b/.test(s.run ?? ""));
    const body = /--body-file\s+(\S+)/.exec(comment?.run ?? "")?.[1];
    if (!body) return [...problems, `${where}: no comment is posted after the diff (gh pr comment --body-file FILE)`];
    const built = steps.find((s) => new RegExp(`>\\s*${body.replace(/\./g, "\\.")}\\b`).test(s.run ?? ""))?.run ?? "";
    if (!new RegExp(`\\bcat ${markdown.replace(/\./g, "\\.")}\\b`).test(built)) problems.push(`${where}: the comment (${body}) does not hold the diff (${markdown})`);
    if (!/\bpolicy:check\b/.test(built)) problems.push(`${where}: the comment (${body}) does not hold the policy result`);
    return problems;
}

/** Every job that previews a stack compares it with the deployed export and comments the diff with the policy result. */
export function checkReachDiffComment(w: Workflow): string[] {
    const previews = Object.entries(w.jobs ?? {}).filter(([, j]) => (j.steps ?? []).some((s) => pulumiCommand(s) === "preview"));
    if (previews.length === 0) return ["pull-request: no preview to compare"];
    return previews.flatMap(([id, j]) => checkJob(id, j));
}
