/**
 * Adversarial cases by class, each class generated over every instance of it:
 * - the internet written as several ranges (two /1s, four /2s, every public /8, mixed widths; IPv4 and
 *   IPv6), in one inline block, across inline blocks, and across separate rule resources, on every
 *   rule that asks "open to the world"; and as several routes to the internet gateway, on the path rules;
 * - option ranges that only cover a source together (allowed or inside ranges split in halves);
 * - a `Role` (or `Tier`) that arrives only through the provider's `defaultTags`, on every rule that asks;
 * - bastion hardening that is written down but never takes effect in a login shell.
 */
import { CaseResource, GeneratedCase, ref } from "./adversarial-documents";

const T = {
    Vpc: "aws:ec2/vpc:Vpc", Subnet: "aws:ec2/subnet:Subnet", Igw: "aws:ec2/internetGateway:InternetGateway", RouteTable: "aws:ec2/routeTable:RouteTable",
    Assoc: "aws:ec2/routeTableAssociation:RouteTableAssociation", Sg: "aws:ec2/securityGroup:SecurityGroup", Instance: "aws:ec2/instance:Instance",
    IngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", SgRule: "aws:ec2/securityGroupRule:SecurityGroupRule", LaunchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
};
const tags = (name: string, extra: Record<string, string> = {}) => ({ Project: "adversarial", ManagedBy: "pulumi", Name: name, ...extra });
const route = (gatewayId: unknown) => ({ cidrBlock: "0.0.0.0/0", gatewayId });

