/**
 * The three keys `pulumi new` writes from Pulumi.yaml's `template:` section. Its prompts can only write flat
 * keys (`<project>:prefix`), not paths under `settings`, so they are read here and placed where the schema
 * expects them. They take precedence over the same values in `settings` (a stack made by `pulumi new dev`
 * from this repository also gets the example Pulumi.dev.yaml), and saying so is a warning.
 */
import { ConfigProblem } from "../config-problem";
import { show } from "./fields";

export const TEMPLATE_KEYS = ["prefix", "operatorCidr", "publicKey"] as const;

export function applyTemplateKeys(settings: unknown, config: Record<string, string>, project: string): { raw: unknown; warnings: ConfigProblem[] } {
    const given = (key: (typeof TEMPLATE_KEYS)[number]) => config[`${project}:${key}`];
    if (TEMPLATE_KEYS.every((k) => given(k) === undefined)) return { raw: settings, warnings: [] };
    // A settings value that is not an object is left as it is: the schema refuses it in its own words.
    if (settings !== undefined && (typeof settings !== "object" || settings === null || Array.isArray(settings))) return { raw: settings, warnings: [] };
    const raw: Record<string, unknown> = { ...(settings as Record<string, unknown> | undefined) };
    const warnings: ConfigProblem[] = [];
    const replace = (key: string, path: string, old: unknown) => {
        if (old !== undefined) warnings.push({ key: `${project}:${key}`, message: `replaces settings.${path} (${show(old)}): the keys \`pulumi new\` writes come first; remove one of the two.` });
    };

    const prefix = given("prefix");
    if (prefix !== undefined) {
        if (raw.prefix !== prefix) replace("prefix", "prefix", raw.prefix);
        raw.prefix = prefix;
    }
    const cidr = given("operatorCidr");
    if (cidr !== undefined) {
        replace("operatorCidr", "operatorCidrs", raw.operatorCidrs);
        raw.operatorCidrs = [cidr];
    }
    const publicKey = given("publicKey");
    if (publicKey !== undefined) {
        const access = typeof raw.access === "object" && raw.access !== null && !Array.isArray(raw.access) ? (raw.access as Record<string, unknown>) : {};
        replace("publicKey", "access.keyPair", access.keyPair);
        // The key pair is named after the owner, as README's `ssh-keygen -f ~/.ssh/<prefix>-key` names the file.
        raw.access = { ...access, keyPair: { name: `${typeof raw.prefix === "string" ? raw.prefix : "operator"}-key`, publicKey } };
    }
    return { raw, warnings };
}
