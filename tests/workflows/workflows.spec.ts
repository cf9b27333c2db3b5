/**
 * The CI workflows keep the promises the README makes about them: previews on pull requests and
 * updates on main both run the pack, credentials come from OIDC and secrets, one update per
 * stack at a time, prod behind an approval. Each check is also run on a broken copy, to show it
 * can fail.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import {
    checkConcurrency, checkDeployOrder, checkNoPlaintextCredentials, checkPinnedActions, checkPullRequest,
    checkPulumiSteps, checkTestsFirst, Job, Step, Workflow, Workflows,
} from "./workflow-checks";
import { checkNodeFromNvmrc, checkOfflineArtifacts, checkPulumiVersion } from "./preview-checks";
import { checkReachDiffComment } from "./reach-diff-checks";

/** The CLI version the workflows must install: the one package.json pins the SDK to. */
const PULUMI_VERSION = (JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["@pulumi/pulumi"];

const DIR = path.resolve(__dirname, "../../.github/workflows");
const NVMRC = fs.readFileSync(path.resolve(__dirname, "../../.nvmrc"), "utf8");
const ENGINES = (JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as { engines: { node: string } }).engines.node;

function load(): Workflows {
    const all: Workflows = {};
    for (const f of fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f))) {
        all[f] = parse(fs.readFileSync(path.join(DIR, f), "utf8")) as Workflow;
    }
    return all;
}

/** A deep copy to break without touching the parsed originals. */
const copy = (w: Workflows): Workflows => structuredClone(w);
const job = (w: Workflows, file: string, id: string): Job => {
    const j = w[file].jobs?.[id];
    assert.ok(j, `${file} has no job ${id}`);
    return j;
};
const pulumiStep = (j: Job): Step => {
    const s = (j.steps ?? []).find((x) => x.uses?.startsWith("pulumi/actions@"));
    assert.ok(s, "job has no pulumi/actions step");
    return s;
};

