/**
 * What the CI workflows must guarantee, as functions from parsed workflow files to a list of
 * problems (empty = fine). Kept apart from the spec so the spec can show each check failing on a
 * broken copy of the real files, not only passing on the good ones.
 */
export type Json = unknown;
export interface Step {
    name?: string;
    uses?: string;
    run?: string;
    with?: Record<string, Json>;
    env?: Record<string, Json>;
    "working-directory"?: string;
}
export interface Job {
    needs?: string | string[];
    environment?: string | { name?: string };
    permissions?: Record<string, string> | string;
    concurrency?: string | { group?: string; "cancel-in-progress"?: boolean | string };
    strategy?: { matrix?: Record<string, Json> };
    steps?: Step[];
}
export interface Workflow {
    on?: Record<string, Json> | string | string[];
    permissions?: Record<string, string> | string;
    concurrency?: Job["concurrency"];
    jobs?: Record<string, Job>;
}
export type Workflows = Record<string, Workflow>;

const PULUMI_ACTION = /^pulumi\/actions@/;
const PACK = "policies";

function jobs(w: Workflow): [string, Job][] {
    return Object.entries(w.jobs ?? {});
}

function triggers(w: Workflow): string[] {
    if (typeof w.on === "string") return [w.on];
    if (Array.isArray(w.on)) return w.on.map(String);
    return Object.keys(w.on ?? {});
}

/** `preview` or `up` when the step runs one (through pulumi/actions or the CLI), else undefined. */
export function pulumiCommand(step: Step): "preview" | "up" | undefined {
    if (step.uses && PULUMI_ACTION.test(step.uses)) {
        const c = String(step.with?.command ?? "");
        return c === "preview" ? "preview" : c === "up" || c === "update" ? "up" : undefined;
    }
    const m = /\bpulumi\s+(preview|up|update)\b/.exec(step.run ?? "");
    return m ? (m[1] === "preview" ? "preview" : "up") : undefined;
}

function hasPack(step: Step): boolean {
    if (step.uses) {
        return String(step.with?.policyPacks ?? "").split(/[\n,]/).map((s) => s.trim()).includes(PACK);
    }
    return new RegExp(`--policy-pack[ =](\\./)?${PACK}\\b`).test(step.run ?? "");
}

function installsPack(step: Step): boolean {
    const run = step.run ?? "";
    return (/\bnpm ci\b/.test(run) && /^(\.\/)?policies\/?$/.test(step["working-directory"] ?? "")) || /\bnpm ci --prefix (\.\/)?policies\b/.test(run);
}

function assumesRole(step: Step): boolean {
    return /^aws-actions\/configure-aws-credentials@/.test(step.uses ?? "") && typeof step.with?.["role-to-assume"] === "string";
}

function grants(p: Workflow["permissions"], scope: string, level: string): boolean {
    return typeof p === "object" && p !== null && p[scope] === level;
}

/** Every preview and up: the pack, its npm ci first, OIDC role first, id-token permission, token from secrets. */
export function checkPulumiSteps(all: Workflows): string[] {
    const problems: string[] = [];
    for (const [file, w] of Object.entries(all)) {
        for (const [id, job] of jobs(w)) {
            const steps = job.steps ?? [];
            steps.forEach((step, i) => {
                const cmd = pulumiCommand(step);
                if (!cmd) return;
                const where = `${file} ${id} step ${i + 1} (${cmd})`;
                const before = steps.slice(0, i);
                if (!hasPack(step)) problems.push(`${where}: runs without the ${PACK} policy pack`);
                if (!before.some(installsPack)) problems.push(`${where}: no \`npm ci\` in ${PACK}/ before it`);
                if (!before.some(assumesRole)) problems.push(`${where}: no OIDC role assumption before it`);
                if (!grants(job.permissions ?? w.permissions, "id-token", "write")) problems.push(`${where}: job lacks \`id-token: write\``);
                if (step.env?.PULUMI_ACCESS_TOKEN !== "${{ secrets.PULUMI_ACCESS_TOKEN }}") {
                    problems.push(`${where}: PULUMI_ACCESS_TOKEN must come from secrets.PULUMI_ACCESS_TOKEN`);
                }
            });
        }
    }
    return problems;
}