/** A VPC with a public subnet (route to the internet gateway) and a data subnet (none). */
function network(opts: { dataTier?: string; dataRoutesToIgw?: boolean; dataProvider?: string; dataRoutes?: unknown[] } = {}): CaseResource[] {
    const subnet = (name: string, cidr: string, extra: Record<string, string>, provider?: string): CaseResource => ({
        type: T.Subnet, name, provider, inputs: { availabilityZone: "eu-west-1a", cidrBlock: cidr, mapPublicIpOnLaunch: false, tags: tags(name, extra), vpcId: ref("main") },
    });
    return [
        { type: T.Vpc, name: "main", inputs: { cidrBlock: "10.20.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags: tags("main") } },
        { type: T.Igw, name: "igw", inputs: { tags: tags("igw"), vpcId: ref("main") } },
        subnet("public-a", "10.20.0.0/24", { Tier: "public" }),
        subnet("data-a", "10.20.16.0/22", opts.dataTier ? { Tier: opts.dataTier } : {}, opts.dataProvider),
        { type: T.RouteTable, name: "public-rt", inputs: { routes: [route(ref("igw"))], tags: tags("public-rt"), vpcId: ref("main") } },
        { type: T.RouteTable, name: "data-rt", inputs: { routes: opts.dataRoutes ?? (opts.dataRoutesToIgw ? [route(ref("igw"))] : []), tags: tags("data-rt"), vpcId: ref("main") } },
        { type: T.Assoc, name: "public-a-assoc", inputs: { routeTableId: ref("public-rt"), subnetId: ref("public-a") } },
        { type: T.Assoc, name: "data-a-assoc", inputs: { routeTableId: ref("data-rt"), subnetId: ref("data-a") } },
    ];
}

let ipCounter = 10;
function instance(name: string, subnet: string, group: string, extra: Partial<CaseResource> & { inputs?: Record<string, unknown> } = {}): CaseResource {
    const publicIp = extra.inputs?.associatePublicIpAddress === true;
    const octet = ipCounter++;
    return {
        type: T.Instance, name, provider: extra.provider,
        inputs: {
            ami: "ami-0c1c30571d2dae5c9", instanceType: "t3.micro", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" },
            rootBlockDevice: { encrypted: true, volumeSize: 8, volumeType: "gp3" }, subnetId: ref(subnet), vpcSecurityGroupIds: [ref(group)], tags: tags(name), ...(extra.inputs ?? {}),
        },
        computed: { privateIp: subnet === "public-a" ? `10.20.0.${octet}` : `10.20.16.${octet}`, ...(publicIp ? { publicIp: `34.240.7.${octet}` } : {}) },
    };
}

function group(name: string, role: string | undefined, ingress: unknown[] = [], provider?: string): CaseResource {
    return { type: T.Sg, name, provider, inputs: { description: `${name} hosts`, name, revokeRulesOnDelete: false, tags: tags(name, role ? { Role: role } : {}), vpcId: ref("main"), ...(ingress.length > 0 ? { ingress } : {}) } };
}

const block = (port: number, cidrs: string[], description = "admin") => {
    const v6 = cidrs[0]?.includes(":");
    return { cidrBlocks: v6 ? [] : cidrs, ipv6CidrBlocks: v6 ? cidrs : [], description, fromPort: port, toPort: port, protocol: "tcp", prefixListIds: [], securityGroups: [], self: false };
};

// ---- the internet, split ----------------------------------------------------------------------

const PRIVATE_OR_SPECIAL_8 = new Set([0, 10, 127, ...Array.from({ length: 32 }, (_, i) => 224 + i)]);
export const WorldSplits: Record<string, string[]> = {
    "v4-two-halves": ["0.0.0.0/1", "128.0.0.0/1"],
    "v4-four-quarters": ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"],
    "v4-every-public-slash8": Array.from({ length: 256 }, (_, i) => i).filter((i) => !PRIVATE_OR_SPECIAL_8.has(i)).map((i) => `${i}.0.0.0/8`),
    "v4-mixed-widths": ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"],
    "v6-global-unicast-halves": ["2000::/4", "3000::/4"],
    "v6-global-unicast": ["2000::/3"],
};
const Placements = ["one-block", "inline-blocks", "rule-resources"] as const;
type Placement = (typeof Placements)[number];

/** At most four contiguous chunks, so a list of /8s is four blocks or four resources, not two hundred. */
function chunks(cidrs: string[]): string[][] {
    const n = Math.min(4, cidrs.length);
    const size = Math.ceil(cidrs.length / n);
    return Array.from({ length: n }, (_, i) => cidrs.slice(i * size, (i + 1) * size)).filter((c) => c.length > 0);
}

/** The group `name` opening `port` to `cidrs` as `placement` says; returns the resources and the names a finding must land on. */
function opened(name: string, role: string, port: number, cidrs: string[], placement: Placement): { resources: CaseResource[]; carriers: string[] } {
    if (placement === "one-block") return { resources: [group(name, role, [block(port, cidrs)])], carriers: [name] };
    if (placement === "inline-blocks") return { resources: [group(name, role, chunks(cidrs).map((c) => block(port, c)))], carriers: [name] };
    const rules: CaseResource[] = chunks(cidrs).map((c, i) => {
        const v6 = c[0].includes(":");
        const rname = `${name}-${port}-part${i + 1}`;
        if (c.length === 1) {
            return { type: T.IngressRule, name: rname, inputs: { [v6 ? "cidrIpv6" : "cidrIpv4"]: c[0], description: "admin", fromPort: port, toPort: port, ipProtocol: "tcp", securityGroupId: ref(name) } };
        }
        return { type: T.SgRule, name: rname, inputs: { type: "ingress", [v6 ? "ipv6CidrBlocks" : "cidrBlocks"]: c, description: "admin", fromPort: port, toPort: port, protocol: "tcp", self: false, securityGroupId: ref(name) } };
    });
    return { resources: [group(name, role), ...rules], carriers: rules.map((r) => r.name) };
}

function worldCases(): GeneratedCase[] {
    const out: GeneratedCase[] = [];
    for (const [split, cidrs] of Object.entries(WorldSplits)) {
        const v4 = !cidrs[0].includes(":");
        for (const placement of Placements) {
            const what = `${split} (${cidrs.length} range${cidrs.length > 1 ? "s" : ""}) placed as ${placement}`;
            const admin = opened("admin-sg", "web", 3389, cidrs, placement);
            out.push({
                id: `world-split/${split}/${placement}`, rule: "no-world-open-admin-ports", verdict: "violation", flagged: admin.carriers,
                why: `RDP is open to ${what}: together they are the whole internet.`, resources: [...network(), ...admin.resources],
            });
            const bastion = opened("bastion-sg", "bastion", 22, cidrs, placement);
            out.push({
                id: `world-split/${split}/${placement}`, rule: "ssh-only-from-bastion", verdict: "violation", flagged: bastion.carriers,
                config: { "ssh-only-from-bastion": { bastionMinPrefixIpv4: 1, bastionMinPrefixIpv6: 1 } },
                why: `The bastion allows ranges of any width here, never the whole internet: SSH is open to ${what}.`, resources: [...network(), ...bastion.resources],
            });
            const db = opened("db-sg", "db", 5432, cidrs, placement);
            out.push({
                id: `world-split/${split}/${placement}`, rule: "db-port-from-app-tier-only", verdict: "violation", flagged: db.carriers,
                why: `The database port is open to ${what}.`, resources: [...network(), ...db.resources],
            });
            // The path model follows IPv4 paths; IPv6 reachability is not modelled.
            if (!v4) continue;
            const host = opened("app-sg", "web", 22, cidrs, placement);
            out.push({
                id: `world-split/${split}/${placement}`, rule: "ssh-path-only-to-bastion", verdict: "violation", flagged: ["app-1"],
                why: `A non-bastion host with a public IP in a public subnet takes SSH from ${what}.`,
                resources: [...network(), ...host.resources, instance("app-1", "public-a", "app-sg", { inputs: { associatePublicIpAddress: true } })],
            });
            const internal = opened("data-sg", "db", 5432, cidrs, placement);
            out.push({
                id: `world-split/${split}/${placement}`, rule: "no-internet-path-to-internal-hosts", verdict: "violation", flagged: ["data-1"],
                why: `An internal host (Tier=internal subnet routed to the internet gateway) with a public IP takes 5432 from ${what}.`,
                resources: [...network({ dataTier: "internal", dataRoutesToIgw: true }), ...internal.resources, instance("data-1", "data-a", "data-sg", { inputs: { associatePublicIpAddress: true } })],
            });
        }
    }
    return out;
}

/** The internet routed to the internet gateway as several routes: a way in as much as one `0.0.0.0/0` route. */
function routeSplitCases(): GeneratedCase[] {
    const out: GeneratedCase[] = [];
    for (const [split, cidrs] of Object.entries(WorldSplits)) {
        // The path model follows IPv4 paths; IPv6 reachability is not modelled.
        if (cidrs[0].includes(":")) continue;
        const routes = cidrs.map((cidrBlock) => ({ cidrBlock, gatewayId: ref("igw") }));
        out.push({
            id: `route-split/${split}`, rule: "no-internet-path-to-internal-hosts", verdict: "violation", flagged: ["data-1"],
            why: `An internal host with a public IP takes 5432 from anywhere, and its subnet routes the internet to the internet gateway as ${cidrs.length} routes (${split}).`,
            resources: [...network({ dataTier: "internal", dataRoutes: routes }), group("data-sg", "db", [block(5432, ["0.0.0.0/0"])]), instance("data-1", "data-a", "data-sg", { inputs: { associatePublicIpAddress: true } })],
        });
        out.push({
            id: `route-split/${split}`, rule: "ssh-path-only-to-bastion", verdict: "violation", flagged: ["app-1"],
            why: `A non-bastion host with a public IP takes SSH from anywhere, in an untagged subnet that routes the internet to the internet gateway as ${cidrs.length} routes (${split}).`,
            resources: [...network({ dataRoutes: routes }), group("app-sg", "web", [block(22, ["0.0.0.0/0"])]), instance("app-1", "data-a", "app-sg", { inputs: { associatePublicIpAddress: true } })],
        });
    }
    return out;
}

// ---- option ranges that only cover a source together -----------------------------------------

function optionRangeCases(): GeneratedCase[] {
    const halves = ["10.20.0.0/17", "10.20.128.0/17"];
    const outside = ["198.51.100.0/25", "198.51.100.128/25"];
    return [
        {
            id: "option-ranges/allowed-in-halves", rule: "db-port-from-app-tier-only", verdict: "clean", config: { "db-port-from-app-tier-only": { allowedCidrs: halves } },
            why: "The allowed ranges are the VPC in two halves; a source of the whole VPC lies within them together.",
            resources: [...network(), group("db-sg", "db", [block(5432, ["10.20.0.0/16"], "postgres")])],
        },
        {
            id: "option-ranges/inside-range-narrower-source", rule: "ssh-path-only-to-bastion", verdict: "clean", config: { "ssh-path-only-to-bastion": { insideCidrs: ["198.51.100.0/24"] } },
            why: "The VPN range is inside; a source that is part of it is inside too.",
            resources: [...network(), group("app-sg", "web", [block(22, ["198.51.100.0/25"], "vpn")]), instance("app-1", "public-a", "app-sg", { inputs: { associatePublicIpAddress: true } })],
        },
        {
            id: "option-ranges/inside-range-in-halves", rule: "ssh-path-only-to-bastion", verdict: "clean", config: { "ssh-path-only-to-bastion": { insideCidrs: outside } },
            why: "The VPN range is given in two halves; a source spanning both is inside.",
            resources: [...network(), group("app-sg", "web", [block(22, ["198.51.100.0/24"], "vpn")]), instance("app-1", "public-a", "app-sg", { inputs: { associatePublicIpAddress: true } })],
        },
    ];
}

// ---- tags from the provider's defaultTags -----------------------------------------------------

const byRole = (role: string) => ({ tags: { Role: role } });
const UNHARDENED = "#!/bin/bash\ndnf -y install amazon-cloudwatch-agent\n";

function defaultTagCases(): GeneratedCase[] {
    return [
        {
            id: "role-from-default-tags/bastion-group-and-source", rule: "ssh-only-from-bastion", verdict: "clean", providers: { "bastion-provider": byRole("bastion") },
            why: "The bastion's group is Role=bastion through its provider's defaultTags only: it may take SSH from the operator's /32, and the web group from it.",
            resources: [
                ...network(),
                group("bastion-sg", undefined, [block(22, ["203.0.113.10/32"], "operator")], "bastion-provider"),
                group("web-sg", "web", [{ ...block(22, [], "from bastion"), securityGroups: [ref("bastion-sg")] }]),
            ],
        },
        {
            id: "role-from-default-tags/db-group", rule: "db-port-from-app-tier-only", verdict: "violation", flagged: ["db-sg"], providers: { "db-provider": byRole("db") },
            why: "The database group is Role=db through its provider's defaultTags only, and admits 5432 from an outside range.",
            resources: [...network(), group("db-sg", undefined, [block(5432, ["203.0.113.0/24"], "postgres")], "db-provider")],
        },
        {
            id: "role-from-default-tags/app-group-source", rule: "db-port-from-app-tier-only", verdict: "clean", providers: { "app-provider": byRole("web") },
            why: "The source group is Role=web through its provider's defaultTags only: the application tier.",
            resources: [...network(), group("app-sg", undefined, [], "app-provider"), group("db-sg", "db", [{ ...block(5432, [], "postgres"), securityGroups: [ref("app-sg")] }])],
        },
        {
            id: "role-from-default-tags/bastion-instance", rule: "bastion-hardened", verdict: "violation", flagged: ["bastion-1"], providers: { "bastion-provider": byRole("bastion") },
            why: "The host is Role=bastion through its provider's defaultTags only, and its user data sets neither TMOUT nor an audit log.",
            resources: [...network(), group("bastion-sg", "bastion"), instance("bastion-1", "public-a", "bastion-sg", { provider: "bastion-provider", inputs: { userData: UNHARDENED } })],
        },
        {
            id: "role-from-default-tags/bastion-template", rule: "bastion-hardened", verdict: "violation", flagged: ["bastion-lt"], providers: { "bastion-provider": byRole("bastion") },
            why: "A launch template Role=bastion through its provider's defaultTags only, user data unhardened.",
            resources: [{ type: T.LaunchTemplate, name: "bastion-lt", provider: "bastion-provider", inputs: { imageId: "ami-0c1c30571d2dae5c9", instanceType: "t3.micro", userData: Buffer.from(UNHARDENED).toString("base64"), tags: tags("bastion-lt") } }],
        },
        {
            id: "role-from-default-tags/bastion-host-path", rule: "ssh-path-only-to-bastion", verdict: "clean", providers: { "bastion-provider": byRole("bastion") },
            why: "The only host reachable on 22 from outside is Role=bastion through its provider's defaultTags.",
            resources: [
                ...network(), group("bastion-sg", undefined, [block(22, ["203.0.113.10/32"], "operator")], "bastion-provider"),
                instance("bastion-1", "public-a", "bastion-sg", { provider: "bastion-provider", inputs: { associatePublicIpAddress: true } }),
            ],
        },
        {
            id: "tier-from-default-tags/internal-subnet-public-ip", rule: "no-public-ip-on-internal-hosts", verdict: "violation", flagged: ["data-1"], providers: { "data-provider": { tags: { Tier: "internal" } } },
            why: "The subnet is Tier=internal through its provider's defaultTags only (its route table even reaches the gateway); the host in it asks for a public IP.",
            resources: [...network({ dataProvider: "data-provider", dataRoutesToIgw: true }), group("data-sg", "db"), instance("data-1", "data-a", "data-sg", { inputs: { associatePublicIpAddress: true } })],
        },
    ];
}

// ---- hardening that never takes effect ---------------------------------------------------------

const TMOUT = "readonly TMOUT=600; export TMOUT";
const AUDIT = "PROMPT_COMMAND='logger -p local0.notice \"$(whoami) $(history 1)\"'";
const shell = (...lines: string[]) => ["#!/bin/bash", ...lines, ""].join("\n");
const cloudConfig = (files: { path: string; content: string }[], extra = "") =>
    `#cloud-config\n${extra}write_files:\n${files.map((f) => `  - path: ${f.path}\n    permissions: "0644"\n    content: |\n${f.content.split("\n").map((l) => `      ${l}`).join("\n")}\n`).join("")}`;

export const HardeningShapes: Record<string, { userData: string; hardened: boolean; why: string }> = {
    "comments-only": { userData: shell(`# ${TMOUT}`, `# ${AUDIT}`), hardened: false, why: "Both settings are commented out." },
    "heredoc-to-notes-file": { userData: shell("cat > /root/hardening-notes.txt <<'EOS'", TMOUT, AUDIT, "EOS"), hardened: false, why: "Written to a file no shell sources." },
    "echo-to-stdout": { userData: shell(`echo '${TMOUT}'`, `echo "${AUDIT.replace(/"/g, '\\"')}"`), hardened: false, why: "Printed to the boot log, set nowhere." },
    "boot-script-only": { userData: shell(`export ${TMOUT.replace("readonly ", "")}`, `export ${AUDIT}`), hardened: false, why: "Set in the boot script's own shell, which exits; no login shell sees them." },
    "profile-d-without-sh-suffix": { userData: shell("cat > /etc/profile.d/hardening <<'EOS'", TMOUT, AUDIT, "EOS"), hardened: false, why: "/etc/profile sources only *.sh files from /etc/profile.d." },
    "cloud-config-to-tmp": { userData: cloudConfig([{ path: "/tmp/hardening.sh", content: `${TMOUT}\n${AUDIT}` }]), hardened: false, why: "write_files to /tmp: nothing sources it." },
    "cloud-config-commented": { userData: cloudConfig([{ path: "/etc/profile.d/motd.sh", content: "echo welcome" }], `# bootcmd: [ "echo '${TMOUT}' >> /etc/profile.d/tmout.sh" ]\n# ${AUDIT}\n`), hardened: false, why: "Only YAML comments mention the settings." },
    "echo-appended-to-profile-d": { userData: shell(`echo '${TMOUT}' >> /etc/profile.d/tmout.sh`, `echo "${AUDIT.replace(/"/g, '\\"')}" >> /etc/bash.bashrc`), hardened: true, why: "Appended to files login and interactive shells source." },
    "cloud-config-to-profile-d": { userData: cloudConfig([{ path: "/etc/profile.d/tmout.sh", content: TMOUT }, { path: "/etc/profile.d/audit.sh", content: AUDIT }]), hardened: true, why: "write_files into /etc/profile.d/*.sh." },
};

function hardeningCases(): GeneratedCase[] {
    return Object.entries(HardeningShapes).map(([shape, s]) => ({
        id: `hardening-not-executed/${shape}`, rule: "bastion-hardened", verdict: s.hardened ? "clean" : "violation", ...(s.hardened ? {} : { flagged: ["bastion-1"] }), why: s.why,
        resources: [...network(), group("bastion-sg", "bastion"), instance("bastion-1", "public-a", "bastion-sg", { inputs: { userData: s.userData, tags: tags("bastion-1", { Role: "bastion" }) } })],
    }));
}

export function generatedCases(): GeneratedCase[] {
    return [...worldCases(), ...routeSplitCases(), ...optionRangeCases(), ...defaultTagCases(), ...hardeningCases()];
}
