/**
 * The security groups of one synthetic cell and their rules, in every form a real stack holds
 * them: inline `ingress`/`egress` (with SG references among them), standalone
 * `aws.vpc.SecurityGroupIngressRule`/`EgressRule` (CIDR, IPv6 and `referencedSecurityGroupId`),
 * and legacy `aws.ec2.SecurityGroupRule` (`cidrBlocks`, `sourceSecurityGroupId`, `self`).
 * Every SG-to-SG reference is also recorded in `propertyDependencies`, which is how a rule
 * resolves a group id that is still unknown during a preview.
 */
import { ResourceSnapshot, WireValue } from "../offline/snapshot";
import { StackBuilder } from "./resource-builder";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const VPC_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const EC2_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const WORLD = "0.0.0.0/0";
const OFFICE = "203.0.113.0/24";

export interface SecurityGroups {
    bastion: ResourceSnapshot;
    eice: ResourceSnapshot;
    web: ResourceSnapshot;
    app: ResourceSnapshot;
    db: ResourceSnapshot;
    cache: ResourceSnapshot;
    legacy: ResourceSnapshot;
    mgmt: ResourceSnapshot;
}

interface InlineRule {
    protocol: string;
    fromPort: number;
    toPort: number;
    cidrBlocks?: string[];
    securityGroups?: ResourceSnapshot[];
    self?: boolean;
    description?: string;
}

/** The provider fills every field of an inline rule in outputs; inputs keep only what was set. */
function inline(rules: InlineRule[], full: boolean): WireValue[] {
    return rules.map((r) => {
        const groups = (r.securityGroups ?? []).map((g) => g.id);
        const set = {
            protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort,
            ...(r.cidrBlocks ? { cidrBlocks: r.cidrBlocks } : {}), ...(groups.length ? { securityGroups: groups } : {}),
            ...(r.self ? { self: true } : {}), ...(r.description ? { description: r.description } : {}),
        };
        return full
            ? { cidrBlocks: [], description: "", ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], self: false, ...set }
            : set;
    });
}

