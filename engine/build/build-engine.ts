// `npm run engine:build [-- --language-host <file>]`: the real Pulumi CLI (pkg/v3 at the pinned tag), built from Go
// source into engine/bin/ (ignored by git), and beside it Pulumi's own Node.js language host, taken from the file
// given (or $BASTION_LANGUAGE_HOST) once its sha256 is the pinned one. A second run with the same pins is a no-op,
// and needs no host given while the one in engine/bin/ is the pinned one.
// Exit 0 built or up to date, 2 Go or the host missing, the host not the pinned build or pins disagreeing, 1 the
// build failed.
import { spawn, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { builtLanguageHost, howToGetLanguageHost, installLanguageHost, languageHostProblem, languageHostRecipe, languageHostSource } from "./language-host";
import { engineBinDir, engineDir, pinProblems, readPins } from "./pins";

const versionVar = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const cliPackage = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const cli = path.join(engineBinDir, "pulumi");

function fail(code: number, message: string): never {
    process.stderr.write(`engine:build: ${message}\n`);
    process.exit(code);
}

/** What the CLI depends on: a change to any of these rebuilds it. */
function fingerprint(version: string, go: string): string {
    const hash = crypto.createHash("sha256").update(version).update(go);
    for (const file of ["go.mod", "go.sum"]) hash.update(file).update(fs.readFileSync(path.join(engineDir, file)));
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

function buildCli(ldflags: string): Promise<void> {
    const started = Date.now();
    process.stdout.write(`engine:build: pulumi (${cliPackage})\n`);
    const child = spawn("go", ["build", "-v", "-trimpath", "-ldflags", ldflags, "-o", cli, cliPackage], {
        cwd: engineDir,
        env: { ...process.env, CGO_ENABLED: "0" },
        stdio: ["ignore", "inherit", "pipe"],
    });
    let compiled = 0;
    let errors = "";
    const ticker = setInterval(() => {
        process.stdout.write(`engine:build:   pulumi: ${compiled} packages compiled, ${Math.round((Date.now() - started) / 1000)} s\n`);
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
                process.stdout.write(`engine:build:   pulumi: done in ${Math.round((Date.now() - started) / 1000)} s\n`);
                resolve();
            } else {
                reject(new Error(`go build ${cliPackage} failed (exit ${code}):\n${errors}`));
            }
        });
    });
}

/**
 * The host to copy beside the CLI, or undefined when the one there already is the pinned build. Checked before
 * the long CLI build, so a missing or wrong host is said at once.
 */
function languageHostToInstall(): string | undefined {
    const given = languageHostSource(process.argv.slice(2), process.env);
    if (given.problems.length > 0) fail(2, `${given.problems.join("; ")} (usage: npm run engine:build -- [--language-host <file>])`);
    if (given.file) {
        const problem = languageHostProblem(given.file);
        if (problem) fail(2, `${problem}; ${languageHostRecipe}`);
        return languageHostProblem(builtLanguageHost) ? given.file : undefined;
    }
    const present = languageHostProblem(builtLanguageHost);
    if (!present) return undefined;
    // Whatever sits there is not the pinned host (an earlier build's own stand-in, say): the CLI must not find it.
    if (fs.existsSync(builtLanguageHost)) {
        fs.rmSync(builtLanguageHost, { force: true });
        process.stderr.write(`engine:build: removed ${path.relative(process.cwd(), builtLanguageHost)}: ${present}\n`);
    }
    return fail(2, howToGetLanguageHost);
}

async function main(): Promise<void> {
    const pins = readPins();
    const problems = pinProblems(pins);
    if (problems.length > 0) fail(2, problems.join("\n"));
    const host = languageHostToInstall();
    const go = goVersion();
    const version = "v" + pins.nodeSdk;
    const stamp = path.join(engineBinDir, ".built");
    const wanted = `${version} ${fingerprint(version, go)}`;
    const cliUpToDate = fs.existsSync(cli) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === wanted;
    if (cliUpToDate && !host) {
        process.stdout.write(`engine:build: up to date (pulumi ${version} and Pulumi's own pulumi-language-nodejs in engine/bin/)\n`);
        return;
    }
    fs.mkdirSync(engineBinDir, { recursive: true });
    if (!cliUpToDate) {
        fs.rmSync(stamp, { force: true });
        process.stdout.write(`engine:build: ${go}; building Pulumi ${version} from source (the first build downloads the ` +
            "modules and takes several minutes; later builds reuse Go's caches)\n");
        await buildCli(`-s -w -X ${versionVar}=${version}`);
        fs.writeFileSync(stamp, wanted + "\n");
    }
    if (host) {
        installLanguageHost(host);
        process.stdout.write(`engine:build: pulumi-language-nodejs ${version} from ${host} (sha256 verified)\n`);
    }
    const sizes = [cli, builtLanguageHost].map((f) => `${path.basename(f)} ${(fs.statSync(f).size / 2 ** 20).toFixed(1)} MiB`);
    process.stdout.write(`engine:build: ready in engine/bin/: ${sizes.join(", ")}\n`);
}

main().catch((err: Error) => fail(1, err.message));
