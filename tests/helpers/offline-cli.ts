// Our offline commands (`npm start`, `npm run policy:check`) run as package.json runs them (tests/offline/cli/run-cli.ts),
// for specs that compare them with the real engine. Returns the parsed JSON report.
import { CliRun, runCli } from "../offline/cli/run-cli";

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

function parseReport(r: CliRun, what: string): HarnessReport {
    if (r.code !== 0 && r.code !== 1) throw new Error(`${what} exited ${r.code}: ${r.stderr}`);
    const parsed = JSON.parse(r.stdout) as HarnessReport | HarnessReport[];
    return Array.isArray(parsed) ? parsed[0] : parsed;
}

/** `npm run policy:check -- FILE --json [--policy-config CONFIG]`. */
export async function policyCheck(file: string, policyConfig?: string): Promise<HarnessReport> {
    const args = [file, "--json", ...(policyConfig ? ["--policy-config", policyConfig] : [])];
    return parseReport(await runCli("policy:check", args), `policy:check ${file}`);
}

/** `npm start -- --project-dir DIR --stack STACK --json --out OUT [--preview] [--policy-config CONFIG]`. */
export async function offlinePreview(projectDir: string, stack: string, out: string, preview: boolean, policyConfig?: string): Promise<HarnessReport> {
    const args = ["--project-dir", projectDir, "--stack", stack, "--json", "--out", out, ...(preview ? ["--preview"] : []),
        ...(policyConfig ? ["--policy-config", policyConfig] : [])];
    return parseReport(await runCli("start", args), `npm start --stack ${stack}`);
}
