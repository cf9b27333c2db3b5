/**
 * A rule's options declared once, as a zod shape: the JSON `configSchema` the engine validates
 * `--policy-pack-config` against, the defaults, and the TypeScript type all come from it.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { z } from "zod";
import { TagKeys } from "../vocabulary";

export interface RuleOptions<T> {
    /** What the policy publishes: the CLI validates the config against it (draft-07, as gojsonschema reads it). */
    configSchema: PolicyConfigSchema;
    /** `getConfig()` over the defaults. The engine has already validated and defaulted it; a direct call may not have. */
    read(given: unknown): T;
}

export function ruleOptions<S extends z.ZodRawShape>(shape: S): RuleOptions<z.output<z.ZodObject<S>>> {
    const schema = z.object(shape);
    // Input side: an option with a default is optional in the config, and its default is published.
    const json = z.toJSONSchema(schema, { target: "draft-7", io: "input" }) as { properties?: PolicyConfigSchema["properties"]; required?: string[] };
    const configSchema: PolicyConfigSchema = { properties: json.properties ?? {} };
    if (json.required && json.required.length > 0) configSchema.required = json.required;
    return {
        configSchema,
        read(given) {
            const parsed = schema.safeParse(given ?? {});
            if (parsed.success) return parsed.data;
            const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(options)"}: ${i.message}`);
            throw new Error(`invalid options: ${problems.join("; ")}`);
        },
    };
}

export const text = (description: string, def: string) => z.string().min(1).default(def).describe(description);
export const flag = (description: string, def: boolean) => z.boolean().default(def).describe(description);
export const integer = (description: string, def: number, min: number, max?: number) => {
    const base = z.number().int().min(min);
    return (max === undefined ? base : base.max(max)).default(def).describe(description);
};
export const stringList = (description: string, def: string[] = []) => z.array(z.string()).default(def).describe(description);
/** Regexes: `format: "regex"` makes the CLI reject one that does not compile, naming the option. */
export const regexList = (description: string) => z.array(z.string().meta({ format: "regex" })).default([]).describe(description);
export const portList = (description: string, def: number[]) => z.array(z.number().int().min(0).max(65535)).default(def).describe(description);

/** Which subnets are internal, asked the same way by every rule that asks: `whose` names what carries the tier tag. */
export const tierOptions = (whose: string) => ({
    tierTagKey: text(`Tag key holding ${whose} tier.`, TagKeys.Tier),
    internalTiers: stringList("Tier values that mean internal.", ["internal"]),
    useRouteHeuristic: flag("For untagged subnets: internal when their route table has no internet-gateway route.", true),
});
