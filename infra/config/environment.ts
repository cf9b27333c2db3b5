/**
 * The stack's environment name (`dev`, `prod`): the value of the Environment tag on every resource and part
 * of every host's shell prompt (PS1, written into cloud-init as `PS1='[\u@<prefix>-<role> (<environment>)] ...'`).
 * So it holds only what both take: the characters AWS accepts in tag values (Unicode letters, digits, spaces
 * and `_ . : / = + - @`, at most 256, not starting with `aws:`). That set leaves out everything a prompt acts
 * on: quotes (they end the quoted PS1), `$` and backticks (expanded at every prompt), backslashes (prompt
 * escapes), `!` (the history number) and line breaks.
 */
import { z } from "zod";
import { show } from "./fields";

const MAX = 256;
const ALLOWED_CHAR = /[\p{L}\p{N}\p{Zs}_.:/=+\-@]/u;
/** The whole rule in one pattern, so the JSON Schema carries it too. */
const ENVIRONMENT = new RegExp(`^(?![Aa][Ww][Ss]:)(?!\\p{Zs}*$)${ALLOWED_CHAR.source}{1,${MAX}}$`, "u");

const RULE = `must be 1-${MAX} letters, digits, spaces or _ . : / = + - @ (it becomes the Environment tag, whose values AWS limits to these, and part of every host's shell prompt)`;

export function environmentProblem(v: unknown): string {
    if (typeof v !== "string") return `${RULE}; got ${show(v)}.`;
    const value = v.trim();
    const chars = [...value];
    if (chars.length === 0) return `is empty; ${RULE}, or leave it out to use the stack name.`;
    if (chars.length > MAX) return `is ${chars.length} characters long; AWS tag values hold at most ${MAX}.`;
    if (/^aws:/i.test(value)) return `must not start with "aws:": AWS reserves that prefix in tags; got ${show(v)}.`;
    const bad = chars.find((c) => !ALLOWED_CHAR.test(c));
    return `${RULE}; got ${show(v)}, which holds ${JSON.stringify(bad)}.`;
}

export const environment = z
    .string({ error: (iss) => environmentProblem(iss.input) })
    .trim()
    .regex(ENVIRONMENT, { error: (iss) => environmentProblem(iss.input) })
    .describe("Goes into the Environment tag and the hosts' shell prompts; defaults to the stack name. Letters, digits, spaces and _ . : / = + - @ (at most 256).");
