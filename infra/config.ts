/**
 * The stack's ONE config object: its type, its defaults and a pure validator.
 *
 * It is read once, in `loadSettings`, from the `bastion-network:settings` key of Pulumi.<stack>.yaml
 * (plus `aws:region`). Nothing else reads `pulumi.Config`. The validator returns every problem
 * at once, so a bad config is refused before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { Address4 } from "ip-address";
import { Tier, Tiers } from "../policies/vocabulary";
import { AccessConfig, validateAccessConfig } from "./access/config";
import { ConfigError, ConfigProblem, Validated } from "./config-problem";
import { ConfigReader, describe } from "./config-reader";
import { PlannedSubnet, planSubnets, SubnetRequest } from "./network/plan";

export const SETTINGS_KEY = "settings";

export type NatStrategy = "single" | "perAz" | "none";
export const NatStrategies: readonly NatStrategy[] = ["single", "perAz", "none"];

export interface HostSpec {
    instanceType: string;
    rootVolumeGiB: number;
}

export interface Settings {
    /** Owner id that starts every resource name (seed §2-3), e.g. `mhson`. */
    prefix: string;
    /** `dev`, `prod`, ...: goes into tags and prompts; defaults to the stack name. */
    environment: string;
    region: string;
    vpcCidr: string;
    subnets: SubnetRequest[];
    nat: NatStrategy;
    flowLogs: { enabled: boolean; retentionDays: number };
    /** Who may SSH to the bastion: the operator's own public IP(s). */
    operatorCidrs: string[];
    /** The widest operator CIDR accepted; /32 by default, as the pack's ssh-only-from-bastion expects. */
    operatorMinPrefix: number;
    appPorts: number[];
    dbPort: number;
    /** Where hosts may connect out to (all protocols). */
    egressCidrs: string[];
    /** An explicit AMI id; otherwise the newest Ubuntu 22.04 LTS from Canonical. */
    amiId?: string;
    hosts: { web: HostSpec; db: HostSpec; bastion: HostSpec };
    access: AccessConfig;
}

/** A validated config together with its subnet plan. */
export interface ValidatedSettings {
    settings: Settings;
    subnets: PlannedSubnet[];
}

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const DEFAULTS = {
    vpcCidr: "10.0.0.0/24",
    nat: "single" as NatStrategy,
    flowLogs: { enabled: true, retentionDays: 90 },
    operatorMinPrefix: 32,
    appPorts: [8080],
    dbPort: 3306,
    egressCidrs: ["0.0.0.0/0"],
    host: { web: "t3.medium", db: "t3.medium", bastion: "t3.micro", rootVolumeGiB: 30 },
    /** The seed's plan: two public /26 in two AZs, an internal /27 and an admin /27 (AZ letters). */
    subnets: [
        { tier: "public", az: "a", size: 64 },
        { tier: "public", az: "c", size: 64 },
        { tier: "internal", az: "a", size: 32 },
        { tier: "admin", az: "a", size: 32 },
    ] as { tier: Tier; az: string; size: number }[],
};

const TOP_KEYS = ["prefix", "environment", "vpcCidr", "subnets", "nat", "flowLogs", "operatorCidrs", "operatorMinPrefix", "appPorts", "dbPort", "egressCidrs", "amiId", "hosts", "access"] as const;

/**
 * Validates the raw settings object. Pure: `region` and `stackName` come from the caller.
 * Returns the typed settings with defaults filled and the subnet plan, or every problem.
 */
