/**
 * A hand-built snapshot of the three-tier network for the reachability specs, written the way the engine
 * records it: after an update (ids known, references by id) or as a preview (ids unknown, references
 * only through propertyDependencies). Variants switch on the web modes, the Instance Connect endpoint
 * and the mutations the specs need; `extra` adds resources.
 */
import { queryPath, Reachability, ReachabilityRow } from "../../../policies/reachability";
import { ResourceSnapshot, StackSnapshot, UNKNOWN } from "../../../offline/snapshot";

export const TY = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    igw: "aws:ec2/internetGateway:InternetGateway",
    nat: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    rt: "aws:ec2/routeTable:RouteTable",
    route: "aws:ec2/route:Route",
    rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    mainRta: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    legacy: "aws:ec2/securityGroupRule:SecurityGroupRule",
    prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
    nacl: "aws:ec2/networkAcl:NetworkAcl",
    naclRule: "aws:ec2/networkAclRule:NetworkAclRule",
    instance: "aws:ec2/instance:Instance",
    eni: "aws:ec2/networkInterface:NetworkInterface",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    eice: "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
} as const;

const STACK = "urn:pulumi:dev::bastion-network::";
export const urn = (type: string, name: string) => `${STACK}${type}::${name}`;

/** A reference from `prop` to the resource `name` of `type` (by id after an update, by dependency in a preview). */
export interface Link { prop: string; type: string; name: string; list?: boolean; nested?: boolean }
export const link = (prop: string, type: string, name: string, more: Partial<Link> = {}): Link => ({ prop, type, name, ...more });

export class Builder {
    readonly resources: ResourceSnapshot[] = [];
    constructor(readonly preview: boolean) {}

    idOf(name: string): string {
        return this.preview ? UNKNOWN : `${name}-id`;
    }

    add(type: string, name: string, props: Record<string, unknown>, links: Link[] = [], computed: Record<string, unknown> = {}): ResourceSnapshot {
        const inputs: Record<string, unknown> = { ...props };
        const propertyDependencies: Record<string, string[]> = {};
        for (const k of Object.keys(props)) propertyDependencies[k] = [];
        for (const l of links) {
            propertyDependencies[l.prop] = [...(propertyDependencies[l.prop] ?? []), urn(l.type, l.name)];
            if (l.nested) continue;
            const v = this.idOf(l.name);
            inputs[l.prop] = l.list ? [...((inputs[l.prop] as unknown[]) ?? []), v] : v;
        }
        const id = this.idOf(name);
        const outputs: Record<string, unknown> = { ...inputs, id };
        for (const [k, v] of Object.entries(computed)) outputs[k] = this.preview ? UNKNOWN : v;
        const r: ResourceSnapshot = { urn: urn(type, name), type, name, custom: true, id, inputs, outputs, dependencies: [...new Set(Object.values(propertyDependencies).flat())], propertyDependencies };
        this.resources.push(r);
        return r;
    }

    get(name: string): ResourceSnapshot {
        const r = this.resources.find((x) => x.name === name);
        if (!r) throw new Error(`fixture has no ${name}`);
        return r;
    }

    remove(name: string): void {
        this.resources.splice(this.resources.indexOf(this.get(name)), 1);
    }

    snapshot(): StackSnapshot {
        return { project: "bastion-network", stack: "dev", source: this.preview ? "offline-preview" : "offline-update", resources: this.resources };
    }
}

export interface NetworkOptions {
    preview?: boolean;
    /** How the internet reaches the web tier: nothing, its own Elastic IP, or a load balancer. */
    web?: "none" | "eip" | "alb";
    instanceConnect?: boolean;
}

export const OPERATOR = "203.0.113.10/32";

