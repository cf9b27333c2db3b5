// The versions the engine build must agree on: @pulumi/pulumi in package.json and the Go modules in
// engine/go.mod. One reader for both, used by the build and by the spec that fails when they drift.
import * as fs from "fs";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const engineDir = path.join(repoRoot, "engine");
export const engineBinDir = path.join(engineDir, "bin");

const goModules = ["github.com/pulumi/pulumi/pkg/v3", "github.com/pulumi/pulumi/sdk/v3"] as const;

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
export function pinProblems(pins: EnginePins): string[] {
    const want = "v" + pins.nodeSdk;
    return Object.entries(pins.goModules)
        .filter(([, got]) => got !== want)
        .map(([module, got]) =>
            `engine/go.mod requires ${module} at ${got ?? "no version"}, but package.json pins @pulumi/pulumi ` +
            `${pins.nodeSdk}: set it to ${want} and run \`go mod tidy\` in engine/`);
}
