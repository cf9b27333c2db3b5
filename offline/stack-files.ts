/**
 * Reads the project's Pulumi.yaml and Pulumi.<stack>.yaml the way the CLI hands config to a program:
 * a flat map of `namespace:key` to string, objects as JSON.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

export interface StackFiles {
    project: string;
    stack: string;
    config: Record<string, string>;
    /** Keys whose values are `secure:` ciphertexts: not readable without the stack's secrets provider. */
    secureKeys: string[];
}

export function listStacks(projectDir: string): string[] {
    return readdirSync(projectDir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => !!s)
        .sort();
}

export function readStackFiles(projectDir: string, stack: string): StackFiles {
    const projectFile = join(projectDir, "Pulumi.yaml");
    if (!existsSync(projectFile)) throw new StackFileError(`No Pulumi.yaml in ${projectDir}: run this from the project's root folder.`);
    const project = parseYaml(projectFile)?.name;
    if (typeof project !== "string") throw new StackFileError(`${projectFile} has no project name (\`name:\`).`);

    const stackFile = join(projectDir, `Pulumi.${stack}.yaml`);
    if (!existsSync(stackFile)) {
        const known = listStacks(projectDir);
        throw new StackFileError(
            `Unknown stack "${stack}": there is no Pulumi.${stack}.yaml in ${projectDir}. ` +
                `Stacks here: ${known.length ? known.join(", ") : "none"}. Pass one with --stack, or create Pulumi.${stack}.yaml (see README, "Configuration").`,
        );
    }
    const doc = parseYaml(stackFile) ?? {};
    const raw: unknown = doc.config ?? {};
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new StackFileError(`${stackFile}: \`config\` must be a map of keys to values.`);
    const config: Record<string, string> = {};
    const secureKeys: string[] = [];
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        // The CLI namespaces bare keys with the project name.
        const full = key.includes(":") ? key : `${project}:${key}`;
        if (value && typeof value === "object" && "secure" in value) secureKeys.push(full);
        // A ciphertext is passed on as `{"secure": ...}`, as a nested secret is, so the program can say it is a secret.
        config[full] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { project, stack, config, secureKeys };
}

// The YAML library's parse result is untyped by nature; callers check each field they read.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function parseYaml(file: string): any {
    try {
        return parse(readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
}
