/**
 * Deterministic synthetic AWS stacks of any size, for timing policy packs.
 *
 * A stack is a run of "cells", each one VPC with what a real three-tier deployment puts in it:
 * public and private subnets, route tables and associations, an internet gateway, a flow log,
 * a key pair, launch templates, eight security groups with inline rules, standalone
 * `aws.vpc.SecurityGroupIngressRule`/`EgressRule` and legacy `aws.ec2.SecurityGroupRule`
 * (CIDR sources, SG-to-SG references, self references), instances and EIPs. About one cell in
 * five carries the mistakes both packs look for (SSH or all protocols from 0.0.0.0/0, public IPs,
 * unencrypted roots, IMDSv1), so rules do real work instead of returning early.
 *
 * Each cell is written in dependency order, so cutting the last cell short to hit exactly N
 * resources never leaves a dangling reference.
 */
import { ResourceSnapshot, SECRET_SIG, SECRET_SIG_KEY, StackSnapshot, WireValue } from "../offline/snapshot";
import { ACCOUNT, StackBuilder, secret } from "./resource-builder";
import { addSecurityGroups, SecurityGroups } from "./synthetic-security";

export const PROJECT = "bastion-network";
export const STACK = "bench";

const AZS = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const TYPES = { vpc: "aws:ec2/vpc:Vpc", subnet: "aws:ec2/subnet:Subnet", instance: "aws:ec2/instance:Instance" };

function addCell(b: StackBuilder, c: number): void {
    const prefix = `cell${c}`;
    const flawed = c % 5 === 3;
    const cell = b.component("bastion:network:Cell", prefix);
    const o = { parent: cell };
    const base = `10.${c & 255}`;
    const tags = (name: string, tier: string, role?: string) => ({
        Name: name, Project: PROJECT, Environment: STACK, ManagedBy: "pulumi", Tier: tier, ...(role ? { Role: role } : {}),
    });

    const vpc = b.add(TYPES.vpc, `${prefix}-vpc`, {
        cidrBlock: `${base}.0.0/16`, enableDnsHostnames: true, enableDnsSupport: true, tags: tags(`${prefix}-vpc`, "internal"),
    }, { ...o, idPrefix: "vpc", outputs: { arn: b.arn("ec2", `vpc/${prefix}`), mainRouteTableId: `rtb-${b.hex(17)}` } });
    const igw = b.add("aws:ec2/internetGateway:InternetGateway", `${prefix}-igw`,
        { vpcId: vpc.id, tags: tags(`${prefix}-igw`, "public") }, { ...o, idPrefix: "igw", deps: { vpcId: [vpc] } });

    const subnets: ResourceSnapshot[][] = [[], []];
    ["public", "private"].forEach((kind, k) => {
        AZS.forEach((az, i) => {
            const name = `${prefix}-subnet-${kind}-${az.slice(-1)}`;
            subnets[k].push(b.add(TYPES.subnet, name, {
                vpcId: vpc.id, cidrBlock: `${base}.${k * 10 + i}.0/24`, availabilityZone: az,
                mapPublicIpOnLaunch: kind === "public", tags: tags(name, kind === "public" ? "public" : "internal"),
            }, { ...o, idPrefix: "subnet", deps: { vpcId: [vpc] } }));
        });
    });
    const [publicSubnets, privateSubnets] = subnets;

    const publicRt = b.add("aws:ec2/routeTable:RouteTable", `${prefix}-rt-public`, {
        vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }], tags: tags(`${prefix}-rt-public`, "public"),
    }, { ...o, idPrefix: "rtb", deps: { vpcId: [vpc], routes: [igw] } });
    const privateRt = b.add("aws:ec2/routeTable:RouteTable", `${prefix}-rt-private`,
        { vpcId: vpc.id, routes: [], tags: tags(`${prefix}-rt-private`, "internal") },
        { ...o, idPrefix: "rtb", deps: { vpcId: [vpc] } });
    b.add("aws:ec2/route:Route", `${prefix}-route-ipv6`, {
        routeTableId: publicRt.id, destinationIpv6CidrBlock: "::/0", gatewayId: igw.id,
    }, { ...o, idPrefix: "r", deps: { routeTableId: [publicRt], gatewayId: [igw] } });
    for (const [rt, list] of [[publicRt, publicSubnets], [privateRt, privateSubnets]] as const) {
        for (const s of list) {
            b.add("aws:ec2/routeTableAssociation:RouteTableAssociation", `${s.name}-rta`,
                { subnetId: s.id, routeTableId: rt.id }, { ...o, idPrefix: "rtbassoc", deps: { subnetId: [s], routeTableId: [rt] } });
        }
    }

    const logGroup = b.add("aws:cloudwatch/logGroup:LogGroup", `${prefix}-flow-logs`,
        { name: `/vpc/${prefix}/flow-logs`, retentionInDays: 90, tags: tags(`${prefix}-flow-logs`, "internal") },
        { ...o, id: `/vpc/${prefix}/flow-logs`, outputs: { arn: b.arn("logs", `log-group:/vpc/${prefix}/flow-logs`) } });
    b.add("aws:ec2/flowLog:FlowLog", `${prefix}-flow-log`, {
        vpcId: vpc.id, trafficType: flawed ? "REJECT" : "ALL", logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.outputs.arn, iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow-logs`,
    }, { ...o, idPrefix: "fl", deps: { vpcId: [vpc], logDestination: [logGroup] } });

    const keyName = `${prefix}-admin`;
    const keyPair = b.add("aws:ec2/keyPair:KeyPair", `${prefix}-key`, {
        keyName, publicKey: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA${b.hex(40)} ${prefix}`,
        tags: flawed ? tags(keyName, "admin") : { ...tags(keyName, "admin"), PemInstructions: `chmod 400 ~/.ssh/${keyName}.pem` },
    }, { ...o, id: keyName, outputs: { arn: b.arn("ec2", `key-pair/${keyName}`), fingerprint: b.hex(32) } });

    const sgs = addSecurityGroups(b, prefix, vpc, flawed, o);
    addComputes(b, prefix, { publicSubnets, privateSubnets, keyPair, sgs, flawed, tags, parent: cell });
}

