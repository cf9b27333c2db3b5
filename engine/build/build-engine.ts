// `npm run engine:build`: the real Pulumi CLI (pkg/v3 at the pinned tag) and the stand-in Node.js language
// host, built from Go source into engine/bin/ (ignored by git). A second run with the same pins and sources
// is a no-op. Exit 0 built or up to date, 2 Go missing or pins disagree, 1 the build failed.
import { spawn, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { engineBinDir, engineDir, pinProblems, readPins } from "./pins";

const versionVar = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";

interface Target {
    binary: string;
    pkg: string;
}

const targets: Target[] = [
    { binary: "pulumi", pkg: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi" },
    { binary: "pulumi-language-nodejs", pkg: "./language-host" },
];

function fail(code: number, message: string): never {
    process.stderr.write(`engine:build: ${message}\n`);
    process.exit(code);
}

/** What the binaries depend on: a change to any of these rebuilds them. */
function fingerprint(version: string): string {
    const hash = crypto.createHash("sha256").update(version).update(process.version);
    const files = ["go.mod", "go.sum", ...fs.readdirSync(path.join(engineDir, "language-host")).map((f) => path.join("language-host", f))];
    for (const file of files.sort()) {
        hash.update(file).update(fs.readFileSync(path.join(engineDir, file)));
    }
    return hash.digest("hex").slice(0, 16);
}

function goVersion(): string {
    const probe = spawnSync("go", ["version"], { encoding: "utf8" });
    if (probe.error || probe.status !== 0) {
        fail(2, "Go is not installed. Install Go 1.25 or later (https://go.dev/doc/install, or your package " +
            "manager's golang package), then run `npm run engine:build` again. The engine specs are skipped without it.");
    }
    return probe.stdout.trim();
}

function build(target: Target, ldflags: string, step: string): Promise<void> {
    const started = Date.now();
    process.stdout.write(`engine:build: ${step} ${target.binary} (${target.pkg})\n`);
    const child = spawn("go", ["build", "-v", "-trimpath", "-ldflags", ldflags, "-o", path.join(engineBinDir, target.binary), target.pkg], {
        cwd: engineDir,
        env: { ...process.env, CGO_ENABLED: "0" },
        stdio: ["ignore", "inherit", "pipe"],
    });
    let compiled = 0;
    let errors = "";
    const ticker = setInterval(() => {
        process.stdout.write(`engine:build:   ${target.binary}: ${compiled} packages compiled, ${Math.round((Date.now() - started) / 1000)} s\n`);
    }, 30_000);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
        for (const line of chunk.split("\n")) {
            // `go build -v` names each package it compiles; anything else is a diagnostic worth keeping.
            if (/^[\w.-]+(\/[\w.~+-]+)*$/.test(line.trim())) compiled++;
            else if (line.trim()) errors += line + "\n";
        }
    });
    return new Promise((resolve, reject) => {
        child.on("close", (code) => {
            clearInterval(ticker);
            if (code === 0) {
                process.stdout.write(`engine:build:   ${target.binary}: done in ${Math.round((Date.now() - started) / 1000)} s\n`);
                resolve();
            } else {
                reject(new Error(`go build ${target.pkg} failed (exit ${code}):\n${errors}`));
            }
        });
    });
}

async function main(): Promise<void> {
    const pins = readPins();
    const problems = pinProblems(pins);
    if (problems.length > 0) fail(2, problems.join("\n"));
    const go = goVersion();
    const version = "v" + pins.nodeSdk;
    const stamp = path.join(engineBinDir, ".built");
    const wanted = `${version} ${fingerprint(version)}`;
    const present = targets.every((t) => fs.existsSync(path.join(engineBinDir, t.binary)));
    if (present && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === wanted) {
        process.stdout.write(`engine:build: up to date (pulumi ${version} in engine/bin/)\n`);
        return;
    }
    fs.mkdirSync(engineBinDir, { recursive: true });
    fs.rmSync(stamp, { force: true });
    process.stdout.write(`engine:build: ${go}; building Pulumi ${version} from source (the first build downloads the ` +
        "modules and takes several minutes; later builds reuse Go's caches)\n");
    const ldflags = `-s -w -X ${versionVar}=${version}`;
    for (const [i, target] of targets.entries()) {
        await build(target, ldflags, `[${i + 1}/${targets.length}]`);
    }
    fs.writeFileSync(stamp, wanted + "\n");
    const sizes = targets.map((t) => `${t.binary} ${(fs.statSync(path.join(engineBinDir, t.binary)).size / 2 ** 20).toFixed(1)} MiB`);
    process.stdout.write(`engine:build: built ${sizes.join(", ")} in engine/bin/\n`);
}

main().catch((err: Error) => fail(1, err.message));
