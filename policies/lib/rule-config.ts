/** Reading a rule's options: the engine fills schema defaults, but a direct call may not. */
import type { PolicyConfigSchema } from "@pulumi/policy";

/** Schema defaults overlaid with what `getConfig()` returned. */
export function optionsOf<T extends object>(schema: PolicyConfigSchema, given: object | undefined): T {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties)) {
        if (typeof s === "object" && s.default !== undefined) out[k] = s.default;
    }
    return { ...out, ...(given ?? {}) } as T;
}

export const stringList = (description: string, def: string[] = []) => ({ type: "array" as const, items: { type: "string" as const }, default: def, description });
export const regexList = (description: string) => ({ type: "array" as const, items: { type: "string" as const, format: "regex" }, default: [] as string[], description });
export const portList = (description: string, def: number[]) => ({
    type: "array" as const, items: { type: "integer" as const, minimum: 0, maximum: 65535 }, default: def, description,
});