describe("CI workflows", () => {
    const all = load();

    it("has the pull-request and deploy workflows, and they parse", () => {
        assert.deepStrictEqual(Object.keys(all).sort(), ["deploy.yml", "pull-request.yml"]);
        for (const w of Object.values(all)) assert.ok(w.jobs && Object.keys(w.jobs).length > 0);
    });

    describe("as committed", () => {
        const cases: [string, () => string[]][] = [
            ["pull requests: tests, offline preview, commented preview of dev and prod", () => checkPullRequest(all["pull-request.yml"])],
            ["main: up dev, then prod behind its environment", () => checkDeployOrder(all["deploy.yml"])],
            ["no preview or up before npm test has passed", () => checkTestsFirst(all)],
            ["every preview and up runs the pack, after its npm ci, with OIDC and the token from secrets", () => checkPulumiSteps(all)],
            ["no plaintext credentials", () => checkNoPlaintextCredentials(all)],
            ["concurrency: one update per stack at a time", () => checkConcurrency(all)],
            ["actions pinned to exact versions", () => checkPinnedActions(all)],
            [`every pulumi/actions step installs CLI ${PULUMI_VERSION}`, () => checkPulumiVersion(all, PULUMI_VERSION)],
            ["the offline preview's artifacts are uploaded, even when it fails", () => checkOfflineArtifacts(all["pull-request.yml"])],
            [`every setup-node takes Node.js from .nvmrc (${NVMRC.trim()}), which package.json's engines accept`, () => checkNodeFromNvmrc(all, NVMRC, ENGINES)],
            ["each preview is compared with the deployed export (reach:diff) in the same comment as the policy result", () => checkReachDiffComment(all["pull-request.yml"])],
        ];
        for (const [title, check] of cases) it(title, () => assert.deepStrictEqual(check(), []));
    });

    describe("each check fails on a broken copy", () => {
        const fails = (problems: string[], pattern: RegExp) => {
            assert.ok(problems.some((p) => pattern.test(p)), `expected a problem matching ${pattern}, got ${JSON.stringify(problems)}`);
        };

        it("a preview without the policy pack", () => {
            const w = copy(all);
            const preview = (job(w, "pull-request.yml", "preview").steps ?? []).find((s) => /pulumi preview/.test(s.run ?? "")) as Step;
            preview.run = (preview.run ?? "").replace(" --policy-pack policies", "");
            fails(checkPulumiSteps(w), /pull-request.yml preview step \d+ \(preview\): runs without the policies policy pack/);
        });

        it("an up through the CLI without --policy-pack", () => {
            const w = copy(all);
            job(w, "deploy.yml", "up-prod").steps?.push({ run: "pulumi up --yes --stack prod" });
            fails(checkPulumiSteps(w), /up-prod .*without the policies policy pack/);
        });

        it("the pack's npm ci missing", () => {
            const w = copy(all);
            const j = job(w, "deploy.yml", "up-dev");
            j.steps = (j.steps ?? []).filter((s) => s["working-directory"] !== "policies");
            fails(checkPulumiSteps(w), /no `npm ci` in policies/);
        });

        it("no id-token permission", () => {
            const w = copy(all);
            job(w, "deploy.yml", "up-prod").permissions = { contents: "read" };
            fails(checkPulumiSteps(w), /id-token: write/);
        });

        it("long-lived AWS keys, even from secrets", () => {
            const w = copy(all);
            pulumiStep(job(w, "deploy.yml", "up-dev")).env = {
                PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}",
                AWS_ACCESS_KEY_ID: "${{ secrets.AWS_ACCESS_KEY_ID }}",
            };
            fails(checkNoPlaintextCredentials(w), /long-lived AWS key/);
        });

        it("a token written in the file", () => {
            const w = copy(all);
            pulumiStep(job(w, "deploy.yml", "up-dev")).env = { PULUMI_ACCESS_TOKEN: `pul-${"0123456789abcdef".repeat(2)}01234567` };
            fails(checkNoPlaintextCredentials(w), /is not a \$\{\{ secrets/);
            fails(checkPulumiSteps(w), /PULUMI_ACCESS_TOKEN must come from secrets/);
        });

        it("an update outside its stack's concurrency group, or cancellable", () => {
            const w = copy(all);
            delete job(w, "deploy.yml", "up-dev").concurrency;
            job(w, "deploy.yml", "up-prod").concurrency = { group: "pulumi-stack-prod", "cancel-in-progress": true };
            const problems = checkConcurrency(w);
            fails(problems, /up-dev: updates dev outside/);
            fails(problems, /up-prod: cancel-in-progress/);
        });

        it("prod without its environment, or not after dev", () => {
            const w = copy(all);
            const prod = job(w, "deploy.yml", "up-prod");
            delete prod.environment;
            prod.needs = "test";
            const problems = checkDeployOrder(w["deploy.yml"]);
            fails(problems, /prod is not behind/);
            fails(problems, /prod does not wait for dev/);
        });

        it("a preview that does not wait for the tests", () => {
            const w = copy(all);
            delete job(w, "pull-request.yml", "preview").needs;
            fails(checkTestsFirst(w), /pull-request.yml preview: runs pulumi without waiting for npm test/);
        });

        it("deploying from pull requests", () => {
            const w = copy(all);
            w["deploy.yml"].on = { pull_request: {} };
            fails(checkDeployOrder(w["deploy.yml"]), /not triggered by a push to main/);
        });

        it("a pull request preview of only one stack, uncommented", () => {
            const w = copy(all);
            const j = job(w, "pull-request.yml", "preview");
            j.strategy = { matrix: { stack: ["dev"] } };
            j.steps = (j.steps ?? []).filter((s) => !/\bgh pr comment\b/.test(s.run ?? ""));
            const problems = checkPullRequest(w["pull-request.yml"]);
            fails(problems, /no pulumi preview of prod/);
            fails(problems, /not commented/);
        });

        it("a preview not compared with the deployed export, a diff left out of the comment, no gate", () => {
            const steps = (w: Workflows) => job(w, "pull-request.yml", "preview").steps ?? [];
            const edit = (re: RegExp, change: (run: string) => string) => {
                const w = copy(all);
                const s = steps(w).find((x) => re.test(x.run ?? "")) as Step;
                s.run = change(s.run ?? "");
                return checkReachDiffComment(w["pull-request.yml"]);
            };
            fails(edit(/pulumi stack export/, (r) => r.replace(/pulumi stack export[^\n]*/, "true")), /no export of the deployed stack/);
            fails(edit(/reach:diff/, (r) => r.replace(/reach:diff -- \S+ \S+/, "reach:diff -- main.json preview.json")), /compares main\.json with preview\.json, not the export/);
            fails(edit(/reach:diff/, (r) => r.replace(/cat reach\.md/, "true")), /does not hold the diff/);
            fails(edit(/reach:diff/, (r) => r.replace(/ \$\{\{[^\n]*fail-on-exposure[^\n]*\}\}/, "")), /--fail-on-exposure gate cannot be turned on/);
            fails(edit(/reach:diff/, (r) => r.replace(/npm run --silent reach:diff[^\n]*/, "true")), /no npm run reach:diff/);
            fails(edit(/pulumi preview/, (r) => r.replace(/ --json > preview\.json/, "")), /preview's JSON is not saved/);
        });

        it("an action on a moving tag", () => {
            const w = copy(all);
            pulumiStep(job(w, "deploy.yml", "up-dev")).uses = "pulumi/actions@v6";
            fails(checkPinnedActions(w), /pulumi\/actions@v6 is not pinned/);
        });

        it("a Pulumi step on the latest CLI, or on another version", () => {
            const w = copy(all);
            delete pulumiStep(job(w, "pull-request.yml", "preview")).with?.["pulumi-version"];
            (pulumiStep(job(w, "deploy.yml", "up-prod")).with ?? {})["pulumi-version"] = "3.200.0";
            const problems = checkPulumiVersion(w, PULUMI_VERSION);
            fails(problems, /pull-request.yml preview: pulumi\/actions installs the latest CLI/);
            fails(problems, /deploy.yml up-prod: pulumi\/actions installs CLI 3\.200\.0/);
        });

        it("a setup-node with its own version instead of .nvmrc, or an .nvmrc the engines refuse", () => {
            const w = copy(all);
            const setup = (job(w, "deploy.yml", "up-prod").steps ?? []).find((s) => s.uses?.startsWith("actions/setup-node@")) as Step;
            setup.with = { "node-version": "20.19", cache: "npm" };
            const problems = checkNodeFromNvmrc(w, NVMRC, ENGINES);
            fails(problems, /deploy.yml up-prod: setup-node does not read .nvmrc/);
            fails(problems, /deploy.yml up-prod: setup-node names its own node-version \(20.19\)/);
            fails(checkNodeFromNvmrc(all, "20\n", ENGINES), /\.nvmrc names 20, which package.json's engines .* do not accept/);
            fails(checkNodeFromNvmrc(all, "23\n", ENGINES), /\.nvmrc names 23/);
            assert.deepStrictEqual(checkNodeFromNvmrc(all, "22.14.0\n", ENGINES), []);
        });

        it("an offline preview whose artifacts are not kept, or lost on failure", () => {
            const w = copy(all);
            const test = job(w, "pull-request.yml", "test");
            const upload = (test.steps ?? []).find((s) => s.uses?.startsWith("actions/upload-artifact@")) as Step & { if?: string };
            delete upload.if;
            fails(checkOfflineArtifacts(w["pull-request.yml"]), /skipped when the preview fails/);
            test.steps = (test.steps ?? []).filter((s) => s !== upload);
            fails(checkOfflineArtifacts(w["pull-request.yml"]), /artifacts are not uploaded/);
        });
    });
});