export function validateSettings(raw: unknown, region: string | undefined, stackName: string): Validated<ValidatedSettings> {
    const r = new ConfigReader();
    if (raw === undefined || raw === null) {
        r.problem(SETTINGS_KEY, `is missing: add a \`bastion-network:${SETTINGS_KEY}\` object to Pulumi.${stackName}.yaml (see README, "Configuration").`);
        return { problems: r.problems };
    }
    const o = r.object(raw, "", TOP_KEYS);
    if (!o) return { problems: [{ key: SETTINGS_KEY, message: `must be an object; got ${describe(raw)}.` }] };
    if (!region) r.problem("aws:region", "is required: run `pulumi config set aws:region <region>` (e.g. ap-northeast-2).");

    const prefix = r.string(o.prefix, "prefix");
    if (prefix !== undefined && !/^[a-z][a-z0-9-]{0,19}$/.test(prefix)) {
        r.problem("prefix", `must be 1-20 lowercase letters, digits or hyphens starting with a letter (it starts every resource name); got "${prefix}".`);
    }
    const environment = r.string(o.environment, "environment", stackName) ?? stackName;
    const vpcCidr = r.string(o.vpcCidr, "vpcCidr", DEFAULTS.vpcCidr) ?? DEFAULTS.vpcCidr;
    checkVpcCidr(r, vpcCidr);

    const subnets = region ? readSubnets(r, o.subnets, region) : undefined;
    const nat = r.oneOf(o.nat, "nat", NatStrategies, DEFAULTS.nat);
    const fl = r.object(o.flowLogs, "flowLogs", ["enabled", "retentionDays"]) ?? {};
    const flowLogs = {
        enabled: r.boolean(fl.enabled, "flowLogs.enabled", DEFAULTS.flowLogs.enabled),
        retentionDays: r.integer(fl.retentionDays, "flowLogs.retentionDays", DEFAULTS.flowLogs.retentionDays, 1, 3653) ?? DEFAULTS.flowLogs.retentionDays,
    };
    if (!LOG_RETENTION_DAYS.includes(flowLogs.retentionDays)) {
        r.problem("flowLogs.retentionDays", `CloudWatch Logs accepts only ${LOG_RETENTION_DAYS.join(", ")} days; got ${flowLogs.retentionDays}.`);
    }

    const operatorMinPrefix = r.integer(o.operatorMinPrefix, "operatorMinPrefix", DEFAULTS.operatorMinPrefix, 8, 32) ?? DEFAULTS.operatorMinPrefix;
    const operatorCidrs = r.list(o.operatorCidrs, "operatorCidrs", undefined, (v, key) => readOperatorCidr(r, v, key, operatorMinPrefix)) ?? [];
    if (Array.isArray(o.operatorCidrs) && o.operatorCidrs.length === 0) {
        r.problem("operatorCidrs", "is empty: add your own public IP as a /32 (find it with `curl https://checkip.amazonaws.com`), or nobody can reach the bastion.");
    }
    const appPorts = r.list(o.appPorts, "appPorts", DEFAULTS.appPorts, (v, key) => r.integer(v, key, undefined, 1, 65535)) ?? DEFAULTS.appPorts;
    const dbPort = r.integer(o.dbPort, "dbPort", DEFAULTS.dbPort, 1, 65535) ?? DEFAULTS.dbPort;
    for (const [key, port] of [...appPorts.map((p, i) => [`appPorts[${i}]`, p] as const), ["dbPort", dbPort] as const]) {
        if (port === 22) r.problem(key, "is 22, the SSH port: SSH is admitted only from the bastion; choose another port.");
    }
    const egressCidrs = r.list(o.egressCidrs, "egressCidrs", DEFAULTS.egressCidrs, (v, key) => readCidr(r, v, key)) ?? DEFAULTS.egressCidrs;
    const amiId = o.amiId === undefined ? undefined : r.string(o.amiId, "amiId");
    if (amiId !== undefined && !/^ami-[0-9a-f]{8,17}$/.test(amiId)) r.problem("amiId", `must look like ami-0123456789abcdef0; got "${amiId}".`);

    const h = r.object(o.hosts, "hosts", ["web", "db", "bastion"]) ?? {};
    const hosts = {
        web: readHost(r, h.web, "hosts.web", DEFAULTS.host.web),
        db: readHost(r, h.db, "hosts.db", DEFAULTS.host.db),
        bastion: readHost(r, h.bastion, "hosts.bastion", DEFAULTS.host.bastion),
    };

    const access = validateAccessConfig(o.access, "access");
    r.problems.push(...access.problems);

    // An unparsable vpcCidr is already reported by checkVpcCidr; planning it would report it twice.
    const plan = subnets && Address4.isValid(vpcCidr) ? planSubnets(vpcCidr, subnets) : undefined;
    if (plan) r.problems.push(...plan.problems);
    if (plan?.value && subnets) checkTiers(r, plan.value, nat);

    if (r.problems.length || !plan?.value || !prefix || !region || !access.value) return { problems: r.problems };
    const settings: Settings = {
        prefix, environment, region, vpcCidr, subnets: subnets ?? [], nat, flowLogs, operatorCidrs, operatorMinPrefix,
        appPorts, dbPort, egressCidrs, amiId, hosts, access: access.value,
    };
    return { value: { settings, subnets: plan.value }, problems: [] };
}

