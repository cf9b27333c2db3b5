/**
 * The checks that read several settings at once — AZ letters against the region, the subnet plan inside the
 * VPC, what the tiers need — each run on the parts of the config that are valid and skipped only when a
 * value it reads was refused (that problem is already reported). So a bad vpcCidr still lets every subnet's
 * size, AZ and tier be checked in the same run; only where subnets go in the VPC waits for it.
 */
import { z } from "zod";
import { Tier } from "../../policies/vocabulary";
import { ConfigProblem } from "../config-problem";
import { PlannedSubnet, planSubnets, SubnetRequest } from "../network/plan";
import { resolveZone } from "./availability-zones";
import { DEFAULTS, NatStrategy, settingsSchema, subnetSchema } from "./schema";

type Path = readonly PropertyKey[];

/** One subnet as far as it could be read: a field is there only when it is valid. */
interface SubnetRead {
    index: number;
    tier?: Tier;
    /** The full AZ name, once the letter was found in the region. */
    zone?: string;
    size?: number;
    cidr?: string;
    /** Its size or cidr is valid, so it can be given a place. */
    placeable: boolean;
}

export interface PlanChecked {
    problems: ConfigProblem[];
    /** Only when every value the plan reads is valid and the plan has no problem. */
    plan?: { requests: SubnetRequest[]; planned: PlannedSubnet[] };
}

/** `broken(path)` says whether the schema refused the value at `path` (or above or below it). */
export function checkPlan(raw: Record<string, unknown>, region: string | undefined, broken: (path: Path) => boolean): PlanChecked {
    const problems: ConfigProblem[] = [];
    const subnets = readSubnets(raw.subnets, region, broken, problems);
    if (!subnets) return { problems };
    const vpcCidr = read(settingsSchema.shape.vpcCidr, raw.vpcCidr, ["vpcCidr"], broken);
    const nat = read(settingsSchema.shape.nat, raw.nat, ["nat"], broken);

    // A subnet's place depends on the VPC and on every subnet declared before it (never on tiers or AZs):
    // those up to the first one without a valid size or cidr are placed; the tier and AZ passed along are
    // stand-ins where they were refused, and the result is kept only when nothing was.
    const stop = subnets.findIndex((s) => !s.placeable);
    const placeable = stop < 0 ? subnets : subnets.slice(0, stop);
    const plan = vpcCidr === undefined ? undefined : planSubnets(vpcCidr, placeable.map((s) => ({ tier: s.tier ?? "public", az: s.zone ?? "", size: s.size, cidr: s.cidr })));
    problems.push(...(plan?.problems ?? []));

    const tiers = subnets.every((s) => s.tier !== undefined) ? (subnets as (SubnetRead & { tier: Tier })[]) : undefined;
    if (tiers) problems.push(...checkTierCounts(tiers));
    const zoned = tiers?.every((s) => s.zone !== undefined) ? (tiers as (SubnetRead & { tier: Tier; zone: string })[]) : undefined;
    if (zoned) problems.push(...checkZones(zoned, nat));

    if (!zoned || !plan?.value || stop >= 0 || problems.length > 0) return { problems };
    return { problems, plan: { requests: zoned.map((s) => ({ tier: s.tier, az: s.zone, size: s.size, cidr: s.cidr })), planned: plan.value } };
}

/** The value at `path` as the schema reads it (defaults filled), or undefined when the schema refused it. */
function read<T extends z.ZodType>(schema: T, value: unknown, path: Path, broken: (path: Path) => boolean): z.output<T> | undefined {
    if (broken(path)) return undefined;
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
}

function readSubnets(list: unknown, region: string | undefined, broken: (path: Path) => boolean, problems: ConfigProblem[]): SubnetRead[] | undefined {
    const entries: unknown = list === undefined ? DEFAULTS.subnets : list;
    if (!Array.isArray(entries)) return undefined;
    const shape = subnetSchema.shape;
    return entries.map((entry: unknown, index): SubnetRead => {
        const given = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {};
        const at = (key: keyof typeof shape) => ["subnets", index, key];
        const tier = read(shape.tier, given.tier, at("tier"), broken);
        const az = read(shape.az, given.az, at("az"), broken);
        const size = read(shape.size, given.size, at("size"), broken);
        const cidr = read(shape.cidr, given.cidr, at("cidr"), broken);
        const placeable = !broken(at("size")) && !broken(at("cidr"));
        let zone: string | undefined;
        if (az !== undefined && region) {
            const resolved = resolveZone(az, region);
            if ("problem" in resolved) problems.push({ key: `subnets[${index}].az`, message: resolved.problem });
            else zone = resolved.zone;
        }
        return { index, tier, zone, size, cidr, placeable };
    });
}

/** What the three tiers need: two public subnets, an internal and an admin subnet. */
function checkTierCounts(subnets: { tier: Tier }[]): ConfigProblem[] {
    const count = (t: Tier) => subnets.filter((s) => s.tier === t).length;
    const problems: ConfigProblem[] = [];
    if (count("public") < 2) problems.push({ key: "subnets", message: `needs two public subnets in two different AZs (found ${count("public")}), e.g. { tier: public, az: a } and { tier: public, az: c }.` });
    if (count("internal") < 1) problems.push({ key: "subnets", message: "needs an internal subnet (tier: internal) for the database." });
    if (count("admin") < 1) problems.push({ key: "subnets", message: "needs an admin subnet (tier: admin) for the bastion." });
    return problems;
}

/** Where the tiers are: public subnets in two AZs, one subnet per tier and AZ, a NAT gateway per AZ when asked. */
function checkZones(subnets: { tier: Tier; zone: string; index: number }[], nat: NatStrategy | undefined): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const problem = (key: string, message: string) => problems.push({ key, message });
    const publics = subnets.filter((s) => s.tier === "public");
    const publicsInOneAz = publics.length >= 2 && new Set(publics.map((s) => s.zone)).size < 2;
    if (publicsInOneAz) problem("subnets", `both public subnets are in ${publics[0].zone}; put them in two different AZs (e.g. a and c).`);
    const names = new Map<string, number>();
    subnets.forEach((s) => {
        const id = `${s.tier}-${s.zone}`;
        const first = names.get(id);
        // Two public subnets in one AZ are already reported above, in the words that say what to do.
        if (first !== undefined && !(publicsInOneAz && s.tier === "public")) problem(`subnets[${s.index}]`, `is a second ${s.tier} subnet in ${s.zone} (like subnets[${first}]); names are [tier]-[az], so use another AZ.`);
        else names.set(id, s.index);
    });
    if (nat === "perAz") {
        const publicAzs = new Set(publics.map((s) => s.zone));
        for (const s of subnets.filter((x) => x.tier === "internal")) {
            if (!publicAzs.has(s.zone)) problem(`subnets[${s.index}].az`, `nat is perAz but there is no public subnet in ${s.zone} to hold its NAT gateway.`);
        }
    }
    return problems;
}
