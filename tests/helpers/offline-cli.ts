// Runs our offline commands (`npm start`, `npm run policy:check`) as a user does, for specs that compare them
// with the real engine. Returns the parsed JSON report(s).
import { spawnSync } from "child_process";
import * as path from "path";
import { repoRoot } from "../../engine/build/pins";

export interface HarnessViolation {
    policyName: string;
    resourceUrn: string;
    enforcementLevel: string;
    message: string;
}

export interface HarnessReport {
    violations: HarnessViolation[];
    summary: { resources: number; mandatory: number };
}

function runTs(entry: string, args: string[]): { status: number; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(repoRoot, entry), ...args], {
        cwd: repoRoot, encoding: "utf8", maxBuffer: 128 * 2 ** 20,
    });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function parseReport(r: { status: number; stdout: string; stderr: string }, what: string): HarnessReport {
    if (r.status !== 0 && r.status !== 1) throw new Error(`${what} exited ${r.status}: ${r.stderr}`);
    const parsed = JSON.parse(r.stdout) as HarnessReport | HarnessReport[];
    return Array.isArray(parsed) ? parsed[0] : parsed;
}

/** `npm run policy:check -- FILE --json [--policy-config CONFIG]`. */
export function policyCheck(file: string, policyConfig?: string): HarnessReport {
    const args = [file, "--json", ...(policyConfig ? ["--policy-config", policyConfig] : [])];
    return parseReport(runTs("offline/cli/policy-check.ts", args), `policy:check ${file}`);
}

/** `npm start -- --project-dir DIR --stack STACK --json --out OUT [--preview] [--policy-config CONFIG]`. */
export function offlinePreview(projectDir: string, stack: string, out: string, preview: boolean, policyConfig?: string): HarnessReport {
    const args = ["--project-dir", projectDir, "--stack", stack, "--json", "--out", out, ...(preview ? ["--preview"] : []),
        ...(policyConfig ? ["--policy-config", policyConfig] : [])];
    return parseReport(runTs("offline/cli/preview.ts", args), `npm start --stack ${stack}`);
}