interface ComputeContext {
    publicSubnets: ResourceSnapshot[];
    privateSubnets: ResourceSnapshot[];
    keyPair: ResourceSnapshot;
    sgs: SecurityGroups;
    flawed: boolean;
    tags: (name: string, tier: string, role?: string) => Record<string, string>;
    parent: ResourceSnapshot;
}

/** Launch templates, then instances (bastion, web, app, db, cache) and the EIPs on the public ones. */
function addComputes(b: StackBuilder, prefix: string, x: ComputeContext): void {
    const o = { parent: x.parent };
    for (const role of ["web", "app"]) {
        const sg = role === "web" ? x.sgs.web : x.sgs.app;
        b.add("aws:ec2/launchTemplate:LaunchTemplate", `${prefix}-lt-${role}`, {
            imageId: "ami-0abcdef1234567890", instanceType: "t3.small", keyName: x.keyPair.id,
            metadataOptions: { httpTokens: x.flawed ? "optional" : "required", httpEndpoint: "enabled" },
            networkInterfaces: [{ associatePublicIpAddress: String(role === "web" && x.flawed), securityGroups: [sg.id] }],
            userData: secret(`#cloud-config\nhostname: ${prefix}-${role}\n`),
            tags: x.tags(`${prefix}-lt-${role}`, role === "web" ? "public" : "internal", role === "web" ? "web" : undefined),
        }, { ...o, idPrefix: "lt", deps: { keyName: [x.keyPair], networkInterfaces: [sg] }, outputs: { latestVersion: 1 } });
    }

    const fleet: Array<[string, number, ResourceSnapshot, ResourceSnapshot[], boolean]> = [
        ["bastion", 1, x.sgs.bastion, x.publicSubnets, true],
        ["web", 8, x.sgs.web, x.publicSubnets, true],
        ["app", 8, x.sgs.app, x.privateSubnets, false],
        ["db", 4, x.sgs.db, x.privateSubnets, false],
        ["cache", 3, x.sgs.cache, x.privateSubnets, false],
    ];
    let eips = 0;
    for (const [role, count, sg, subnets, isPublic] of fleet) {
        for (let i = 0; i < count; i++) {
            const subnet = subnets[i % subnets.length];
            const name = `${prefix}-${role}-${isPublic ? "public" : "private"}-${String(subnet.inputs.availabilityZone).slice(-1)}-${i}`;
            const publicIp = isPublic && (role === "bastion" || x.flawed || i < 3);
            const privateIp = `${String(subnet.inputs.cidrBlock).split(".").slice(0, 3).join(".")}.${10 + i}`;
            const inst = b.add("aws:ec2/instance:Instance", name, {
                ami: "ami-0abcdef1234567890", instanceType: b.pick(["t3.micro", "t3.small", "m6i.large"]),
                subnetId: subnet.id, vpcSecurityGroupIds: [sg.id], keyName: x.keyPair.id,
                associatePublicIpAddress: publicIp, monitoring: !x.flawed && role !== "cache",
                metadataOptions: { httpTokens: x.flawed && i === 0 ? "optional" : "required", httpEndpoint: "enabled" },
                rootBlockDevice: { encrypted: !(x.flawed && role === "app"), volumeSize: 20, volumeType: "gp3", deleteOnTermination: true },
                ebsBlockDevices: role === "db" ? [{ deviceName: "/dev/sdf", volumeSize: 100, encrypted: true, deleteOnTermination: false }] : [],
                tags: x.tags(name, role === "bastion" ? "admin" : isPublic ? "public" : "internal", roleTag(role)),
            }, {
                ...o, idPrefix: "i", deps: { subnetId: [subnet], vpcSecurityGroupIds: [sg], keyName: [x.keyPair] },
                outputs: {
                    arn: b.arn("ec2", `instance/${name}`), privateIp, instanceState: "running",
                    publicIp: publicIp ? `203.0.${113 + (eips % 2)}.${(eips * 7) % 250}` : "",
                },
            });
            if (publicIp && eips < 4) {
                eips++;
                b.add("aws:ec2/eip:Eip", `${name}-eip`, { domain: "vpc", instance: inst.id, tags: x.tags(`${name}-eip`, "public") },
                    { ...o, idPrefix: "eipalloc", deps: { instance: [inst] }, outputs: { publicIp: `198.51.100.${eips}` } });
            }
        }
    }
}

