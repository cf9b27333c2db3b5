/**
 * The policy pack folders `npm run bench -- --engine` hands the CLI: ours compiled from the working tree's
 * sources, a floor pack that does nothing, and @pulumi/awsguard. Ours and the floor run on the pack's own
 * install of @pulumi/policy (policies/node_modules), awsguard on bench/'s (the same 1.21.0, locked).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const BENCH_DIR = __dirname;
const ROOT = path.resolve(BENCH_DIR, "..");
const PACK_DIR = path.join(ROOT, "policies");
const log = (msg: string) => process.stderr.write(`${msg}\n`);

function writePackFolder(dir: string, description: string, indexJs: string, nodeModules: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), `runtime: nodejs\ndescription: ${JSON.stringify(description)}\n`);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: path.basename(dir), version: "0.0.0", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"), indexJs);
    fs.symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
    return dir;
}

/** awsguard, all 26 rules at its default level (advisory). */
export function writeAwsGuardPack(dir: string): string {
    return writePackFolder(dir, "awsguard, all rules advisory (bench)",
        "process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';\nconst { AwsGuard } = require('@pulumi/awsguard');\nnew AwsGuard({ all: 'advisory' });\n",
        path.join(BENCH_DIR, "node_modules"));
}

/**
 * One resource rule and one stack rule that do nothing: what any pack pays before its rules do any work
 * (process start, gRPC, and the server's decoding of every resource once per Remediate, once per Analyze
 * for the one resource rule, and of the whole stack once for the one stack rule).
 */
export function writeFloorPack(dir: string): string {
    return writePackFolder(dir, "floor: one resource rule and one stack rule that do nothing (bench)", `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("bench-floor", {
    enforcementLevel: "advisory",
    policies: [
        { name: "noop-resource", description: "Reads nothing, reports nothing.", validateResource: () => undefined },
        { name: "noop-stack", description: "Reads nothing, reports nothing.", validateStack: () => undefined },
    ],
});
`, path.join(PACK_DIR, "node_modules"));
}

/**
 * Our pack as `npm ci` in policies/ leaves it (sources compiled into bin/, which start.js loads), made from
 * the working tree's sources in a folder of the run's own: the tree's bin/ may be older than its sources, and
 * start.js would then fall back to transpiling at every start, which is not what a user runs.
 */
export function compileOurPack(dir: string): string {
    fs.cpSync(PACK_DIR, dir, { recursive: true, filter: (src) => !["node_modules", "bin"].includes(path.basename(src)) || path.dirname(src) !== PACK_DIR });
    fs.symlinkSync(path.join(PACK_DIR, "node_modules"), path.join(dir, "node_modules"), "dir");
    const tsc = path.join(PACK_DIR, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
    if (!fs.existsSync(path.join(dir, "bin", "index.js"))) {
        throw new Error(`the pack did not compile (tsc exit ${r.status}):\n${(r.stdout + r.stderr).slice(0, 3000)}`);
    }
    // tsc emits despite type errors: a rule mid-edit still runs, and the bench says it was not clean.
    if (r.status !== 0) log(`bench --engine: warning: the pack's sources do not type-check (tsc exit ${r.status}); measuring what tsc emitted:\n${r.stdout.split("\n").slice(0, 5).join("\n")}`);
    return dir;
}
