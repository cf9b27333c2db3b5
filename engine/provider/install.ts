/**
 * Installs the stand-in plugins where the real engine looks for them (pulumi/pulumi v3.248.0,
 * sdk/go/common/workspace/plugins.go): `$PULUMI_HOME/plugins/resource-<name>-v<version>/pulumi-resource-<name>`,
 * an executable, in a directory with no `.partial` marker beside it (the engine skips half-installed plugins).
 * The TypeScript is transpiled once into the plugin directory, so the engine starts plain JavaScript (it may
 * start a plugin several times per command); a stamp skips the work when nothing changed.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { createHash } from "node:crypto";

const REPO = resolve(__dirname, "..", "..");
/** The plugin's sources: this folder, the derivations it shares with the offline mocks and the wire markers' one reader. */
const SOURCES = [join(REPO, "engine", "provider"), join(REPO, "offline", "fake-derivation.ts"), join(REPO, "policies", "model", "wire.ts")];

export interface InstalledPlugin {
    name: string;
    version: string;
    dir: string;
    executable: string;
}

function listSources(): string[] {
    const out: string[] = [];
    const walk = (p: string) => {
        if (statSync(p).isDirectory()) {
            for (const e of readdirSync(p)) if (!e.startsWith(".")) walk(join(p, e));
        } else if (p.endsWith(".ts") && !p.endsWith(".d.ts")) {
            out.push(p);
        }
    };
    SOURCES.forEach(walk);
    return out.sort();
}

function pinnedVersion(pkg: string): string {
    return (JSON.parse(readFileSync(join(REPO, "node_modules", "@pulumi", pkg, "package.json"), "utf8")) as { version: string }).version;
}

/** Writes `pulumi-resource-aws` and `pulumi-resource-tls` (the versions of the pinned @pulumi/aws and @pulumi/tls). */
export function installStandInPlugins(pulumiHome: string): InstalledPlugin[] {
    const sources = listSources();
    const stamp = createHash("sha256").update(process.execPath).update(REPO);
    for (const f of sources) stamp.update(f).update(readFileSync(f));
    const stampText = stamp.digest("hex");
    let compiled: Map<string, string> | undefined;
    const installed: InstalledPlugin[] = [];
    for (const name of ["aws", "tls"]) {
        const version = pinnedVersion(name);
        const dir = join(pulumiHome, "plugins", `resource-${name}-v${version}`);
        const executable = join(dir, `pulumi-resource-${name}`);
        installed.push({ name, version, dir, executable });
        const stampFile = join(dir, ".stand-in-stamp");
        if (existsSync(executable) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stampText) continue;
        compiled ??= transpile(sources);
        rmSync(dir, { recursive: true, force: true });
        for (const [file, js] of compiled) {
            const target = join(dir, "lib", relative(REPO, file).replace(/\.ts$/, ".js"));
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, js);
        }
        const script = [
            "#!/bin/sh",
            `# STAND-IN pulumi-resource-${name} ${version} from bastion-network (engine/provider): no cloud is called, nothing is deployed.`,
            `NODE_PATH=${shellQuote(join(REPO, "node_modules"))} exec ${shellQuote(process.execPath)} ${shellQuote(join(dir, "lib", "engine", "provider", `${name}.js`))} "$@"`,
            "",
        ].join("\n");
        writeFileSync(executable, script);
        chmodSync(executable, 0o755);
        writeFileSync(stampFile, stampText);
        rmSync(`${dir}.partial`, { force: true });
    }
    return installed;
}

function transpile(files: string[]): Map<string, string> {
    // Loaded only when something must be compiled: typescript takes a moment to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof import("typescript");
    const out = new Map<string, string>();
    for (const f of files) {
        const result = ts.transpileModule(readFileSync(f, "utf8"), {
            fileName: f,
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        });
        out.set(f, result.outputText);
    }
    return out;
}

function shellQuote(s: string): string {
    return `'${s.replace(/'/g, `'\\''`)}'`;
}
