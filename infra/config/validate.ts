/**
 * Validates the settings object in one pass: the schema's field checks, then the checks that need the region
 * or the whole subnet list (AZ letters, the subnet plan, what the tiers need) on every part the schema
 * accepted. Pure; every problem at once.
 */
import { ConfigProblem, Validated } from "../config-problem";
import { PlannedSubnet, SubnetRequest } from "../network/plan";
import { show } from "./fields";
import { findPlaceholders } from "./placeholders";
import { checkPlan } from "./plan-checks";
import { brokenKeys, problemsFrom } from "./problems";
import { DEFAULTS, settingsSchema } from "./schema";
import { findSecrets } from "./secrets";
import { secretAllowedAt } from "./settings-json-schema";
import { z } from "zod";

type Parsed = z.output<typeof settingsSchema>;

/** The validated settings: every default filled, AZs as full names, the region and environment resolved. */
export type Settings = Omit<Parsed, "environment" | "subnets"> & { environment: string; region: string; subnets: SubnetRequest[] };

/** A validated config together with its subnet plan. */
export interface ValidatedSettings {
    settings: Settings;
    subnets: PlannedSubnet[];
}

export const SETTINGS_KEY = "settings";

/** The answer with the committed example values found (valid or not), which stop a real deployment. */
export type ValidatedWithExamples = Validated<ValidatedSettings> & { examples: ConfigProblem[] };

/** Validates the raw settings object; `region` and `stackName` come from the caller. */
export function validateSettings(raw: unknown, region: string | undefined, stackName: string, project = "bastion-network"): ValidatedWithExamples {
    if (raw === undefined || raw === null) {
        return { problems: [{ key: SETTINGS_KEY, message: `is missing: add a \`${project}:${SETTINGS_KEY}\` object to Pulumi.${stackName}.yaml (see README, "Configuration").` }], examples: [] };
    }
    if (typeof raw !== "object" || Array.isArray(raw)) {
        return { problems: [{ key: SETTINGS_KEY, message: `must be an object (keys prefix, operatorCidrs, access, ...); got ${show(raw)}. See README, "Configuration".` }], examples: [] };
    }
    const secrets = findSecrets(raw, stackName, secretAllowedAt);
    const parsed = settingsSchema.safeParse(raw);
    const problems: ConfigProblem[] = [...secrets.problems];
    if (!parsed.success) problems.push(...problemsFrom(parsed.error.issues.filter((i) => !secrets.covers(i.path)), settingsSchema));
    if (!region) problems.push({ key: "aws:region", message: "is required: run `pulumi config set aws:region <region>` (e.g. ap-northeast-2)." });

    const broken = brokenKeys(parsed.error?.issues ?? []);
    const checked = checkPlan(raw as Record<string, unknown>, region, broken);
    problems.push(...checked.problems);
    if (problems.length > 0 || !parsed.success || !checked.plan || !region) return { problems, examples: findPlaceholders(raw, broken) };
    const settings: Settings = { ...parsed.data, environment: parsed.data.environment ?? stackName, region, subnets: checked.plan.requests };
    return { value: { settings, subnets: checked.plan.planned }, problems, examples: findPlaceholders(settings) };
}

export { DEFAULTS };