const CREDENTIAL_KEY = /(token|secret|password|passphrase|access[-_]?key|credentials?)$/i;
const FORBIDDEN_KEYS = new Set(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "aws-access-key-id", "aws-secret-access-key", "aws-session-token"]);
const SECRET_REF = /^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/;
const LITERAL_SECRETS = [/AKIA[0-9A-Z]{16}/, /\bpul-[0-9a-f]{40}\b/, /\bgh[pousr]_[A-Za-z0-9]{30,}/];

/** No long-lived AWS keys at all; any credential-looking value is a `${{ secrets.* }}` reference. */
export function checkNoPlaintextCredentials(all: Workflows): string[] {
    const problems: string[] = [];
    const visit = (v: Json, path: string, key: string, file: string): void => {
        if (FORBIDDEN_KEYS.has(key)) problems.push(`${file} ${path}: long-lived AWS key material; use OIDC`);
        if (typeof v === "string") {
            if (CREDENTIAL_KEY.test(key) && !SECRET_REF.test(v.trim()) && key !== "github-token") {
                problems.push(`${file} ${path}: "${key}" is not a \${{ secrets.* }} reference`);
            }
            if (LITERAL_SECRETS.some((re) => re.test(v))) problems.push(`${file} ${path}: literal credential`);
        } else if (Array.isArray(v)) {
            v.forEach((x, i) => visit(x, `${path}[${i}]`, key, file));
        } else if (typeof v === "object" && v !== null) {
            // `permissions: { id-token: write }` names a scope, not a credential
            for (const [k, x] of Object.entries(v)) if (k !== "permissions") visit(x, `${path}.${k}`, k, file);
        }
    };
    for (const [file, w] of Object.entries(all)) visit(w, "", "", file);
    return problems;
}

function concurrencyOf(c: Job["concurrency"]): { group: string; cancel: boolean } | undefined {
    if (typeof c === "string") return { group: c, cancel: false };
    if (c && typeof c.group === "string") return { group: c.group, cancel: c["cancel-in-progress"] === true || c["cancel-in-progress"] === "true" };
    return undefined;
}

/** The stack a job updates, from its pulumi step's stack-name (`org/dev` -> `dev`). */
export function stackOf(job: Job): string | undefined {
    const step = (job.steps ?? []).find((s) => pulumiCommand(s) === "up");
    const name = step ? String(step.with?.["stack-name"] ?? /--stack[ =](\S+)/.exec(step.run ?? "")?.[1] ?? "") : "";
    return name ? name.slice(name.lastIndexOf("/") + 1) : undefined;
}

/** Every workflow has a concurrency group; every job that updates a stack is in a group named for it, never cancelled. */
export function checkConcurrency(all: Workflows): string[] {
    const problems: string[] = [];
    const groups = new Map<string, string>();
    for (const [file, w] of Object.entries(all)) {
        if (!concurrencyOf(w.concurrency) && !jobs(w).every(([, j]) => concurrencyOf(j.concurrency))) {
            problems.push(`${file}: no concurrency group`);
        }
        for (const [id, job] of jobs(w)) {
            const stack = stackOf(job);
            if (!stack) continue;
            const c = concurrencyOf(job.concurrency);
            if (!c || !c.group.includes(stack)) problems.push(`${file} ${id}: updates ${stack} outside a concurrency group for that stack`);
            else if (c.cancel) problems.push(`${file} ${id}: cancel-in-progress would cut an update of ${stack} short`);
            else if (groups.has(c.group) && groups.get(c.group) !== stack) problems.push(`${file} ${id}: group ${c.group} shared by two stacks`);
            else groups.set(c.group, stack);
        }
    }
    return problems;
}

function environmentOf(job: Job): string | undefined {
    return typeof job.environment === "string" ? job.environment : job.environment?.name;
}