/** Reads `bastion-network:settings` and `aws:region`; throws `ConfigError` listing every problem. */
export function loadSettings(): ValidatedSettings {
    const raw = new pulumi.Config().getObject<unknown>(SETTINGS_KEY);
    const region = new pulumi.Config("aws").get("region");
    const result = validateSettings(raw, region, pulumi.getStack());
    if (!result.value) throw new ConfigError(result.problems);
    return result.value;
}

function checkVpcCidr(r: ConfigReader, cidr: string): void {
    if (!Address4.isValid(cidr) || !cidr.includes("/")) {
        r.problem("vpcCidr", `"${cidr}" is not an IPv4 CIDR such as 10.0.0.0/24.`);
        return;
    }
    const prefix = new Address4(cidr).subnetMask;
    if (prefix < 16 || prefix > 24) r.problem("vpcCidr", `has prefix /${prefix}; use /16 to /24 (the seed's plan needs a /24).`);
}

function readCidr(r: ConfigReader, v: unknown, key: string): string | undefined {
    if (typeof v !== "string" || !v.includes("/") || !Address4.isValid(v)) {
        r.problem(key, `must be an IPv4 CIDR such as 203.0.113.10/32; got ${describe(v)}.`);
        return undefined;
    }
    return v;
}

function readOperatorCidr(r: ConfigReader, v: unknown, key: string, minPrefix: number): string | undefined {
    if (typeof v === "string" && v.includes(":")) {
        r.problem(key, `"${v}" is IPv6 (or "::/0"); operator CIDRs are IPv4 only: give your public IPv4 address as a /32.`);
        return undefined;
    }
    const cidr = readCidr(r, v, key);
    if (cidr === undefined) return undefined;
    const prefix = new Address4(cidr).subnetMask;
    if (prefix === 0) {
        r.problem(key, "is 0.0.0.0/0, which opens the bastion's SSH port to the whole internet; give your own public IP as a /32.");
        return undefined;
    }
    if (prefix < minPrefix) {
        r.problem(key, `${cidr} is wider than /${minPrefix} (operatorMinPrefix); narrow it to your own IP as a /32, or lower operatorMinPrefix deliberately (and the pack's bastionMinPrefixIpv4 with it).`);
        return undefined;
    }
    return new Address4(cidr).startAddress().address.split("/")[0] + `/${prefix}`;
}

function readHost(r: ConfigReader, v: unknown, key: string, defaultType: string): HostSpec {
    const o = r.object(v, key, ["instanceType", "rootVolumeGiB"]) ?? {};
    const instanceType = r.string(o.instanceType, `${key}.instanceType`, defaultType) ?? defaultType;
    if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType)) {
        r.problem(`${key}.instanceType`, `must be an EC2 instance type such as t3.medium; got "${instanceType}".`);
    }
    const rootVolumeGiB = r.integer(o.rootVolumeGiB, `${key}.rootVolumeGiB`, DEFAULTS.host.rootVolumeGiB, 8, 16384) ?? DEFAULTS.host.rootVolumeGiB;
    return { instanceType, rootVolumeGiB };
}