export function addSecurityGroups(
    b: StackBuilder, prefix: string, vpc: ResourceSnapshot, flawed: boolean, o: { parent: ResourceSnapshot },
): SecurityGroups {
    const vpcCidr = String(vpc.inputs.cidrBlock);
    const group = (role: string, tier: string, ingress: InlineRule[] = [], egress: InlineRule[] = []) => {
        const name = `${prefix}-sg-${role}`;
        const inRefs = ingress.flatMap((r) => r.securityGroups ?? []);
        const outRefs = egress.flatMap((r) => r.securityGroups ?? []);
        const inputs: Record<string, WireValue> = {
            vpcId: vpc.id, name, description: `${role} hosts`, revokeRulesOnDelete: true,
            tags: { Name: name, Tier: tier, ...(isRole(role) ? { Role: role === "eice" ? "instance-connect-endpoint" : role } : {}) },
        };
        if (ingress.length) inputs.ingress = inline(ingress, false);
        if (egress.length) inputs.egress = inline(egress, false);
        return b.add(SG, name, inputs, {
            ...o, idPrefix: "sg",
            deps: { vpcId: [vpc], ...(inRefs.length ? { ingress: inRefs } : {}), ...(outRefs.length ? { egress: outRefs } : {}) },
            outputs: { ingress: inline(ingress, true), egress: inline(egress, true), arn: b.arn("ec2", `security-group/${name}`), ownerId: "123456789012" },
        });
    };

    const bastion = group("bastion", "admin");
    const eice = group("eice", "admin");
    const web = group("web", "public");
    const app = group("app", "internal");
    const db = group("db", "internal");
    const cache = group("cache", "internal");
    const legacy = group("legacy", "internal",
        flawed
            ? [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [WORLD], description: "temporary" }]
            : [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [vpcCidr] }, { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [WORLD] }],
        [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [WORLD] }]);
    const mgmt = group("mgmt", "admin",
        [{ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: [bastion] }, { protocol: "tcp", fromPort: 9100, toPort: 9100, self: true }],
        [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [WORLD] }]);

    let n = 0;
    const vpcRule = (type: string, sg: ResourceSnapshot, proto: string, port: number, source: { cidr?: string; cidr6?: string; ref?: ResourceSnapshot }) => {
        const ports = proto === "-1" ? {} : { fromPort: port, toPort: port };
        const inputs: Record<string, WireValue> = {
            securityGroupId: sg.id, ipProtocol: proto, ...ports, description: `rule ${n}`,
            ...(source.cidr ? { cidrIpv4: source.cidr } : {}), ...(source.cidr6 ? { cidrIpv6: source.cidr6 } : {}),
            ...(source.ref ? { referencedSecurityGroupId: source.ref.id } : {}),
        };
        const id = `sgr-${b.hex(17)}`;
        b.add(type, `${sg.name}-${type === VPC_INGRESS ? "in" : "out"}-${n++}`, inputs, {
            ...o, id, deps: { securityGroupId: [sg], ...(source.ref ? { referencedSecurityGroupId: [source.ref] } : {}) },
            outputs: { arn: b.arn("ec2", `security-group-rule/${id}`), securityGroupRuleId: id },
        });
    };
    const ec2Rule = (type: "ingress" | "egress", sg: ResourceSnapshot, proto: string, from: number, to: number, source: { cidrs?: string[]; sg?: ResourceSnapshot; self?: boolean }) => {
        const inputs: Record<string, WireValue> = {
            type, securityGroupId: sg.id, protocol: proto, fromPort: from, toPort: to, description: `rule ${n}`,
            ...(source.cidrs ? { cidrBlocks: source.cidrs } : {}), ...(source.sg ? { sourceSecurityGroupId: source.sg.id } : {}),
            ...(source.self ? { self: true } : {}),
        };
        b.add(EC2_RULE, `${sg.name}-rule-${n++}`, inputs, {
            ...o, id: `sgrule-${parseInt(b.hex(8), 16)}`,
            deps: { securityGroupId: [sg], ...(source.sg ? { sourceSecurityGroupId: [source.sg] } : {}) },
            outputs: { securityGroupRuleId: `sgr-${b.hex(17)}`, self: source.self ?? false },
        });
    };

    vpcRule(VPC_INGRESS, bastion, "tcp", 22, { cidr: flawed ? WORLD : OFFICE });
    vpcRule(VPC_EGRESS, bastion, "tcp", 22, { cidr: vpcCidr });
    vpcRule(VPC_EGRESS, eice, "tcp", 22, { ref: app });
    vpcRule(VPC_INGRESS, web, "tcp", 443, { cidr: WORLD });
    vpcRule(VPC_INGRESS, web, "tcp", 443, { cidr6: "::/0" });
    ec2Rule("ingress", web, "tcp", 80, 80, { cidrs: [WORLD] });
    vpcRule(VPC_INGRESS, web, "tcp", 22, { ref: bastion });
    vpcRule(VPC_EGRESS, web, "-1", 0, { cidr: WORLD });
    ec2Rule("ingress", app, "tcp", 8080, 8080, { sg: web });
    vpcRule(VPC_INGRESS, app, "tcp", 22, { ref: eice });
    ec2Rule("ingress", app, "-1", 0, 0, { self: true });
    vpcRule(VPC_EGRESS, app, "tcp", 443, { cidr: WORLD });
    ec2Rule("ingress", db, "tcp", 5432, 5432, { sg: app });
    vpcRule(VPC_INGRESS, db, "tcp", 22, { ref: bastion });
    vpcRule(VPC_INGRESS, cache, "tcp", 6379, { ref: app });
    ec2Rule("egress", cache, "-1", 0, 0, { cidrs: [WORLD] });
    if (flawed) {
        // The mistakes a reviewer would flag: SSH to the app tier from anywhere, and a standalone
        // rule on a group that also has inline rules (the two overwrite each other on update).
        ec2Rule("ingress", app, "tcp", 0, 65535, { cidrs: [WORLD] });
        vpcRule(VPC_INGRESS, legacy, "tcp", 3389, { cidr: WORLD });
        vpcRule(VPC_INGRESS, db, "tcp", 5432, { cidr: WORLD });
    }
    return { bastion, eice, web, app, db, cache, legacy, mgmt };
}

function isRole(role: string): boolean {
    return role === "bastion" || role === "eice" || role === "web" || role === "db";
}
