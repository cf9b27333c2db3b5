/**
 * Zod builders that carry this project's wording: every field says what it accepts and shows what it got,
 * so a problem reads "must be a whole number from 1 to 65535; got 70000." wherever it occurs.
 */
import { z } from "zod";
import { showValue as show } from "./hints";

export { show };

/** Zod calls an error function with the rejected input; `undefined` means the key was left out. */
type Input = { input?: unknown };

/** A message for a missing value and one for a wrong value. */
function wording(required: string, wrong: (v: unknown) => string) {
    return { error: (iss: Input) => (iss.input === undefined ? required : wrong(iss.input)) };
}

/** A non-empty string (trimmed) that matches `pattern`; `rule` says in words what it must be. */
export function text(rule: string, pattern: RegExp = /\S/) {
    const w = wording(`is required: it ${rule}.`, (v) => `${rule}; got ${show(v)}.`);
    return z.string(w).trim().regex(pattern, w);
}

/**
 * A whole number in [min, max]. A string of digits counts: `pulumi config set --path settings.dbPort 3306`
 * stores the value as a string.
 */
export function wholeNumber(min: number, max: number, unit?: string) {
    const what = `a whole number${unit ? ` of ${unit}` : ""} from ${min} to ${max}`;
    const w = wording(`is required: ${what}.`, (v) => `must be ${what}; got ${show(v)}.`);
    return z.preprocess(
        (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
        z.number(w).int(w).min(min, w).max(max, w),
    );
}

export function oneOf<const T extends readonly [string, ...string[]]>(choices: T) {
    const list = choices.map((c) => `"${c}"`).join(", ");
    return z.enum(choices, wording(`is required: one of ${list}.`, (v) => `must be one of ${list}; got ${show(v)}.`));
}

export function flag() {
    // The CLI hands a secret to the program as text: "false" here means it was set with --secret.
    const wrong = (v: unknown) =>
        v === "true" || v === "false"
            ? `must be true or false, not the text ${show(v)} (what a value set with --secret becomes): set it without --secret.`
            : `must be true or false; got ${show(v)}.`;
    return z.boolean(wording("is required: true or false.", wrong));
}

/** A list of `item`; `what` names its elements for the messages. */
export function listOf<T extends z.ZodType>(item: T, what: string) {
    return z.array(item, wording(`is required: a list of ${what}.`, (v) => `must be a list of ${what}; got ${show(v)}.`));
}

/**
 * An object that refuses unknown keys (a typo must never fall back to a default silently); the per-key
 * "did you mean" is written by problems.ts, which knows the key that was typed.
 */
export function record<S extends z.ZodRawShape>(shape: S, example?: string) {
    const keys = Object.keys(shape).join(", ");
    return z.strictObject(
        shape,
        wording(`is required: ${example ?? `an object with keys ${keys}`}.`, (v) => `must be an object with keys ${keys}; got ${show(v)}.`),
    );
}

/** Runs a cross-field check only once the fields it reads are valid, so it never sees a half-parsed value. */
export function whenValid(...fields: string[]) {
    return {
        when: (payload: z.core.ParsePayload) =>
            typeof payload.value === "object" &&
            payload.value !== null &&
            !Array.isArray(payload.value) &&
            !payload.issues.some((i) => (i.path?.length ?? 0) > 0 && fields.includes(String(i.path?.[0]))),
    };
}