/** The three-tier network: public, internal and admin subnets; web, db and bastion with the stack's rules. */
export function seedNetwork(o: NetworkOptions = {}): Builder {
    const b = new Builder(o.preview ?? false);
    const vpc = link("vpcId", TY.vpc, "vpc");
    b.add(TY.vpc, "vpc", { cidrBlock: "10.0.0.0/24", tags: { Name: "t-vpc" } });
    const subnet = (name: string, cidr: string, tier: string) => b.add(TY.subnet, name, { cidrBlock: cidr, mapPublicIpOnLaunch: false, tags: { Name: `t-subnet-${name}`, Tier: tier } }, [vpc]);
    subnet("public", "10.0.0.0/26", "public");
    subnet("public-c", "10.0.0.64/26", "public");
    subnet("internal", "10.0.0.128/27", "internal");
    subnet("admin", "10.0.0.160/27", "admin");
    b.add(TY.igw, "igw", { tags: { Name: "t-igw" } }, [vpc]);
    b.add(TY.eip, "eip-nat", { domain: "vpc" }, [], { publicIp: "198.51.100.1" });
    b.add(TY.nat, "nat", { tags: { Name: "t-nat" } }, [link("allocationId", TY.eip, "eip-nat"), link("subnetId", TY.subnet, "public")]);
    const table = (name: string, gw: { prop: "gatewayId" | "natGatewayId"; type: string; name: string }, members: string[]) => {
        b.add(TY.rt, name, { routes: [{ cidrBlock: "0.0.0.0/0", [gw.prop]: b.idOf(gw.name) }], tags: { Name: `t-${name}` } }, [vpc, link("routes", gw.type, gw.name, { nested: true })]);
        for (const m of members) b.add(TY.rta, `${m}-rta`, {}, [link("subnetId", TY.subnet, m), link("routeTableId", TY.rt, name)]);
    };
    table("rt-public", { prop: "gatewayId", type: TY.igw, name: "igw" }, ["public", "public-c"]);
    table("rt-admin", { prop: "gatewayId", type: TY.igw, name: "igw" }, ["admin"]);
    table("rt-internal", { prop: "natGatewayId", type: TY.nat, name: "nat" }, ["internal"]);
    for (const role of ["web", "db", "bastion"]) b.add(TY.sg, `sg-${role}`, { description: role, tags: { Name: `t-sg-${role}`, Role: role } }, [vpc]);
    const rule = (name: string, sg: string, port: number, source: { cidr: string } | { group: string }) =>
        b.add(TY.ingress, name, { ipProtocol: "tcp", fromPort: port, toPort: port, ...("cidr" in source ? { cidrIpv4: source.cidr } : {}), tags: { Name: `t-${name}` } },
            [link("securityGroupId", TY.sg, sg), ...("group" in source ? [link("referencedSecurityGroupId", TY.sg, source.group)] : [])]);
    rule("bastion-22-from-operator", "sg-bastion", 22, { cidr: OPERATOR });
    rule("web-8080-from-anywhere", "sg-web", 8080, { cidr: "0.0.0.0/0" });
    rule("web-22-from-bastion", "sg-web", 22, { group: "sg-bastion" });
    rule("db-3306-from-web", "sg-db", 3306, { group: "sg-web" });
    rule("db-22-from-bastion", "sg-db", 22, { group: "sg-bastion" });
    for (const role of ["web", "db", "bastion"]) b.add(TY.egress, `${role}-egress`, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, [link("securityGroupId", TY.sg, `sg-${role}`)]);
    const host = (role: string, subnetName: string, ip: string, tier: string) =>
        b.add(TY.instance, role, { associatePublicIpAddress: false, tags: { Name: `t-ec2-${role}`, Role: role, Tier: tier } }, [link("subnetId", TY.subnet, subnetName), link("vpcSecurityGroupIds", TY.sg, `sg-${role}`, { list: true })], { privateIp: ip, publicIp: "" });
    host("web", "public", "10.0.0.10", "public");
    host("db", "internal", "10.0.0.140", "internal");
    host("bastion", "admin", "10.0.0.170", "admin");
    b.add(TY.eip, "eip-bastion", { domain: "vpc" }, [link("instance", TY.instance, "bastion")], { publicIp: "203.0.113.72" });
    if (o.web === "eip") b.add(TY.eip, "eip-web", { domain: "vpc" }, [link("instance", TY.instance, "web")], { publicIp: "203.0.113.80" });
    if (o.web === "alb") {
        b.add(TY.sg, "sg-alb", { tags: { Name: "t-sg-alb", Role: "alb" } }, [vpc]);
        b.add(TY.ingress, "alb-80-from-anywhere", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }, [link("securityGroupId", TY.sg, "sg-alb")]);
        b.add(TY.egress, "alb-to-web", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080 }, [link("securityGroupId", TY.sg, "sg-alb"), link("referencedSecurityGroupId", TY.sg, "sg-web")]);
        b.add(TY.ingress, "web-8080-from-alb", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080 }, [link("securityGroupId", TY.sg, "sg-web"), link("referencedSecurityGroupId", TY.sg, "sg-alb")]);
        b.remove("web-8080-from-anywhere");
        b.add(TY.lb, "alb", { internal: false, loadBalancerType: "application", tags: { Name: "t-alb" } }, [
            link("subnets", TY.subnet, "public", { list: true }), link("subnets", TY.subnet, "public-c", { list: true }), link("securityGroups", TY.sg, "sg-alb", { list: true }),
        ]);
        b.add(TY.listener, "alb-80", { port: 80, protocol: "HTTP" }, [link("loadBalancerArn", TY.lb, "alb")]);
    }
    if (o.instanceConnect) {
        b.add(TY.sg, "sg-eice", { tags: { Name: "t-sg-eice", Role: "instance-connect-endpoint" } }, [vpc]);
        for (const role of ["web", "db"]) {
            b.add(TY.egress, `eice-to-${role}`, { ipProtocol: "tcp", fromPort: 22, toPort: 22 }, [link("securityGroupId", TY.sg, "sg-eice"), link("referencedSecurityGroupId", TY.sg, `sg-${role}`)]);
            rule(`${role}-22-from-eice`, `sg-${role}`, 22, { group: "sg-eice" });
        }
        b.add(TY.eice, "eice", { preserveClientIp: false, tags: { Name: "t-eice", Role: "instance-connect-endpoint" } }, [link("subnetId", TY.subnet, "internal"), link("securityGroupIds", TY.sg, "sg-eice", { list: true })]);
    }
    return b;
}

/** `queryPath` by label: `bastion` finds `t-ec2-bastion`, `alb` finds `t-alb`, `internet` the internet. */
export function ask(m: Reachability, from: string, to: string, protocol: string, port?: number): ReachabilityRow {
    const id = (label: string) => {
        const e = m.endpoints.find((x) => x.label === label || x.label === `t-ec2-${label}` || x.label === `t-${label}` || x.id === label);
        if (!e) throw new Error(`no endpoint ${label} among ${m.endpoints.map((x) => x.label).join(", ")}`);
        return e.id;
    };
    return queryPath(m, id(from), id(to), protocol, port);
}
