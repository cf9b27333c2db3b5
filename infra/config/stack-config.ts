/**
 * The whole config map a program receives (`namespace:key` -> string, objects as JSON), checked for keys the
 * program would silently ignore: anything in the project's namespace other than `settings` and the three keys
 * `pulumi new` writes (a flat `bastion-network:vpcCidr`), and `aws:` keys the AWS provider does not know
 * (`aws:regoin`).
 */
import { ConfigProblem, Validated } from "../config-problem";
import { applyTemplateKeys, TEMPLATE_KEYS } from "./template-keys";
import { closestKey } from "./hints";
import { settingsSchema } from "./schema";
import { isSecureValue, secretProblem } from "./secrets";
import { SETTINGS_KEY, validateSettings, ValidatedSettings } from "./validate";

/** The AWS provider's own config keys, read from the provider SDK so the list never drifts from it. */
function awsConfigKeys(): string[] {
    // The provider SDK defines one lazy getter per config key on this module; reading the names reads no value.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return Object.keys(require("@pulumi/aws/config/vars") as object);
}

/** What the map gives: the validated settings or every problem, and notes worth a warning either way. */
export type ValidatedStack = Validated<ValidatedSettings> & { warnings: ConfigProblem[] };

/** Validates `config` (as `pulumi.runtime.allConfig()` returns it) for `project` and `stack`. */
export function validateStackConfig(config: Record<string, string>, project: string, stack: string): ValidatedStack {
    const problems: ConfigProblem[] = [];
    const settingsKeys = Object.keys(settingsSchema.shape);
    const aws = awsConfigKeys();
    for (const full of Object.keys(config).sort()) {
        const [ns, key] = splitKey(full);
        if (ns === project && key !== SETTINGS_KEY && !(TEMPLATE_KEYS as readonly string[]).includes(key)) {
            const where = settingsKeys.includes(key)
                ? `\`${key}\` belongs under settings: \`pulumi config rm ${key}\`, then \`pulumi config set --path ${SETTINGS_KEY}.${key} <value>\``
                : `the only key this project reads is \`${project}:${SETTINGS_KEY}\`${hint(key, [SETTINGS_KEY, ...settingsKeys])}`;
            problems.push({ key: full, message: `is not read by the program, so it would be ignored: ${where}.` });
        } else if (ns === "aws" && !aws.includes(key)) {
            problems.push({ key: full, message: `is not a setting of the AWS provider, so it would be ignored${hint(key, aws)}. See https://www.pulumi.com/registry/packages/aws/installation-configuration/.` });
        }
    }
    const settingsKey = `${project}:${SETTINGS_KEY}`;
    const written = parseValue(config[settingsKey]);
    if (isSecureValue(written)) return { problems: [...problems, secretProblem(SETTINGS_KEY, stack)], warnings: [] };
    // Whole values the offline runner could not decrypt: said once each, then read as absent.
    const readable: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        const read = key === "aws:region" || key.startsWith(`${project}:`);
        if (read && isSecureValue(parseValue(value))) problems.push(secretProblem(key, stack));
        else readable[key] = value;
    }
    const { raw, warnings } = applyTemplateKeys(written, readable, project);
    const region = readable["aws:region"];
    const result = validateSettings(raw, region, stack, project);
    // A region that is a secret is already explained; "is required" would only repeat it.
    if (region === undefined && config["aws:region"] !== undefined) result.problems = result.problems.filter((p) => p.key !== "aws:region");
    return result.value && problems.length === 0 ? { ...result, warnings } : { problems: [...problems, ...result.problems], warnings };
}

function splitKey(full: string): [string, string] {
    const i = full.indexOf(":");
    return i < 0 ? ["", full] : [full.slice(0, i), full.slice(i + 1)];
}

function hint(key: string, known: readonly string[]): string {
    const near = closestKey(key, known);
    return near ? `; did you mean "${near}"?` : "";
}

/** Objects arrive as JSON text; anything else is the string itself (which the schema then refuses). */
function parseValue(v: string | undefined): unknown {
    if (v === undefined) return undefined;
    try {
        return JSON.parse(v);
    } catch {
        return v;
    }
}
