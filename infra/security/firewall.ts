import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Role, Tier } from "../../policies/vocabulary";
import { resourceName, tagsFor } from "../naming";

export const SSH_PORT = 22;
export const HTTP_PORT = 80;
export const HTTPS_PORT = 443;

/** How the web tier is reached (config `webAccess`): its own Elastic IP, a load balancer, or not at all. */
export type WebEntry = { mode: "eip" | "none" } | { mode: "alb"; https: boolean };

export interface FirewallArgs {
    prefix: string;
    vpcId: pulumi.Input<string>;
    operatorCidrs: string[];
    appPorts: number[];
    dbPort: number;
    egressCidrs: string[];
    web: WebEntry;
}

/** A security group of the stack: a host role's, or the load balancer's (which has no Role tag: it is no host). */
export type GroupName = Role | "alb";

/** Where a rule's traffic comes from: another group (by reference: it matches the private IPs of that group's members) or a CIDR. */
export type RuleSource = { group: GroupName; id: pulumi.Input<string> } | { cidr: string; label: string };

/** One ingress rule as planned: used to build it and by tests and the diagram. */
export interface IngressRulePlan {
    target: GroupName;
    port: number;
    source: RuleSource;
    description: string;
}

const TIER_OF: Record<GroupName, Tier> = { web: "public", db: "internal", bastion: "admin", "instance-connect-endpoint": "internal", alb: "public" };

function groupTags(name: string, group: GroupName): Record<string, string> {
    return group === "alb" ? tagsFor(name, { tier: TIER_OF.alb }) : tagsFor(name, { tier: TIER_OF[group], role: group });
}

/**
 * The three tiers' security groups with their rules as separate resources, sources by group reference:
 * bastion: 22 from the operator only; web: app ports from anywhere (or, behind a load balancer, from
 * the load balancer's group only), 22 from the bastion; db: the db port from web only, 22 from the bastion.
 */
export class Firewall extends pulumi.ComponentResource {
    readonly groups: Record<"web" | "db" | "bastion", aws.ec2.SecurityGroup>;
    /** The load balancer's group (webAccess: alb): 80, and 443 with a certificate, from anywhere. */
    readonly albGroup?: aws.ec2.SecurityGroup;
    private readonly args: FirewallArgs;

    constructor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bastion-network:security:Firewall", name, {}, opts);
        this.args = args;
        const group = (role: "web" | "db" | "bastion" | "alb", description: string) => {
            const n = resourceName(args.prefix, "sg", role);
            return new aws.ec2.SecurityGroup(n, { vpcId: args.vpcId, description, tags: groupTags(n, role) }, { parent: this });
        };
        const behindAlb = args.web.mode === "alb";
        this.groups = {
            bastion: group("bastion", "Bastion: SSH from the operator only"),
            web: group("web", behindAlb ? "Web tier: app ports from the load balancer, SSH from the bastion" : "Web tier: app ports from anywhere, SSH from the bastion"),
            db: group("db", "Database tier: db port from web, SSH from the bastion"),
        };
        if (behindAlb) this.albGroup = group("alb", "Load balancer: HTTP(S) from anywhere, out to the web hosts app ports");
        for (const rule of planIngress(args, (g) => this.groupOf(g).id)) this.ingress(rule);
        if (this.albGroup) {
            // The load balancer may talk to the web hosts' app ports and nothing else.
            for (const port of args.appPorts) {
                const n = resourceName(args.prefix, "sgr", "alb", "egress", "web", String(port));
                new aws.vpc.SecurityGroupEgressRule(n, {
                    securityGroupId: this.albGroup.id,
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    referencedSecurityGroupId: this.groups.web.id,
                    description: `Load balancer to the web hosts on app port ${port}`,
                    tags: groupTags(n, "alb"),
                }, { parent: this });
            }
        }
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

    private groupOf(g: GroupName): aws.ec2.SecurityGroup {
        const found = g === "alb" ? this.albGroup : g === "instance-connect-endpoint" ? undefined : this.groups[g];
        if (!found) throw new Error(`no ${g} security group in this firewall`); // a wiring bug, not a config error
        return found;
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
            securityGroupId: this.groupOf(rule.target).id,
            ipProtocol: "tcp",
            fromPort: rule.port,
            toPort: rule.port,
            ...("group" in rule.source ? { referencedSecurityGroupId: rule.source.id } : { cidrIpv4: rule.source.cidr }),
            description: rule.description,
            tags: groupTags(n, rule.target),
        }, { parent: this });
    }
}

/** The ingress rules of the groups, as data. `groupId` gives the id of a group by name. */
export function planIngress(args: Pick<FirewallArgs, "operatorCidrs" | "appPorts" | "dbPort" | "web">, groupId: (group: GroupName) => pulumi.Input<string>): IngressRulePlan[] {
    const bastion = { group: "bastion" as const, id: groupId("bastion") };
    const anywhere = { cidr: "0.0.0.0/0", label: "anywhere" };
    const web: IngressRulePlan[] = args.web.mode === "alb"
        ? [
            ...args.appPorts.map((port) => ({ target: "web" as const, port, source: { group: "alb" as const, id: groupId("alb") }, description: `App port ${port} from the load balancer security group` })),
            { target: "alb", port: HTTP_PORT, source: anywhere, description: "HTTP from anywhere to the load balancer" },
            ...(args.web.https ? [{ target: "alb" as const, port: HTTPS_PORT, source: anywhere, description: "HTTPS from anywhere to the load balancer" }] : []),
        ]
        : args.appPorts.map((port) => ({ target: "web" as const, port, source: anywhere, description: `App port ${port} from anywhere` }));
    return [
        ...args.operatorCidrs.map((cidr, i) => ({
            target: "bastion" as const,
            port: SSH_PORT,
            source: { cidr, label: `operator${i}` },
            description: `SSH from the operator at ${cidr} (their own address)`,
        })),
        ...web,
        { target: "web", port: SSH_PORT, source: bastion, description: "SSH from the bastion security group" },
        { target: "db", port: args.dbPort, source: { group: "web", id: groupId("web") }, description: `Database port ${args.dbPort} from the web security group` },
        { target: "db", port: SSH_PORT, source: bastion, description: "SSH from the bastion security group" },
    ];
}