/**
 * Subnets: AZ letters (`a`) or full names (`ap-northeast-2a`) inside the region. Undefined when any
 * entry is bad, so the planner (whose messages use list positions) only sees a whole list.
 */
function readSubnets(r: ConfigReader, v: unknown, region: string | undefined): SubnetRequest[] | undefined {
    const before = r.problems.length;
    const list = r.list(v ?? DEFAULTS.subnets, "subnets", undefined, (item, key) => {
        const s = r.object(item, key, ["tier", "az", "size", "cidr"]);
        if (!s) {
            if (item === undefined || item === null) r.problem(key, "is empty: give { tier, az, size } or { tier, az, cidr }.");
            return undefined;
        }
        if (s.tier === undefined) r.problem(`${key}.tier`, `is required: one of ${Tiers.join(", ")}.`);
        const tier = r.oneOf(s.tier, `${key}.tier`, Tiers, "public");
        const az = readAz(r, s.az, `${key}.az`, region);
        if (s.size !== undefined && s.cidr !== undefined) r.problem(key, "has both size and cidr: give one.");
        if (s.size === undefined && s.cidr === undefined) r.problem(key, "needs a size (addresses, e.g. 64) or a cidr.");
        const size = s.size === undefined ? undefined : r.integer(s.size, `${key}.size`, undefined, 16, 65536);
        const cidr = s.cidr === undefined ? undefined : r.string(s.cidr, `${key}.cidr`);
        return az === undefined ? undefined : { tier, az, size, cidr };
    });
    return r.problems.length === before ? list : undefined;
}

function readAz(r: ConfigReader, v: unknown, key: string, region: string | undefined): string | undefined {
    const az = r.string(v, key);
    if (az === undefined || !region) return undefined;
    const full = /^[a-z]$/.test(az) ? `${region}${az}` : az;
    if (!full.startsWith(region) || !/^[a-z]$/.test(full.slice(region.length))) {
        r.problem(key, `"${az}" is not an availability zone of ${region}; use a letter (a, b, c, ...) or a name like ${region}a.`);
        return undefined;
    }
    return full;
}

/** What the three tiers need: two public subnets in two AZs, an internal and an admin subnet. */
function checkTiers(r: ConfigReader, planned: PlannedSubnet[], nat: NatStrategy): void {
    const of = (t: Tier) => planned.filter((s) => s.tier === t);
    const publics = of("public");
    const publicsInOneAz = publics.length >= 2 && new Set(publics.map((s) => s.az)).size < 2;
    if (publics.length < 2) r.problem("subnets", `needs two public subnets (found ${publics.length}); the seed puts them in two AZs.`);
    else if (publicsInOneAz) r.problem("subnets", `both public subnets are in ${publics[0].az}; put them in two different AZs (e.g. a and c).`);
    if (of("internal").length < 1) r.problem("subnets", "needs an internal subnet (tier: internal) for the database.");
    if (of("admin").length < 1) r.problem("subnets", "needs an admin subnet (tier: admin) for the bastion.");
    const names = new Map<string, number>();
    planned.forEach((s) => {
        const id = `${s.tier}-${s.az}`;
        const first = names.get(id);
        // Two public subnets in one AZ are already reported above, in the words that say what to do.
        if (first !== undefined && !(publicsInOneAz && s.tier === "public")) r.problem(`subnets[${s.index}]`, `is a second ${s.tier} subnet in ${s.az} (like subnets[${first}]); names are [tier]-[az], so use another AZ.`);
        else names.set(id, s.index);
    });
    if (nat === "perAz") {
        const publicAzs = new Set(publics.map((s) => s.az));
        for (const s of of("internal")) {
            if (!publicAzs.has(s.az)) r.problem(`subnets[${s.index}].az`, `nat is perAz but there is no public subnet in ${s.az} to hold its NAT gateway.`);
        }
    }
}

export type { ConfigProblem };