function needsOf(job: Job): string[] {
    return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

function dependsOn(w: Workflow, id: string, target: string, seen = new Set<string>()): boolean {
    return needsOf(w.jobs?.[id] ?? {}).some((n) => n === target || (!seen.has(n) && (seen.add(n), dependsOn(w, n, target, seen))));
}

/** Every job that previews or updates a stack waits for the job that runs `npm test`. */
export function checkTestsFirst(all: Workflows): string[] {
    const problems: string[] = [];
    for (const [file, w] of Object.entries(all)) {
        const testJobs = jobs(w).filter(([, j]) => (j.steps ?? []).some((s) => /^npm (run )?test\b/.test(s.run ?? ""))).map(([id]) => id);
        for (const [id, j] of jobs(w)) {
            if (!(j.steps ?? []).some((s) => pulumiCommand(s))) continue;
            if (!testJobs.some((t) => dependsOn(w, id, t))) problems.push(`${file} ${id}: runs pulumi without waiting for npm test`);
        }
    }
    return problems;
}

/** `pulumi up` only on push to main: dev first, prod after it and behind the `prod` environment. */
export function checkDeployOrder(w: Workflow): string[] {
    const problems: string[] = [];
    const on = w.on;
    const push = typeof on === "object" && !Array.isArray(on) ? (on?.push as { branches?: string[] } | undefined) : undefined;
    if (!push?.branches?.includes("main")) problems.push("deploy: not triggered by a push to main");
    if (triggers(w).some((t) => t.startsWith("pull_request"))) problems.push("deploy: runs on pull requests");
    const byStack = new Map(jobs(w).map(([id, j]) => [stackOf(j), { id, job: j }] as const));
    const dev = byStack.get("dev"), prod = byStack.get("prod");
    if (!dev || !prod) return [...problems, "deploy: needs a `pulumi up` job for dev and one for prod"];
    if (!dependsOn(w, prod.id, dev.id)) problems.push("deploy: prod does not wait for dev");
    if (environmentOf(prod.job) !== "prod") problems.push("deploy: prod is not behind the `prod` environment");
    return problems;
}

/** Pull requests: tests and the offline preview, then a commented `pulumi preview` of dev and prod. */
export function checkPullRequest(w: Workflow): string[] {
    const problems: string[] = [];
    if (!triggers(w).includes("pull_request")) problems.push("pull-request: not triggered by pull_request");
    if (triggers(w).includes("pull_request_target")) problems.push("pull-request: pull_request_target hands secrets to forks");
    const runs = jobs(w).flatMap(([, j]) => (j.steps ?? []).map((s) => s.run ?? ""));
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    const [ci, test, start] = [at(/^npm ci\b/), at(/^npm (run )?test\b/), at(/^npm start\b/)];
    if (ci < 0 || test < ci || start < test) problems.push("pull-request: needs npm ci, then npm test, then npm start");
    const previews = jobs(w).filter(([, j]) => (j.steps ?? []).some((s) => pulumiCommand(s) === "preview"));
    const stacks = new Set<string>();
    for (const [id, j] of previews) {
        const step = (j.steps ?? []).find((s) => pulumiCommand(s) === "preview") as Step;
        const commentedLater = (j.steps ?? []).slice((j.steps ?? []).indexOf(step) + 1).some((s) => /\bgh pr comment\b/.test(s.run ?? ""));
        if (String(step.with?.["comment-on-pr"]) !== "true" && !commentedLater) problems.push(`pull-request ${id}: preview is not commented on the PR`);
        const matrix = (j.strategy?.matrix?.stack ?? []) as Json[];
        const name = previewedStack(step);
        if (name.includes("matrix.stack")) matrix.forEach((s) => stacks.add(String(s)));
        else stacks.add(name.slice(name.lastIndexOf("/") + 1));
        if (!grants(j.permissions, "pull-requests", "write")) problems.push(`pull-request ${id}: cannot comment without pull-requests: write`);
    }
    for (const s of ["dev", "prod"]) if (!stacks.has(s)) problems.push(`pull-request: no pulumi preview of ${s}`);
    return problems;
}

/** The stack a preview step names: pulumi/actions' stack-name, or the CLI's --stack (an env variable resolved from the step's env). */
function previewedStack(step: Step): string {
    if (step.with?.["stack-name"] !== undefined) return String(step.with["stack-name"]);
    const arg = /--stack[ =]"?([^"\s]+)"?/.exec(step.run ?? "")?.[1] ?? "";
    const variable = /^\$\{?(\w+)\}?$/.exec(arg)?.[1];
    return variable ? String(step.env?.[variable] ?? "") : arg;
}

/** Every action pinned to an exact release or a commit, so a moved tag cannot change what runs. */
export function checkPinnedActions(all: Workflows): string[] {
    const problems: string[] = [];
    for (const [file, w] of Object.entries(all)) {
        for (const [id, job] of jobs(w)) {
            for (const s of job.steps ?? []) {
                if (s.uses && !/@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/.test(s.uses)) problems.push(`${file} ${id}: ${s.uses} is not pinned`);
            }
        }
    }
    return problems;
}
