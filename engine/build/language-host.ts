// Pulumi's own Node.js language host, which the CLI starts for every program and policy pack. It is not built
// here: the Go module proxy these machines reach refuses its module (github.com/pulumi/pulumi/sdk/nodejs/cmd/
// pulumi-language-nodejs/v3: 403), so `npm run engine:build` takes a pre-built one from where it is given and
// accepts exactly one build of it, known by its sha256 (`pinnedLanguageHost` in pins.ts).
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { engineBinDir, pinnedLanguageHost } from "./pins";

export { pinnedLanguageHost };

export const languageHostName = "pulumi-language-nodejs";

/** Where a developer (or CI) hands the host to `npm run engine:build`, besides `--language-host <file>`. */
export const languageHostEnv = "BASTION_LANGUAGE_HOST";

/** How to get the host the build accepts. */
export const languageHostRecipe =
    `give Pulumi's own ${languageHostName} ${pinnedLanguageHost.version} to ` +
    `\`npm run engine:build -- --language-host <file>\` (or ${languageHostEnv}=<file>); it is checked against sha256 ` +
    `${pinnedLanguageHost.sha256}, the build of github.com/pulumi/pulumi at ${pinnedLanguageHost.version} ` +
    `(sdk/nodejs/cmd/${languageHostName}, CGO_ENABLED=0, go1.26.8, -trimpath, ` +
    `-ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${pinnedLanguageHost.version}")`;

/** The one line said wherever the host is missing: by the build, and by the engine specs when they skip. */
export const howToGetLanguageHost = `no Node.js language host: ${languageHostRecipe}`;

export const builtLanguageHost = path.join(engineBinDir, languageHostName);

export function sha256Of(file: string): string {
    return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Why `file` is not the pinned host, or undefined when it is. */
export function languageHostProblem(file: string): string | undefined {
    if (!fs.existsSync(file)) return `${file} does not exist`;
    if (!fs.statSync(file).isFile()) return `${file} is not a file`;
    const got = sha256Of(file);
    if (got === pinnedLanguageHost.sha256) return undefined;
    return `${file} has sha256 ${got}, not ${pinnedLanguageHost.sha256} (Pulumi's own ${languageHostName} ` +
        `${pinnedLanguageHost.version} as this project pins it)`;
}

/**
 * The host named by `--language-host <file>` (or `--language-host=<file>`) or by $BASTION_LANGUAGE_HOST, made
 * absolute against the folder the command was started from; undefined when neither names one.
 */
export function languageHostSource(args: string[], env: NodeJS.ProcessEnv): { file?: string; problems: string[] } {
    let file: string | undefined;
    const problems: string[] = [];
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        const value = arg === "--language-host" ? args[++i] : arg.startsWith("--language-host=") ? arg.slice("--language-host=".length) : undefined;
        if (value) file = value;
        else if (value === undefined && arg !== "--language-host") problems.push(`unknown argument ${JSON.stringify(arg)}`);
        else problems.push("--language-host needs a file: --language-host <file>");
    }
    file ??= env[languageHostEnv] || undefined;
    // npm runs scripts from the package root; a relative path means the folder the user typed it in.
    const base = env.INIT_CWD ?? process.cwd();
    return { file: file === undefined ? undefined : path.resolve(base, file), problems };
}

/** Copies the (already checked) host beside the CLI, atomically, as an executable. */
export function installLanguageHost(source: string): void {
    fs.mkdirSync(engineBinDir, { recursive: true });
    const partial = `${builtLanguageHost}.partial`;
    fs.copyFileSync(source, partial);
    fs.chmodSync(partial, 0o755);
    fs.renameSync(partial, builtLanguageHost);
}