function roleTag(role: string): string | undefined {
    return role === "bastion" || role === "web" || role === "db" ? role : undefined;
}

/** A stack of exactly `size` resources (stack and provider included), the same for a given size and seed. */
export function syntheticStack(size: number, seed = 20240611): StackSnapshot {
    const b = new StackBuilder(PROJECT, STACK, seed);
    for (let c = 0; b.resources.length < size; c++) addCell(b, c);
    const snapshot: StackSnapshot = { project: PROJECT, stack: STACK, source: "stack-export", resources: b.resources.slice(0, size) };
    assertWellFormed(snapshot);
    return snapshot;
}

/** A bench on a broken stack would time error paths: URNs unique, every reference inside the stack. */
function assertWellFormed(s: StackSnapshot): void {
    const urns = new Set(s.resources.map((r) => r.urn));
    if (urns.size !== s.resources.length) throw new Error("synthetic stack: duplicate URNs");
    for (const r of s.resources) {
        const refs = [...r.dependencies, ...Object.values(r.propertyDependencies).flat(), ...(r.parent ? [r.parent] : [])];
        const missing = refs.find((u) => !urns.has(u));
        if (missing) throw new Error(`synthetic stack: ${r.urn} refers to ${missing}, which is not in the stack`);
    }
}

/** The same stack as `pulumi stack export` writes it (deployment version 3). */
export function toStackExport(snapshot: StackSnapshot): unknown {
    const time = "2024-06-11T12:00:00.000000000Z";
    return {
        version: 3,
        deployment: {
            manifest: { time, magic: "", version: "v3.137.0" },
            secrets_providers: { type: "service", state: { url: "https://api.pulumi.com", owner: "bench", project: PROJECT, stack: STACK } },
            resources: snapshot.resources.map((r) => ({
                urn: r.urn, custom: r.custom, ...(r.id ? { id: r.id } : {}), type: r.type,
                inputs: showSecrets(r.inputs), outputs: showSecrets(r.outputs),
                ...(r.parent ? { parent: r.parent } : {}),
                ...(r.dependencies.length ? { dependencies: r.dependencies } : {}),
                ...(r.provider ? { provider: r.provider } : {}),
                ...(Object.keys(r.propertyDependencies).length ? { propertyDependencies: r.propertyDependencies } : {}),
                created: time, modified: time,
            })),
            metadata: {},
        },
    };
}

/** `{sig, value}` -> `{sig, plaintext: "<json>"}`, the form `pulumi stack export --show-secrets` writes. */
function showSecrets<T extends WireValue>(v: T): T {
    if (Array.isArray(v)) return v.map(showSecrets) as T;
    if (typeof v !== "object" || v === null) return v;
    const o = v as Record<string, WireValue>;
    if (o[SECRET_SIG_KEY] === SECRET_SIG) return { [SECRET_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(o.value) } as T;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, showSecrets(x)])) as T;
}

/** Resource counts by type, for the bench's description of the mix. */
export function typeMix(snapshot: StackSnapshot): Record<string, number> {
    const mix: Record<string, number> = {};
    for (const r of snapshot.resources) mix[r.type] = (mix[r.type] ?? 0) + 1;
    return mix;
}
