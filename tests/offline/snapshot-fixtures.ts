/**
 * Hand-made snapshots for the offline specs: a small bastion network written the way the engine
 * records it, once with ids known (an update) and once as a preview (ids unknown, links only through
 * propertyDependencies). One builder, so every spec reads the same network.
 */
import { ResourceSnapshot, SECRET_SIG, SECRET_SIG_KEY, StackSnapshot, UNKNOWN } from "../../offline/snapshot";

const STACK = "urn:pulumi:test::fixture::";
const ROOT = `${STACK}pulumi:pulumi:Stack::fixture-test`;

interface Link { prop: string; target: string; id: string }

function resource(type: string, name: string, props: Record<string, unknown>, links: Link[], preview: boolean): ResourceSnapshot {
    const inputs: Record<string, unknown> = { ...props };
    const propertyDependencies: Record<string, string[]> = {};
    for (const l of links) {
        const target = `${STACK}${l.target}`;
        propertyDependencies[l.prop] = [...(propertyDependencies[l.prop] ?? []), target];
        const value = preview ? UNKNOWN : l.id;
        // a nested value (route entries) keeps its own shape; only its dependency is recorded
        if (l.prop === "routes") continue;
        inputs[l.prop] = l.prop === "vpcSecurityGroupIds" ? [...((inputs[l.prop] as unknown[]) ?? []), value] : value;
    }
    const id = preview ? UNKNOWN : `${name}-id`;
    return {
        urn: `${STACK}${type}::${name}`,
        type,
        name,
        custom: true,
        id,
        inputs,
        outputs: { ...inputs, id },
        parent: ROOT,
        dependencies: [...new Set(Object.values(propertyDependencies).flat())],
        propertyDependencies,
    };
}

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const link = (prop: string, type: string, name: string): Link => ({ prop, target: `${type}::${name}`, id: `${name}-id` });

/** The fixture network: VPC, public and admin subnets, IGW, NAT, web and bastion behind their groups. */
export function fixtureSnapshot(preview = false): StackSnapshot {
    const r = (type: string, name: string, props: Record<string, unknown>, links: Link[] = []) => resource(type, name, props, links, preview);
    const resources: ResourceSnapshot[] = [
        { urn: ROOT, type: "pulumi:pulumi:Stack", name: "fixture-test", custom: false, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} },
        r(VPC, "vpc", { cidrBlock: "10.0.0.0/24", tags: { Name: "fx-vpc" } }),
        r(SUBNET, "public-a", { cidrBlock: "10.0.0.0/26", availabilityZone: "ap-northeast-2a", tags: { Name: "fx-subnet-public-2a", Tier: "public" } }, [link("vpcId", VPC, "vpc")]),
        r(SUBNET, "admin-c", { cidrBlock: "10.0.0.160/27", availabilityZone: "ap-northeast-2c", tags: { Name: "fx-subnet-admin-2c", Tier: "admin" } }, [link("vpcId", VPC, "vpc")]),
        r("aws:ec2/internetGateway:InternetGateway", "igw", { tags: { Name: "fx-igw" } }, [link("vpcId", VPC, "vpc")]),
        r("aws:ec2/natGateway:NatGateway", "nat", { tags: { Name: "fx-nat" } }, [link("subnetId", SUBNET, "public-a")]),
        r("aws:ec2/routeTable:RouteTable", "rt-public", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: preview ? UNKNOWN : "igw-id" }] }, [
            link("vpcId", VPC, "vpc"),
            link("routes", "aws:ec2/internetGateway:InternetGateway", "igw"),
        ]),
        r("aws:ec2/routeTableAssociation:RouteTableAssociation", "rta-public-a", {}, [
            link("subnetId", SUBNET, "public-a"),
            link("routeTableId", "aws:ec2/routeTable:RouteTable", "rt-public"),
        ]),
        r(SG, "sg-web", { name: "fx-sg-web", tags: { Role: "web", Tier: "public" } }, [link("vpcId", VPC, "vpc")]),
        r(SG, "sg-bastion", { name: "fx-sg-bastion", tags: { Role: "bastion", Tier: "admin" } }, [link("vpcId", VPC, "vpc")]),
        r(RULE, "web-http", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "0.0.0.0/0" }, [link("securityGroupId", SG, "sg-web")]),
        r(RULE, "web-ssh", { ipProtocol: "tcp", fromPort: 22, toPort: 22 }, [link("securityGroupId", SG, "sg-web"), link("referencedSecurityGroupId", SG, "sg-bastion")]),
        r(RULE, "bastion-ssh", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "203.0.113.10/32" }, [link("securityGroupId", SG, "sg-bastion")]),
        r("aws:ec2/instance:Instance", "web", { tags: { Name: "fx-ec2-web-2a", Role: "web" } }, [link("subnetId", SUBNET, "public-a"), link("vpcSecurityGroupIds", SG, "sg-web")]),
        r("aws:ec2/instance:Instance", "bastion", { tags: { Name: "fx-ec2-bastion-2c", Role: "bastion" } }, [link("subnetId", SUBNET, "admin-c"), link("vpcSecurityGroupIds", SG, "sg-bastion")]),
    ];
    if (!preview) {
        resources.find((x) => x.name === "web")!.outputs.privateIp = "10.0.0.10";
        resources.find((x) => x.name === "bastion")!.outputs.privateIp = "10.0.0.170";
        resources[0].outputs = { sshConfig: "Host fx-bastion\n    HostName 203.0.113.5\n", token: { [SECRET_SIG_KEY]: SECRET_SIG, value: "s3cret" } };
    }
    return { project: "fixture", stack: "test", source: preview ? "offline-preview" : "offline-update", resources };
}

/** Copies of the shared corpus of real stack exports (see its README), kept in the repo so a fresh clone can test. */
export const CORPUS_DIR = `${__dirname}/fixtures/corpus`;
