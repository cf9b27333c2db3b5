/**
 * The stack's ONE config object, `<project>:settings` in Pulumi.<stack>.yaml, declared once: the type is
 * inferred from this schema, the defaults live in it, and generate-json-schema.ts turns it into the JSON
 * Schema editors use. A rule that reads one value lives here; checks that need the region (AZ letters) or
 * the whole subnet list (the plan, the tiers) are in plan-checks.ts and run in the same pass, on whatever
 * parts of the config are valid, so one run reports every problem.
 */
import { Address4 } from "ip-address";
import { z } from "zod";
import { Tiers } from "../../policies/vocabulary";
import { AWS_MIN_SUBNET_PREFIX, parseNetwork, prefixForSize } from "../network/plan";
import { accessSchema } from "./access";
import { environment } from "./environment";
import { flag, listOf, oneOf, record, show, text, wholeNumber, whenValid } from "./fields";

export const NatStrategies = ["single", "perAz", "none"] as const;
export type NatStrategy = (typeof NatStrategies)[number];

/** How the web tier is reached: its own Elastic IP, an ALB across the public subnets, or not at all. */
export const WebAccessModes = ["eip", "alb", "none"] as const;
export type WebAccessMode = (typeof WebAccessModes)[number];

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
    webAccess: "eip" as WebAccessMode,
    host: { web: "t3.medium", db: "t3.medium", bastion: "t3.micro", rootVolumeGiB: 30 },
    /** The default plan: two public /26 in two AZs, an internal /27 and an admin /27 (AZ letters). */
    subnets: [
        { tier: "public" as const, az: "a", size: 64 },
        { tier: "public" as const, az: "c", size: 64 },
        { tier: "internal" as const, az: "a", size: 32 },
        { tier: "admin" as const, az: "a", size: 32 },
    ],
};

const isCidr = (v: string) => v.includes("/") && Address4.isValid(v);

