/**
 * The whole config map a program receives (`namespace:key` -> string, objects as JSON), checked for keys the
 * program would silently ignore: anything in the project's namespace other than `settings` and the three keys
 * `pulumi new` writes (a flat `bastion-network:vpcCidr`), and `aws:` keys the AWS provider does not know
 * (`aws:regoin`).
 */
import { ConfigProblem, Validated } from "../config-problem";
import { defaultTags } from "../naming";
import { AWS_KEY_NAMES } from "./aws-provider-keys";
import { AwsProviderSettings, mergeDefaultTags, readAwsProviderSettings } from "./aws-provider-settings";
import { applyTemplateKeys, TEMPLATE_KEYS } from "./template-keys";
import { closestKey } from "./hints";
import { settingsSchema } from "./schema";
import { isSecureValue, secretProblem } from "./secrets";
import { SETTINGS_KEY, validateSettings, ValidatedSettings } from "./validate";

/** The settings and what the explicit AWS provider is given from the stack's `aws:` keys. */
export type StackSettings = ValidatedSettings & { aws: AwsProviderSettings };

/**
 * What the map gives: the validated settings or every problem, notes worth a warning either way, and the
 * committed example values found (which stop a real deployment), even when there are problems.
 */
export type ValidatedStack = Validated<StackSettings> & { warnings: ConfigProblem[]; examples?: ConfigProblem[] };

/**
 * Validates `config` (as `pulumi.runtime.allConfig()` returns it) for `project` and `stack`; `secretKeys` are
 * the keys the CLI decrypted (set with `--secret`).
 */
export function validateStackConfig(config: Record<string, string>, project: string, stack: string, secretKeys: readonly string[] = []): ValidatedStack {
    const problems: ConfigProblem[] = [];
    const settingsKeys = Object.keys(settingsSchema.shape);
    const aws: readonly string[] = AWS_KEY_NAMES;
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
    result.problems = regionInOnePlace(raw, result.problems);
    const provider = readAwsProviderSettings(config, secretKeys, stack);
    problems.push(...provider.problems);
    warnings.push(...provider.warnings);
    if (!result.value || problems.length > 0) return { problems: [...problems, ...result.problems], warnings, examples: result.examples };
    const { clashes } = mergeDefaultTags(provider.value.values, defaultTags(project, result.value.settings.environment));
    for (const tag of clashes) warnings.push({ key: "aws:defaultTags", message: `sets ${tag}, which the stack sets itself: the stack's value wins (remove it from aws:defaultTags).` });
    warnings.push(...secretsThatCannotStaySecret(settingsKey, secretKeys));
    return { value: { ...result.value, aws: provider.value }, problems: [], warnings, examples: result.examples };
}

/**
 * Values set with `--secret` that the stack cannot keep secret. The CLI marks the whole `settings` key secret
 * when any path under it is, and the program builds resources from every setting: names, tags, CIDRs, rules and
 * user data are stored in plain text in the state and shown by AWS. Tags are never secret in AWS, and the
 * provider copies `aws:defaultTags` into every resource's `tagsAll`.
 */
function secretsThatCannotStaySecret(settingsKey: string, secretKeys: readonly string[]): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    if (secretKeys.includes(settingsKey)) {
        out.push({ key: settingsKey, message: "holds a value set with --secret, but no setting stays secret: every one is built into resources whose inputs (names, tags, CIDRs, rules, user data) the state and AWS keep in plain text. Keep secrets out of settings and set the value without --secret." });
    }
    if (secretKeys.includes("aws:defaultTags")) {
        out.push({ key: "aws:defaultTags", message: "is a secret, but tags cannot be: AWS shows them on every resource, and the state keeps them in each resource's tagsAll in plain text. Set it without --secret." });
    }
    return out;
}

/**
 * The region is written once, as `aws:region`: the provider and the AZ checks both read it, so a second copy
 * under settings could only disagree with it.
 */
function regionInOnePlace(raw: unknown, problems: ConfigProblem[]): ConfigProblem[] {
    if (typeof raw !== "object" || raw === null || !("region" in raw)) return problems;
    return [
        ...problems.filter((p) => p.key !== "region"),
        { key: "region", message: "is not a setting: the region is `aws:region` alone (the AWS provider and the AZ checks read it there). Remove settings.region and run `pulumi config set aws:region <region>`." },
    ];
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
