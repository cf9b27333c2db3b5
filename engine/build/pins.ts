// The versions the engine build must agree on: @pulumi/pulumi in package.json, the Go modules in engine/go.mod
// and the Node.js language host taken pre-built. One reader for all, used by the build and by the spec that fails
// when they drift.
import * as fs from "fs";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const engineDir = path.join(repoRoot, "engine");
export const engineBinDir = path.join(engineDir, "bin");

/**
 * Pulumi's own pulumi-language-nodejs, the one build `npm run engine:build` accepts (engine/build/language-host.ts):
 * built unchanged from github.com/pulumi/pulumi at `commit` (the tag `version`), linux/amd64, static (CGO off),
 * `-trimpath`, `-ldflags "-s -w -X …/version.Version=<version>"`, go1.26.8; that build is reproducible.
 */
export const pinnedLanguageHost = {
    version: "v3.248.0",
    commit: "a88168d865b7fd428e5a929cc54aeceaf72d203f",
    sha256: "0181b8c7d7962265e497f035fa36173610c03e6252f40bec98699013fff729f7",
};

/** Pulumi's Go modules engine/go.mod requires at the pin (the CLI is built from pkg/v3). */
export const goModules = ["github.com/pulumi/pulumi/pkg/v3", "github.com/pulumi/pulumi/sdk/v3"] as const;

export interface EnginePins {
    /** `@pulumi/pulumi` in package.json, e.g. "3.248.0". */
    nodeSdk: string;
    /** The version each pulumi Go module is required at in engine/go.mod, e.g. "v3.248.0". */
    goModules: Record<(typeof goModules)[number], string | undefined>;
}

export function readPins(root: string = repoRoot): EnginePins {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
    };
    const goMod = fs.readFileSync(path.join(root, "engine", "go.mod"), "utf8");
    const required = (module: string): string | undefined => {
        const line = goMod.split("\n").find((l) => l.trim().startsWith(module + " "));
        return line?.trim().split(/\s+/)[1];
    };
    return {
        nodeSdk: pkg.dependencies?.["@pulumi/pulumi"] ?? "",
        goModules: { [goModules[0]]: required(goModules[0]), [goModules[1]]: required(goModules[1]) } as EnginePins["goModules"],
    };
}

/** Every way the pins disagree, as sentences; empty when the Go build matches package.json. */
export function pinProblems(pins: EnginePins, languageHost: { version: string } = pinnedLanguageHost): string[] {
    const want = "v" + pins.nodeSdk;
    const problems = Object.entries(pins.goModules)
        .filter(([, got]) => got !== want)
        .map(([module, got]) =>
            `engine/go.mod requires ${module} at ${got ?? "no version"}, but package.json pins @pulumi/pulumi ` +
            `${pins.nodeSdk}: set it to ${want} and run \`go mod tidy\` in engine/`);
    if (languageHost.version !== want) {
        problems.push(`engine/build/pins.ts accepts pulumi-language-nodejs ${languageHost.version}, but package.json pins ` +
            `@pulumi/pulumi ${pins.nodeSdk}: build Pulumi's own host at ${want} and put its commit and sha256 in pinnedLanguageHost`);
    }
    return problems;
}
