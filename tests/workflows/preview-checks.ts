/**
 * Two more promises of the workflows: every Pulumi step installs the CLI version the project is tested with,
 * and the pull-request run keeps what the offline preview wrote (plan, diagram, network page, ssh config).
 */
import { Step, Workflow, Workflows } from "./workflow-checks";

function steps(w: Workflow): [string, Step][] {
    return Object.entries(w.jobs ?? {}).flatMap(([id, job]) => (job.steps ?? []).map((s): [string, Step] => [id, s]));
}

/** Every pulumi/actions step pins `pulumi-version` to `version` (the @pulumi/pulumi of package.json). */
export function checkPulumiVersion(all: Workflows, version: string): string[] {
    const problems: string[] = [];
    for (const [file, w] of Object.entries(all)) {
        for (const [id, step] of steps(w)) {
            if (!/^pulumi\/actions@/.test(step.uses ?? "")) continue;
            const pinned = String(step.with?.["pulumi-version"] ?? "");
            if (pinned !== version) problems.push(`${file} ${id}: pulumi/actions installs ${pinned ? `CLI ${pinned}` : "the latest CLI"}; pin pulumi-version: ${version}`);
        }
    }
    return problems;
}

/** The offline preview writes into out/ and an upload-artifact step, run even after a failure, keeps out/. */
export function checkOfflineArtifacts(w: Workflow): string[] {
    const all = steps(w);
    const previewAt = all.findIndex(([, s]) => /\bnpm start\b/.test(s.run ?? ""));
    if (previewAt < 0) return ["no offline preview (npm start) in the pull-request workflow"];
    const problems: string[] = [];
    const [job, preview] = all[previewAt];
    const outs = [...(preview.run ?? "").matchAll(/--out\s+(\S+)/g)].map((m) => m[1]);
    if (outs.length === 0 || outs.some((o) => !o.startsWith("out/"))) problems.push(`${job}: the offline preview does not write under out/ (--out out/<stack>)`);
    const upload = all.slice(previewAt + 1).find(([id, s]) => id === job && /^actions\/upload-artifact@/.test(s.uses ?? ""));
    if (!upload) return [...problems, `${job}: the offline preview's artifacts are not uploaded (actions/upload-artifact after npm start)`];
    const step = upload[1] as Step & { if?: string };
    if (!/^out\/?$/.test(String(step.with?.path ?? ""))) problems.push(`${job}: the upload does not take out/`);
    if (!/always\(\)|!cancelled\(\)|failure\(\)/.test(String(step.if ?? ""))) problems.push(`${job}: the upload is skipped when the preview fails (add if: \${{ !cancelled() }})`);
    return problems;
}

/** Every actions/setup-node step takes Node.js from `.nvmrc`, one file for CI and people, and `.nvmrc` is a version package.json's engines accept. */
export function checkNodeFromNvmrc(all: Workflows, nvmrc: string, engines: string): string[] {
    const problems: string[] = [];
    for (const [file, w] of Object.entries(all)) {
        for (const [id, step] of steps(w)) {
            if (!/^actions\/setup-node@/.test(step.uses ?? "")) continue;
            if (step.with?.["node-version-file"] !== ".nvmrc") problems.push(`${file} ${id}: setup-node does not read .nvmrc (node-version-file: .nvmrc)`);
            if (step.with?.["node-version"] !== undefined) problems.push(`${file} ${id}: setup-node names its own node-version (${String(step.with["node-version"])}) beside .nvmrc`);
        }
    }
    const major = Number(/^v?(\d+)/.exec(nvmrc.trim())?.[1]);
    // engines as this project writes them: `^22.13.0 || >=24` (a caret range or a lower bound per alternative)
    const accepted = engines.split("||").map((r) => r.trim()).some((r) => {
        const m = /^(\^|>=)(\d+)/.exec(r);
        return m !== null && (m[1] === "^" ? major === Number(m[2]) : major >= Number(m[2]));
    });
    if (!accepted) problems.push(`.nvmrc names ${nvmrc.trim() || "nothing"}, which package.json's engines (${engines}) do not accept`);
    return problems;
}
