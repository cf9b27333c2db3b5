/**
 * What the mocked provider answers: deterministic ids, ARNs and IPs derived from resource names,
 * so the same program gives the same offline preview every time. Documentation-range public IPs
 * (203.0.113.0/24) make it plain that nothing here is real.
 */
import { createHash } from "node:crypto";
import { Address4 } from "ip-address";
import type * as pulumi from "@pulumi/pulumi";

export const FAKE_ACCOUNT = "123456789012";

function digest(text: string): string {
    return createHash("sha256").update(text).digest("hex");
}

/** AWS-style id prefixes by resource type token. */
const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
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

/** AWS's ARN resource-type segment where it is not the token's camelCase name (policies match on it). */
const ARN_RESOURCE_TYPE: Record<string, string> = {
    "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": "instance-connect-endpoint",
};

export function fakeArn(type: string, region: string, id: string, inputs: Record<string, unknown>): string {
    const [pkg, mod] = type.split(":");
    const service = (mod ?? "").split("/")[0];
    if (service === "iam") return `arn:aws:iam::${FAKE_ACCOUNT}:${type.split(":").pop()?.toLowerCase()}/${id}`;
    if (service === "cloudwatch") return `arn:aws:logs:${region}:${FAKE_ACCOUNT}:log-group:${String(inputs.name ?? id)}`;
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

/** Placeholder key material for `tls.PrivateKey` under mocks: clearly fake, never a usable key. */
export const FAKE_OPENSSH_PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOfflinePreviewPlaceholderKeyNotRealAAAAAAA offline-preview";
export const FAKE_PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\n(offline preview placeholder: no real key was generated)\n-----END OPENSSH PRIVATE KEY-----\n";

/** An invoke's fake answer, or `undefined` when the fake cloud has none. */
export type InvokeAnswer = (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;

export interface FakeCloud {
    newResource(type: string, name: string, inputs: Record<string, unknown>): pulumi.runtime.MockResourceResult;
    call: InvokeAnswer;
}

/**
 * The provider for one run. In a preview nothing is computed (state is the inputs, ids unknown), as the
 * engine shows it; otherwise every resource gets an id, ARN and the computed values the program reads.
 */
export function createFakeCloud(region: string, preview: boolean): FakeCloud {
    // Instances get an address inside their subnet, so the subnet's CIDR is kept by id.
    const subnetCidrs = new Map<string, string>();
    return {
        newResource(type, name, inputs) {
            if (preview) return { id: undefined, state: inputs };
            const id = fakeId(type, name);
            const state: Record<string, unknown> = { ...inputs, id, arn: fakeArn(type, region, id, inputs), tagsAll: inputs.tags };
            switch (type) {
                case "aws:ec2/subnet:Subnet":
                    subnetCidrs.set(id, String(inputs.cidrBlock));
                    break;
                case "aws:ec2/instance:Instance": {
                    const cidr = subnetCidrs.get(String(inputs.subnetId));
                    state.privateIp = inputs.privateIp ?? (cidr ? fakePrivateIp(cidr, name) : "10.0.0.10");
                    state.privateDns = `ip-${String(state.privateIp).replace(/\./g, "-")}.${region}.compute.internal`;
                    // AWS assigns one only when asked to (an EIP is the stack's way); none otherwise.
                    state.publicIp = inputs.associatePublicIpAddress === true ? fakePublicIp(name) : "";
                    break;
                }
                case "aws:ec2/eip:Eip":
                    state.allocationId = id;
                    state.publicIp = fakePublicIp(name);
                    break;
                case "aws:ec2/keyPair:KeyPair":
                    state.keyName = inputs.keyName ?? name;
                    state.fingerprint = `SHA256:${fakeId("fingerprint", name).slice(-17)}`;
                    break;
                case "tls:index/privateKey:PrivateKey":
                    state.privateKeyOpenssh = FAKE_PRIVATE_KEY;
                    state.privateKeyPem = FAKE_PRIVATE_KEY;
                    state.publicKeyOpenssh = FAKE_OPENSSH_PUBLIC_KEY;
                    break;
            }
            return { id, state };
        },
        call(token) {
            if (token === "aws:ec2/getAmi:getAmi") return { id: "ami-0offlinepreview00", architecture: "x86_64", name: "ubuntu-jammy-22.04 (offline preview)" };
            return undefined;
        },
    };
}
