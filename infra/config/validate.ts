/**
 * Validates the settings object in one pass: the schema's field checks, then the checks that need the region
 * or the whole subnet list (AZ letters, the subnet plan, what the tiers need). Pure; every problem at once.
 */
import { Address4 } from "ip-address";
import { Tier } from "../../policies/vocabulary";
import { ConfigProblem, Validated } from "../config-problem";
import { PlannedSubnet, planSubnets, SubnetRequest } from "../network/plan";
import { resolveZone } from "./availability-zones";
import { show } from "./fields";
import { problemsFrom } from "./problems";
import { DEFAULTS, NatStrategy, settingsSchema, SubnetSetting } from "./schema";
import { findSecrets } from "./secrets";
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

/** Validates the raw settings object; `region` and `stackName` come from the caller. */
export function validateSettings(raw: unknown, region: string | undefined, stackName: string, project = "bastion-network"): Validated<ValidatedSettings> {
    if (raw === undefined || raw === null) {
        return { problems: [{ key: SETTINGS_KEY, message: `is missing: add a \`${project}:${SETTINGS_KEY}\` object to Pulumi.${stackName}.yaml (see README, "Configuration").` }] };
    }
    if (typeof raw !== "object" || Array.isArray(raw)) {
        return { problems: [{ key: SETTINGS_KEY, message: `must be an object (keys prefix, operatorCidrs, access, ...); got ${show(raw)}. See README, "Configuration".` }] };
    }
    const secrets = findSecrets(raw, stackName);
    const parsed = settingsSchema.safeParse(raw);
    const problems: ConfigProblem[] = [...secrets.problems];
    if (!parsed.success) problems.push(...problemsFrom(parsed.error.issues.filter((i) => !secrets.covers(i.path)), settingsSchema));
    if (!region) problems.push({ key: "aws:region", message: "is required: run `pulumi config set aws:region <region>` (e.g. ap-northeast-2)." });

    const plan = region ? planFromFields(raw as Record<string, unknown>, region, problems) : undefined;
    if (problems.length > 0 || !parsed.success || !plan || !region) return { problems };
    const settings: Settings = { ...parsed.data, environment: parsed.data.environment ?? stackName, region, subnets: plan.requests };
    return { value: { settings, subnets: plan.planned }, problems };
}

/**
 * Plans the subnets from the fields it needs, each read on its own so the plan is checked even when an
 * unrelated field is wrong. Adds its problems; undefined when any of those fields is wrong.
 */
function planFromFields(raw: Record<string, unknown>, region: string, problems: ConfigProblem[]) {
    const shape = settingsSchema.shape;
    const subnets = shape.subnets.safeParse(raw.subnets);
    const vpcCidr = shape.vpcCidr.safeParse(raw.vpcCidr);
    const nat = shape.nat.safeParse(raw.nat);
    if (!subnets.success) return undefined;
    const before = problems.length;
    const requests = subnets.data.map((s, i) => toRequest(s, i, region, problems));
    if (problems.length > before || !vpcCidr.success || !nat.success || !Address4.isValid(vpcCidr.data)) return undefined;
    const plan = planSubnets(vpcCidr.data, requests as SubnetRequest[]);
    problems.push(...plan.problems);
    if (!plan.value) return undefined;
    problems.push(...checkTiers(plan.value, nat.data));
    return { requests: requests as SubnetRequest[], planned: plan.value };
}

function toRequest(s: SubnetSetting, index: number, region: string, problems: ConfigProblem[]): SubnetRequest | undefined {
    const zone = resolveZone(s.az, region);
    if ("problem" in zone) {
        problems.push({ key: `subnets[${index}].az`, message: zone.problem });
        return undefined;
    }
    return { tier: s.tier, az: zone.zone, size: s.size, cidr: s.cidr };
}

/** What the three tiers need: two public subnets in two AZs, an internal and an admin subnet. */
function checkTiers(planned: PlannedSubnet[], nat: NatStrategy): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const problem = (key: string, message: string) => problems.push({ key, message });
    const of = (t: Tier) => planned.filter((s) => s.tier === t);
    const publics = of("public");
    const publicsInOneAz = publics.length >= 2 && new Set(publics.map((s) => s.az)).size < 2;
    if (publics.length < 2) problem("subnets", `needs two public subnets (found ${publics.length}); the seed puts them in two AZs.`);
    else if (publicsInOneAz) problem("subnets", `both public subnets are in ${publics[0].az}; put them in two different AZs (e.g. a and c).`);
    if (of("internal").length < 1) problem("subnets", "needs an internal subnet (tier: internal) for the database.");
    if (of("admin").length < 1) problem("subnets", "needs an admin subnet (tier: admin) for the bastion.");
    const names = new Map<string, number>();
    planned.forEach((s) => {
        const id = `${s.tier}-${s.az}`;
        const first = names.get(id);
        // Two public subnets in one AZ are already reported above, in the words that say what to do.
        if (first !== undefined && !(publicsInOneAz && s.tier === "public")) problem(`subnets[${s.index}]`, `is a second ${s.tier} subnet in ${s.az} (like subnets[${first}]); names are [tier]-[az], so use another AZ.`);
        else names.set(id, s.index);
    });
    if (nat === "perAz") {
        const publicAzs = new Set(publics.map((s) => s.az));
        for (const s of of("internal")) {
            if (!publicAzs.has(s.az)) problem(`subnets[${s.index}].az`, `nat is perAz but there is no public subnet in ${s.az} to hold its NAT gateway.`);
        }
    }
    return problems;
}

export { DEFAULTS };
