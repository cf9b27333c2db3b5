// Where the real Pulumi CLI is, with Pulumi's own Node.js language host beside it (the CLI looks for
// `pulumi-language-nodejs` next to itself first): $BASTION_ENGINE_DIR if set, else engine/bin/ (made by
// `npm run engine:build`), else a `pulumi` on PATH.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { builtLanguageHost, howToGetLanguageHost, languageHostName, languageHostProblem, languageHostRecipe } from "./build/language-host";
import { engineBinDir } from "./build/pins";

export interface Engine {
    /** The `pulumi` executable. */
    pulumi: string;
    /** The folder to put first on PATH so the CLI finds its language host beside it. */
    binDir: string;
    /** What `pulumi version` prints, e.g. "v3.248.0". */
    version: string;
    /** Pulumi's own `pulumi-language-nodejs` beside the CLI, which starts every program and policy pack. */
    languageHost: string;
}

export type EngineLookup = { engine: Engine } | { engine?: undefined; reason: string };

export const howToEnable =
    "build the engine with `npm run engine:build -- --language-host <file>` (needs Go 1.25+ and Pulumi's own " +
    "pulumi-language-nodejs) or put the Pulumi CLI, with its language host beside it, on PATH";

interface Candidate {
    pulumi: string;
    /** Why this CLI cannot run the specs, when it cannot. */
    problem?: string;
}

function besideCli(pulumi: string): Candidate {
    const host = path.join(path.dirname(pulumi), languageHostName);
    if (pulumi === path.join(engineBinDir, "pulumi")) {
        // Ours: the host engine:build checked. Anything else there (an earlier build's stand-in) is refused.
        const problem = languageHostProblem(builtLanguageHost);
        if (!problem) return { pulumi };
        return { pulumi, problem: fs.existsSync(builtLanguageHost) ? `${problem}; ${languageHostRecipe}` : howToGetLanguageHost };
    }
    return fs.existsSync(host) ? { pulumi } : { pulumi, problem: `${pulumi} has no ${languageHostName} beside it` };
}

export function locateEngine(): EngineLookup {
    const chosen = process.env.BASTION_ENGINE_DIR;
    const built = chosen ? path.join(chosen, "pulumi") : path.join(engineBinDir, "pulumi");
    const candidates = fs.existsSync(built) ? [besideCli(built)] : [];
    if (chosen && candidates.length === 0) return { reason: `BASTION_ENGINE_DIR=${chosen} holds no pulumi executable` };
    const onPath = chosen ? "" : spawnSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).stdout.trim();
    if (onPath) candidates.push(besideCli(onPath));
    for (const candidate of candidates) {
        if (candidate.problem) continue;
        const probe = spawnSync(candidate.pulumi, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "1" } });
        if (probe.status === 0) {
            const binDir = path.dirname(candidate.pulumi);
            return { engine: { pulumi: candidate.pulumi, binDir, version: probe.stdout.trim(), languageHost: path.join(binDir, languageHostName) } };
        }
    }
    // The first candidate's problem is the one to fix: ours before a CLI on PATH.
    const problem = candidates.find((c) => c.problem)?.problem;
    return { reason: problem ?? `no Pulumi CLI: ${howToEnable}` };
}