const cidr = text("must be an IPv4 CIDR such as 203.0.113.10/32", /\//).refine(isCidr, { error: (iss) => `must be an IPv4 CIDR such as 203.0.113.10/32; got ${show(iss.input)}.` });

/** An operator's address: IPv4, never the whole internet; the width limit (operatorMinPrefix) is checked beside it. */
const operatorCidr = z.string({ error: (iss) => `must be an IPv4 CIDR such as 203.0.113.10/32; got ${show(iss.input)}.` })
    .transform((v, ctx) => {
        const problem = v.includes(":")
            ? `"${v}" is IPv6 (or "::/0"); operator CIDRs are IPv4 only: give your public IPv4 address as a /32.`
            : !isCidr(v)
              ? `must be an IPv4 CIDR such as 203.0.113.10/32; got ${show(v)}.`
              : new Address4(v).subnetMask === 0
                ? "is 0.0.0.0/0, which opens the bastion's SSH port to the whole internet; give your own public IP as a /32."
                : undefined;
        if (problem) {
            ctx.issues.push({ code: "custom", message: problem, input: v });
            return z.NEVER;
        }
        // Host bits dropped: 203.0.113.10/24 means the /24 network.
        const net = new Address4(v);
        return `${net.startAddress().address}/${net.subnetMask}`;
    });

/** A service port; 22 is never one (SSH is admitted only from the bastion). */
const servicePort = wholeNumber(1, 65535).refine((p) => p !== 22, { error: "is 22, the SSH port: SSH is admitted only from the bastion; choose another port." });

/** Graviton families (t4g, m7g, c7gn, x2gd, a1...) cannot boot the amd64 Ubuntu image the hosts use. */
const ARM_FAMILY = /^(a1|[a-z]+\d+g[a-z]*)\./;

function host(defaultType: string) {
    return record({
        instanceType: text("must be an EC2 instance type such as t3.medium", /^[a-z][a-z0-9-]*\.[a-z0-9]+$/)
            .refine((t) => !ARM_FAMILY.test(t), { error: (iss) => `${show(iss.input)} is an Arm (Graviton) type, but the hosts boot the amd64 Ubuntu image; choose an x86 type such as t3.medium.` })
            .default(defaultType),
        rootVolumeGiB: wholeNumber(8, 16384, "GiB").default(DEFAULTS.host.rootVolumeGiB),
    }).prefault({});
}

/** The sizes a subnet can have: whole aligned blocks from AWS's smallest (/28) to a /16. */
const SUBNET_SIZES = Array.from({ length: 13 }, (_, i) => 2 ** (i + 4));

/** One subnet; its size or cidr is checked here on its own, its place in the VPC by the plan. */
export const subnetSchema = record({
    tier: oneOf(Tiers),
    /** A zone letter (`a`) or a full name (`ap-northeast-2a`), checked against aws:region. */
    az: text("must be an availability-zone letter (a, b, c, ...) or a full zone name", /^([a-z]|[a-z]{2}(-[a-z]+)+-\d+[a-z])$/),
    /** How many addresses, a power of two from 16; or give `cidr`. */
    size: wholeNumber(16, 65536, "addresses")
        .refine((n) => prefixForSize(n) !== undefined, { error: (iss) => `must be a power of two from 16 to 65536 addresses (16, 32, 64, ...); got ${show(iss.input)}.` })
        .meta({ enum: SUBNET_SIZES })
        .optional(),
    cidr: text("must be an IPv4 CIDR inside vpcCidr, such as 10.0.0.0/26")
        .superRefine((c, ctx) => {
            const net = parseNetwork(c);
            if (!net) ctx.addIssue({ code: "custom", message: `"${c}" is not a network CIDR such as 10.0.0.64/26 (no host bits set).` });
            else if (net.subnetMask > AWS_MIN_SUBNET_PREFIX) ctx.addIssue({ code: "custom", message: `${c} is smaller than AWS allows; use /${AWS_MIN_SUBNET_PREFIX} (16 addresses) or larger.` });
        })
        .optional(),
}, "{ tier, az, size } or { tier, az, cidr }").superRefine((s, ctx) => {
    // Named at the field, so the subnet's tier and AZ are still read for the checks that need only them.
    if (s.size !== undefined && s.cidr !== undefined) ctx.addIssue({ code: "custom", path: ["cidr"], message: "is given with size too: give one of them." });
    if (s.size === undefined && s.cidr === undefined) ctx.addIssue({ code: "custom", path: ["size"], message: "is required unless cidr is given: how many addresses, e.g. 64." });
}, whenValid("size", "cidr"));

export const settingsSchema = record({
    /** Owner id that starts every resource name (so an owner's resources sort together), e.g. `mhson`. */
    prefix: text("must be 1-20 lowercase letters, digits or hyphens starting with a letter (it starts every resource name)", /^[a-z][a-z0-9-]{0,19}$/)
        .refine((p) => p !== "sg" && !p.startsWith("sg-"), { error: "must not be \"sg\" or start with \"sg-\": security group names starting with sg- are refused by EC2." })
        .describe("Owner id that starts every resource name, e.g. acme (1-20 lowercase letters, digits, hyphens)."),
    /** `dev`, `prod`, ...: goes into tags and prompts; defaults to the stack name. */
    environment: environment.optional(),
    vpcCidr: text("must be an IPv4 CIDR such as 10.0.0.0/24")
        .superRefine((c, ctx) => {
            if (!isCidr(c)) ctx.addIssue({ code: "custom", message: `"${c}" is not an IPv4 CIDR such as 10.0.0.0/24.` });
            else if (!parseNetwork(c)) ctx.addIssue({ code: "custom", message: `"${c}" is not a network CIDR such as 10.0.0.0/24 (no host bits set).` });
            else if (new Address4(c).subnetMask < 16 || new Address4(c).subnetMask > 24) {
                ctx.addIssue({ code: "custom", message: `has prefix /${new Address4(c).subnetMask}; use /16 to /24 (the default subnets need a /24).` });
            }
        })
        .default(DEFAULTS.vpcCidr)
        .describe("The VPC's block, /16 to /24."),
    subnets: listOf(subnetSchema, "{ tier, az, size } or { tier, az, cidr }").default(DEFAULTS.subnets).describe("Subnets in declaration order; appending one never moves another."),
    nat: oneOf(NatStrategies).default(DEFAULTS.nat).describe("NAT gateways: one, one per AZ, or none."),
    flowLogs: record({
        enabled: flag().default(DEFAULTS.flowLogs.enabled),
        retentionDays: wholeNumber(1, 3653, "days")
            .refine((d) => LOG_RETENTION_DAYS.includes(d), { error: (iss) => `CloudWatch Logs accepts only ${LOG_RETENTION_DAYS.join(", ")} days; got ${show(iss.input)}.` })
            .default(DEFAULTS.flowLogs.retentionDays),
    }).prefault({}),
    /** Who may SSH to the bastion: the operator's own public IP(s). */
    operatorCidrs: listOf(operatorCidr, "IPv4 CIDRs (your own public IP as a /32)")
        .refine((l) => l.length > 0, { error: "is empty: add your own public IP as a /32 (find it with `curl https://checkip.amazonaws.com`), or nobody can reach the bastion." })
        .describe("Who may SSH to the bastion: your own public IPv4 address as a /32."),
    /** The widest operator CIDR accepted; /32 by default, as the pack's ssh-only-from-bastion expects. */
    operatorMinPrefix: wholeNumber(8, 32).default(DEFAULTS.operatorMinPrefix),
    appPorts: listOf(servicePort, "ports").default(DEFAULTS.appPorts),
    dbPort: servicePort.default(DEFAULTS.dbPort),
    /** Where hosts may connect out to (all protocols). */
    egressCidrs: listOf(cidr, "IPv4 CIDRs").default(DEFAULTS.egressCidrs),
    /** An explicit AMI id; otherwise the newest Ubuntu 22.04 LTS from Canonical. */
    amiId: text("must look like ami-0123456789abcdef0", /^ami-[0-9a-f]{8,17}$/).optional(),
    webAccess: oneOf(WebAccessModes).default(DEFAULTS.webAccess).describe("How the web tier is reached: eip (its own Elastic IP), alb (a load balancer), none (unreachable)."),
    /** An ACM certificate for the ALB's HTTPS listener (webAccess: alb only). */
    certificateArn: text("must be an ACM certificate ARN such as arn:aws:acm:ap-northeast-2:123456789012:certificate/...", /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/).optional(),
    hosts: record({ web: host(DEFAULTS.host.web), db: host(DEFAULTS.host.db), bastion: host(DEFAULTS.host.bastion) }).prefault({}),
    access: accessSchema,
}, "a `settings` object (see README, \"Configuration\")")
    .superRefine((s, ctx) => {
        s.operatorCidrs.forEach((c, i) => {
            if (Number(c.split("/")[1]) >= s.operatorMinPrefix) return;
            ctx.addIssue({
                code: "custom",
                path: ["operatorCidrs", i],
                message: `${c} is wider than /${s.operatorMinPrefix} (operatorMinPrefix); narrow it to your own IP as a /32, or lower operatorMinPrefix deliberately (and the pack's bastionMinPrefixIpv4 with it).`,
            });
        });
    }, whenValid("operatorCidrs", "operatorMinPrefix"))
    .superRefine((s, ctx) => {
        if (s.certificateArn !== undefined && s.webAccess !== "alb") {
            ctx.addIssue({ code: "custom", path: ["certificateArn"], message: `is only used with webAccess: alb (webAccess is "${s.webAccess}"); remove it or set webAccess: alb.` });
        }
    }, whenValid("certificateArn", "webAccess"));

/** The settings as written (what a stack file may hold). */
export type SettingsInput = z.input<typeof settingsSchema>;
type Parsed = z.output<typeof settingsSchema>;
export type SubnetSetting = Parsed["subnets"][number];
export type HostSpec = Parsed["hosts"]["web"];
