import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tier } from "../../policies/vocabulary";
import { NatStrategy } from "../config";
import { resourceName, shortAz, tagsFor } from "../naming";
import { FlowLogs } from "./flow-logs";
import { PlannedSubnet } from "./plan";

export interface NetworkArgs {
    prefix: string;
    region: string;
    vpcCidr: string;
    subnets: PlannedSubnet[];
    nat: NatStrategy;
    flowLogs: { enabled: boolean; retentionDays: number };
}

export interface NetworkSubnet {
    plan: PlannedSubnet;
    name: string;
    subnet: aws.ec2.Subnet;
}

/**
 * The three-tier VPC: subnets per tier, an internet gateway, NAT, a route table per tier,
 * the default security group emptied and flow logs on. Only wiring: the plan is already made.
 */
export class Network extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    readonly subnets: NetworkSubnet[];
    readonly internetGateway: aws.ec2.InternetGateway;
    readonly natGateways: aws.ec2.NatGateway[];
    readonly routeTables: aws.ec2.RouteTable[];
    /** The way out of every subnet: what a host must not boot before (its apt needs it). */
    readonly wayOut: pulumi.Resource[] = [];
    readonly vpcId: pulumi.Output<string>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bastion-network:network:Network", name, {}, opts);
        const p = args.prefix;
        const child = { parent: this };
        const az = (zone: string) => shortAz(zone, args.region);

        this.vpc = new aws.ec2.Vpc(resourceName(p, "vpc"), {
            cidrBlock: args.vpcCidr,
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: tagsFor(resourceName(p, "vpc")),
        }, child);
        this.vpcId = this.vpc.id;

        // Rules of the default group would apply to anything launched without a group: keep it empty.
        new aws.ec2.DefaultSecurityGroup(resourceName(p, "sg", "default"), {
            vpcId: this.vpc.id,
            tags: tagsFor(resourceName(p, "sg", "default")),
        }, child);

        this.subnets = args.subnets.map((plan) => {
            const name = resourceName(p, "subnet", plan.tier, az(plan.az));
            const subnet = new aws.ec2.Subnet(name, {
                vpcId: this.vpc.id,
                cidrBlock: plan.cidr,
                availabilityZone: plan.az,
                // No host gets a public address by accident; the bastion's comes from an Elastic IP.
                mapPublicIpOnLaunch: false,
                tags: tagsFor(name, { tier: plan.tier }),
            }, child);
            return { plan, name, subnet };
        });

        this.internetGateway = new aws.ec2.InternetGateway(resourceName(p, "igw"), {
            vpcId: this.vpc.id,
            tags: tagsFor(resourceName(p, "igw")),
        }, child);
        this.wayOut.push(this.internetGateway);

        const publics = this.subnets.filter((s) => s.plan.tier === "public");
        const internals = this.subnets.filter((s) => s.plan.tier === "internal");
        const natAzs = args.nat === "none" ? [] : args.nat === "single" ? [internals[0].plan.az] : [...new Set(internals.map((s) => s.plan.az))];
        const natByAz = new Map<string, aws.ec2.NatGateway>();
        for (const zone of natAzs) {
            // Single NAT: in the public subnet of the internal subnet's AZ, else the first public one.
            const home = publics.find((s) => s.plan.az === zone) ?? publics[0];
            const eip = new aws.ec2.Eip(resourceName(p, "eip", "nat", az(home.plan.az)), {
                domain: "vpc",
                tags: tagsFor(resourceName(p, "eip", "nat", az(home.plan.az)), { tier: "public" }),
            }, { ...child, dependsOn: [this.internetGateway] });
            const nat = new aws.ec2.NatGateway(resourceName(p, "nat", "public", az(home.plan.az)), {
                allocationId: eip.allocationId,
                subnetId: home.subnet.id,
                tags: tagsFor(resourceName(p, "nat", "public", az(home.plan.az)), { tier: "public" }),
            }, { ...child, dependsOn: [this.internetGateway] });
            natByAz.set(zone, nat);
            this.wayOut.push(eip, nat);
        }
        this.natGateways = [...natByAz.values()];

        const table = (name: string, tier: Tier, routes: aws.types.input.ec2.RouteTableRoute[], members: NetworkSubnet[]) => {
            const rt = new aws.ec2.RouteTable(name, {
                vpcId: this.vpc.id,
                routes,
                tags: tagsFor(name, { tier }),
            }, child);
            for (const m of members) {
                this.wayOut.push(new aws.ec2.RouteTableAssociation(`${m.name}-rta`, { subnetId: m.subnet.id, routeTableId: rt.id }, child));
            }
            this.wayOut.push(rt);
            return rt;
        };
        const toIgw = [{ cidrBlock: "0.0.0.0/0", gatewayId: this.internetGateway.id }];
        this.routeTables = [
            table(resourceName(p, "rt", "public"), "public", toIgw, publics),
            table(resourceName(p, "rt", "admin"), "admin", toIgw, this.subnets.filter((s) => s.plan.tier === "admin")),
        ];
        // Internal subnets never route to the internet gateway: out through NAT, or nowhere.
        if (args.nat === "perAz") {
            for (const [zone, nat] of natByAz) {
                const members = internals.filter((s) => s.plan.az === zone);
                this.routeTables.push(table(resourceName(p, "rt", "internal", az(zone)), "internal", [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], members));
            }
        } else {
            const nat = this.natGateways[0];
            const routes = nat ? [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] : [];
            this.routeTables.push(table(resourceName(p, "rt", "internal"), "internal", routes, internals));
        }

        if (args.flowLogs.enabled) {
            new FlowLogs(resourceName(p, "flowlogs"), { prefix: p, vpcId: this.vpc.id, retentionDays: args.flowLogs.retentionDays }, child);
        }

        this.registerOutputs({ vpcId: this.vpc.id });
    }

    /** The first subnet of a tier (hosts go there). */
    first(tier: Tier): NetworkSubnet {
        const found = this.subnets.find((s) => s.plan.tier === tier);
        if (!found) throw new Error(`no ${tier} subnet in the plan`); // unreachable: the validator requires each tier
        return found;
    }
}
