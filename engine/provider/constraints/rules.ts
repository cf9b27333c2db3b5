/**
 * Building blocks for the constraints AWS enforces when a resource is created: a rule reads one input,
 * skips it when absent or unknown (a preview), and names the property, the value and the API rule it breaks.
 */
import { knownString, Props, reveal } from "../wire";

export interface CheckFailure {
    property: string;
    reason: string;
}

export type Rule = (inputs: Props) => CheckFailure[];

export interface TextRule {
    /** Inclusive length bounds, counted in characters. */
    min?: number;
    max?: number;
    /** One allowed character; the value must consist of these only. */
    allowed?: RegExp;
    /** How the API reference words the allowed characters. */
    allowedText?: string;
    /** Prefixes AWS refuses. */
    forbiddenPrefixes?: string[];
    /** A whole-value pattern beyond the character set, and how to say it. */
    pattern?: { re: RegExp; text: string };
    /** The API action and parameter, as the reference names them. */
    api: string;
}

function show(value: string): string {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** The failures of one string value against a text rule (used for inputs and for tag keys/values). */
export function textFailures(property: string, value: string, r: TextRule): CheckFailure[] {
    const fail = (why: string) => [{ property, reason: `${show(value)} ${why} (${r.api})` }];
    const length = [...value].length;
    if (r.min !== undefined && length < r.min) return fail(`is ${length} characters; AWS needs at least ${r.min}`);
    if (r.max !== undefined && length > r.max) return fail(`is ${length} characters; AWS allows at most ${r.max}`);
    if (r.allowed) {
        const bad = [...new Set([...value].filter((c) => !r.allowed?.test(c)))];
        if (bad.length) return fail(`contains ${bad.map((c) => JSON.stringify(c)).join(", ")}, which AWS refuses; allowed: ${r.allowedText ?? r.allowed.source}`);
    }
    const prefix = r.forbiddenPrefixes?.find((p) => value.toLowerCase().startsWith(p.toLowerCase()));
    if (prefix) return fail(`starts with "${prefix}", which AWS refuses`);
    if (r.pattern && !r.pattern.re.test(value)) return fail(r.pattern.text);
    return [];
}

export function text(property: string, r: TextRule): Rule {
    return (inputs) => {
        const value = knownString(inputs[property]);
        return value === undefined ? [] : textFailures(property, value, r);
    };
}

export function oneOfNumbers(property: string, allowed: readonly number[], api: string): Rule {
    return (inputs) => {
        const v = reveal(inputs[property]);
        if (typeof v !== "number" || allowed.includes(v)) return [];
        return [{ property, reason: `${v} is not a value AWS accepts; one of ${allowed.join(", ")} (${api})` }];
    };
}

export function numberRange(property: string, min: number, max: number, api: string): Rule {
    return (inputs) => {
        const v = reveal(inputs[property]);
        if (typeof v !== "number" || (Number.isInteger(v) && v >= min && v <= max)) return [];
        return [{ property, reason: `${v} is outside ${min}..${max} (${api})` }];
    };
}

export interface TagRules {
    key: TextRule;
    value: TextRule;
    maxTags: number;
}

/**
 * Tags as AWS receives them: the provider's defaultTags merged with the resource's own (`own`). A failure on a
 * resource tag names `tags.<key>`; one on a default tag names `tags` and says it comes from the provider.
 */
export function tagFailures(tags: Record<string, string>, r: TagRules, own: Record<string, string> = tags): CheckFailure[] {
    const out: CheckFailure[] = [];
    const keys = Object.keys(tags);
    if (keys.length > r.maxTags) out.push({ property: "tags", reason: `${keys.length} tags (defaultTags included); AWS allows at most ${r.maxTags} per resource (${r.key.api})` });
    for (const k of keys) {
        const fromProvider = !(k in own);
        const property = fromProvider ? "tags" : `tags.${k}`;
        const found = [
            ...textFailures(property, k, { ...r.key, api: `${r.key.api}: tag key` }),
            ...textFailures(property, tags[k], { ...r.value, api: `${r.value.api}: tag value` }),
        ];
        out.push(...found.map((f) => (fromProvider ? { ...f, reason: `the provider's defaultTags ${k}: ${f.reason}` } : f)));
    }
    return out;
}
