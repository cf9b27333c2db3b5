/**
 * The one place that derives fake cloud values (ids, ARNs, addresses, key fingerprints) from resource
 * names. Both the offline mocks (fake-cloud.ts) and the stand-in AWS provider plugin
 * (engine/provider/) use it, so an offline preview and a real `pulumi up` against the stand-in show the
 * same ids and IPs for the same program. Documentation-range public IPs (203.0.113.0/24) and the account
 * 123456789012 make it plain that nothing here is real.
 */
import { createHash } from "node:crypto";
import { Address4 } from "ip-address";

export const FAKE_ACCOUNT = "123456789012";

export function digest(text: string): string {
    return createHash("sha256").update(text).digest("hex");
}

/** AWS-style id prefixes by resource type token. */
const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/eipAssociation:EipAssociation": "eipassoc",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
    "aws:ec2/instance:Instance": "i",
    "aws:ec2/keyPair:KeyPair": "key",
    "aws:ec2/flowLog:FlowLog": "fl",
    "aws:ec2/amiFromInstance:AmiFromInstance": "ami",
    "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": "eice",
};

export function fakeId(type: string, name: string): string {
    const prefix = ID_PREFIX[type];
    const hex = digest(`${type}::${name}`);
    return prefix ? `${prefix}-${hex.slice(0, 17)}` : `${name}-${hex.slice(0, 8)}`;
}

/** AWS's ARN resource-type segment per EC2 type (policies match on it); others use the token's camelCase name. */
const ARN_RESOURCE_TYPE: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/internetGateway:InternetGateway": "internet-gateway",
    "aws:ec2/natGateway:NatGateway": "natgateway",
    "aws:ec2/eip:Eip": "elastic-ip",
    "aws:ec2/routeTable:RouteTable": "route-table",
    "aws:ec2/securityGroup:SecurityGroup": "security-group",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "security-group",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "security-group-rule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "security-group-rule",
    "aws:ec2/instance:Instance": "instance",
    "aws:ec2/keyPair:KeyPair": "key-pair",
    "aws:ec2/flowLog:FlowLog": "vpc-flow-log",
    "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": "instance-connect-endpoint",
};

/** Elastic Load Balancing ARN segments: `loadbalancer/app/<name>/<hex>` and `targetgroup/<name>/<hex>`. */
const ELB_ARN: Record<string, (name: string, hex: string) => string> = {
    "aws:lb/loadBalancer:LoadBalancer": (name, hex) => `loadbalancer/app/${name}/${hex}`,
    "aws:lb/targetGroup:TargetGroup": (name, hex) => `targetgroup/${name}/${hex}`,
    "aws:lb/listener:Listener": (name, hex) => `listener/app/${name}/${hex.slice(0, 16)}/${hex.slice(16, 32)}`,
};

/**
 * An ARN as AWS writes it for the type. `id` is the resource's id, or for IAM and CloudWatch Logs the
 * name AWS puts into the ARN; `inputs.name` wins for log groups, as AWS names them by it.
 */
export function fakeArn(type: string, region: string, id: string, inputs: Record<string, unknown>): string {
    const [pkg, mod] = type.split(":");
    const service = (mod ?? "").split("/")[0];
    if (service === "iam") return `arn:aws:iam::${FAKE_ACCOUNT}:${type.split(":").pop()?.toLowerCase()}/${id}`;
    if (service === "cloudwatch") return `arn:aws:logs:${region}:${FAKE_ACCOUNT}:log-group:${String(inputs.name ?? id)}`;
    const elb = ELB_ARN[type];
    if (elb) return `arn:aws:elasticloadbalancing:${region}:${FAKE_ACCOUNT}:${elb(String(inputs.name ?? id), digest(`${type}::${id}`).slice(0, 32))}`;
    if (type === "aws:ec2/amiFromInstance:AmiFromInstance") return `arn:aws:ec2:${region}::image/${id}`;
    const kind = ARN_RESOURCE_TYPE[type] ?? type.split(":").pop()?.replace(/^./, (c) => c.toLowerCase()) ?? "resource";
    return `arn:${pkg}:ec2:${region}:${FAKE_ACCOUNT}:${kind}/${id}`;
}

/** A stable address inside `cidr`, past AWS's reserved first four. */
export function fakePrivateIp(cidr: string, name: string): string {
    const net = new Address4(cidr);
    const hosts = 2 ** (32 - net.subnetMask) - 5;
    const offset = 4 + (parseInt(digest(name).slice(0, 8), 16) % Math.max(hosts, 1));
    return Address4.fromBigInt(net.startAddress().bigInt() + BigInt(offset)).address;
}

export function fakePublicIp(name: string): string {
    return `203.0.113.${1 + (parseInt(digest(name).slice(0, 4), 16) % 254)}`;
}

/**
 * A public IP no other resource holds: `fakePublicIp(name)` unless `claim` says another name has it, then the
 * next derived candidate. `claim(ip)` records the address for this name and returns false when it is taken.
 * (254 addresses: two names of one stack share one now and then, and AWS never hands out an address twice.)
 */
export function uniquePublicIp(name: string, claim: (ip: string) => boolean): string {
    for (let i = 0; i < 254; i++) {
        const ip = fakePublicIp(i === 0 ? name : `${name}#${i}`);
        if (claim(ip)) return ip;
    }
    throw new Error(`no free documentation-range public address left for ${name}`);
}

/** The private DNS name AWS gives an address in a region. */
export function privateDnsName(ip: string, region: string): string {
    return `ip-${ip.replace(/\./g, "-")}.${region}.compute.internal`;
}

export function fakeFingerprint(name: string): string {
    return `SHA256:${fakeId("fingerprint", name).slice(-17)}`;
}

/** Placeholder key material for `tls.PrivateKey` under mocks: clearly fake, never a usable key. */
export const FAKE_OPENSSH_PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOfflinePreviewPlaceholderKeyNotRealAAAAAAA offline-preview";
export const FAKE_PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\n(offline preview placeholder: no real key was generated)\n-----END OPENSSH PRIVATE KEY-----\n";

/** What `aws.ec2.getAmi` answers: one fixed image, named so nobody mistakes it for Canonical's. */
export const FAKE_AMI = { id: "ami-0offlinepreview00", architecture: "x86_64", name: "ubuntu-jammy-22.04 (offline preview)" };

/** Where an instance's computed addresses come from: its subnet's CIDR, when known. */
export interface InstanceAddressInputs {
    name: string;
    region: string;
    subnetCidr: string | undefined;
    privateIp?: unknown;
    associatePublicIpAddress?: unknown;
    /** Records a public IP for this name; false when another resource holds it (see uniquePublicIp). */
    claimPublicIp?: (ip: string) => boolean;
}

/** An instance's private IP (in its subnet), private DNS name and public IP (only when asked for one). */
export function fakeInstanceAddresses(a: InstanceAddressInputs): { privateIp: string; privateDns: string; publicIp: string } {
    const privateIp = typeof a.privateIp === "string" && a.privateIp ? a.privateIp : a.subnetCidr ? fakePrivateIp(a.subnetCidr, a.name) : "10.0.0.10";
    // AWS assigns a public address only when asked to (an EIP is the stack's way); none otherwise.
    const publicIp = a.associatePublicIpAddress === true ? uniquePublicIp(a.name, a.claimPublicIp ?? (() => true)) : "";
    return { privateIp, privateDns: privateDnsName(privateIp, a.region), publicIp };
}
