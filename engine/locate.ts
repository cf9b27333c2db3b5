// Where the real Pulumi CLI is: $BASTION_ENGINE_DIR if set, else engine/bin/ (built by `npm run engine:build`),
// else a `pulumi` on PATH.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { engineBinDir } from "./build/pins";

export interface Engine {
    /** The `pulumi` executable. */
    pulumi: string;
    /** The folder to put first on PATH so the CLI finds its language host beside it. */
    binDir: string;
    /** What `pulumi version` prints, e.g. "v3.248.0". */
    version: string;
    /** True for our build: the CLI is real, the Node.js language host beside it is our stand-in. */
    builtHere: boolean;
}

export type EngineLookup = { engine: Engine } | { engine?: undefined; reason: string };

export const howToEnable =
    "build the engine with `npm run engine:build` (needs Go 1.25+) or put the Pulumi CLI on PATH";

export function locateEngine(): EngineLookup {
    // BASTION_ENGINE_DIR picks another CLI folder (e.g. a release with the real language host beside it).
    const chosen = process.env.BASTION_ENGINE_DIR;
    const built = chosen ? path.join(chosen, "pulumi") : path.join(engineBinDir, "pulumi");
    const candidates = fs.existsSync(built) ? [{ pulumi: built, builtHere: !chosen }] : [];
    if (chosen && candidates.length === 0) return { reason: `BASTION_ENGINE_DIR=${chosen} holds no pulumi executable` };
    const onPath = spawnSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).stdout.trim();
    if (onPath) candidates.push({ pulumi: onPath, builtHere: false });
    for (const candidate of candidates) {
        const probe = spawnSync(candidate.pulumi, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "1" } });
        if (probe.status === 0) {
            return { engine: { ...candidate, binDir: path.dirname(candidate.pulumi), version: probe.stdout.trim() } };
        }
    }
    return { reason: `no Pulumi CLI: ${howToEnable}` };
}
