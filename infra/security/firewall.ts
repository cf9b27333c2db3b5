import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Role, Tier } from "../../policies/vocabulary";
import { resourceName, tagsFor } from "../naming";

export const SSH_PORT = 22;

export interface FirewallArgs {
    prefix: string;
    vpcId: pulumi.Input<string>;
    operatorCidrs: string[];
    appPorts: number[];
    dbPort: number;
    egressCidrs: string[];
}

/** Where a rule's traffic comes from: another group (by reference, seed §7-3) or a CIDR. */
export type RuleSource = { group: Role; id: pulumi.Input<string> } | { cidr: string; label: string };

/** One ingress rule as planned: used to build it and by tests and the diagram. */
export interface IngressRulePlan {
    target: Role;
    port: number;
    source: RuleSource;
    description: string;
}

const TIER_OF: Record<Role, Tier> = { web: "public", db: "internal", bastion: "admin", "instance-connect-endpoint": "internal" };

/**
 * The security groups of seed 004 with their rules as separate resources, sources by group reference:
 * bastion: 22 from the operator only; web: app ports from anywhere, 22 from the bastion;
 * db: the db port from web only, 22 from the bastion.
 */
export class Firewall extends pulumi.ComponentResource {
    readonly groups: Record<"web" | "db" | "bastion", aws.ec2.SecurityGroup>;
    private readonly args: FirewallArgs;

    constructor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bastion-network:security:Firewall", name, {}, opts);
        this.args = args;
        const group = (role: "web" | "db" | "bastion", description: string) => {
            const n = resourceName(args.prefix, "sg", role);
            return new aws.ec2.SecurityGroup(n, { vpcId: args.vpcId, description, tags: tagsFor(n, { tier: TIER_OF[role], role }) }, { parent: this });
        };
        this.groups = {
            bastion: group("bastion", "Bastion: SSH from the operator only"),
            web: group("web", "Web tier: app ports from anywhere, SSH from the bastion"),
            db: group("db", "Database tier: db port from web, SSH from the bastion"),
        };
        for (const rule of planIngress(args, (role) => this.groups[role as "web" | "db" | "bastion"].id)) this.ingress(rule);
        for (const role of ["bastion", "web", "db"] as const) {
            args.egressCidrs.forEach((cidr, i) => {
                const n = resourceName(args.prefix, "sgr", role, "egress", String(i));
                new aws.vpc.SecurityGroupEgressRule(n, {
                    securityGroupId: this.groups[role].id,
                    ipProtocol: "-1",
                    cidrIpv4: cidr,
                    description: `${role} may connect out to ${cidr} (updates, packages)`,
                    tags: tagsFor(n, { tier: TIER_OF[role], role }),
                }, { parent: this });
            });
        }
        this.registerOutputs({ groupIds: { web: this.groups.web.id, db: this.groups.db.id, bastion: this.groups.bastion.id } });
    }

    /** Admits SSH to web and db from another legitimate source group (the Instance Connect endpoint). */
    allowSshFrom(source: { group: Role; id: pulumi.Input<string> }): void {
        for (const target of ["web", "db"] as const) {
            this.ingress({ target, port: SSH_PORT, source, description: `SSH from the ${source.group} security group` });
        }
    }

    private ingress(rule: IngressRulePlan): aws.vpc.SecurityGroupIngressRule {
        const from = "group" in rule.source ? rule.source.group : rule.source.label;
        const n = resourceName(this.args.prefix, "sgr", rule.target, String(rule.port), "from", from);
        return new aws.vpc.SecurityGroupIngressRule(n, {
            securityGroupId: this.groups[rule.target as "web" | "db" | "bastion"].id,
            ipProtocol: "tcp",
            fromPort: rule.port,
            toPort: rule.port,
            ...("group" in rule.source ? { referencedSecurityGroupId: rule.source.id } : { cidrIpv4: rule.source.cidr }),
            description: rule.description,
            tags: tagsFor(n, { tier: TIER_OF[rule.target], role: rule.target }),
        }, { parent: this });
    }
}

/** The ingress rules of the three groups, as data. `groupId` gives the id of a group by role. */
export function planIngress(args: Pick<FirewallArgs, "operatorCidrs" | "appPorts" | "dbPort">, groupId: (role: Role) => pulumi.Input<string>): IngressRulePlan[] {
    const bastion = { group: "bastion" as const, id: groupId("bastion") };
    return [
        ...args.operatorCidrs.map((cidr, i) => ({
            target: "bastion" as const,
            port: SSH_PORT,
            source: { cidr, label: `operator${i}` },
            description: `SSH from the operator at ${cidr} (their own address)`,
        })),
        ...args.appPorts.map((port) => ({
            target: "web" as const,
            port,
            source: { cidr: "0.0.0.0/0", label: "anywhere" },
            description: `App port ${port} from anywhere`,
        })),
        { target: "web", port: SSH_PORT, source: bastion, description: "SSH from the bastion security group" },
        { target: "db", port: args.dbPort, source: { group: "web", id: groupId("web") }, description: `Database port ${args.dbPort} from the web security group` },
        { target: "db", port: SSH_PORT, source: bastion, description: "SSH from the bastion security group" },
    ];
}
