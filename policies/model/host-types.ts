/**
 * The model's hosts and what they launch from or are bound to: instances, spot requests, network
 * interfaces, load balancers, Instance Connect endpoints, auto scaling groups; launch templates and
 * configurations; Elastic IPs; key pairs and TLS keys. Re-exported by types.ts.
 */
import { Entity, Link, Traffic, Verdict } from "./types";
import { Read } from "./wire";

export type HostKind = "instance" | "spot-request" | "network-interface" | "load-balancer" | "instance-connect-endpoint" | "autoscaling-group";

/** A network interface of a launch template. */
export interface TemplateInterface {
    /** Position in `networkInterfaces` (for messages: `networkInterfaces[1]`). */
    index: number;
    deviceIndex: Read<number | undefined>;
    /** Its subnet (dependencies are shared by all interfaces of the template). */
    subnet: Link;
    associatePublicIp: Read<boolean | undefined>;
    networkInterface: Link;
}

export interface LaunchTemplate extends Entity {
    templateName: Read<string | undefined>;
    networkInterfaces: Read<TemplateInterface[]>;
    /** Device index 0, else the first: undefined when it has none. */
    primary: Read<TemplateInterface | undefined>;
    /** `vpcSecurityGroupIds` of the template. */
    groups: Link;
}

export interface LaunchConfiguration extends Entity {
    configurationName: Read<string | undefined>;
    associatePublicIp: Read<boolean | undefined>;
    groups: Link;
}

/** How a host can be addressed. */
export interface HostAddress {
    kind: "private" | "public-ip" | "elastic-ip" | "load-balancer";
    ip?: string;
    /** false: whether this address exists at all is not known yet (preview). */
    known: boolean;
    /** The resource that gives the address (an `aws.ec2.Eip`, the instance itself...). */
    sourceUrn?: string;
}

/** Does launch give a host a public IPv4 address, and what said so. */
export interface PublicAddress {
    verdict: Verdict;
    /** `associatePublicIpAddress`, `launch template 'x'`, `subnet mapPublicIpOnLaunch`, `publicIp`, `elastic ip`... */
    via: string;
    /** The resource whose value decides (the host, its template, its subnet). */
    urn?: string;
}

export interface Host extends Entity {
    kind: HostKind;
    /** Where it runs: its own subnet, else its primary interface's, else its template's. An ASG: all of them. */
    subnets: Link;
    /** Why no subnet is known, when none is. */
    subnetMissing?: string;
    /** The primary network interface it launches with (instances), when it names one. */
    primaryInterface?: Link;
    /** Security groups (URNs, or `id:<sg-id>` outside the snapshot). */
    groupKeys: string[];
    groupsUnknown: boolean;
    privateIps: string[];
    addresses: HostAddress[];
    /** The host's own `associatePublicIpAddress` (or template's); what the subnet adds is in `publicAddress`. */
    associatePublicIp: Read<boolean | undefined>;
    /**
     * Which setting `associatePublicIp` is (`sets associatePublicIpAddress: true`, `launches from 'x',
     * whose primary interface associates a public IP`) and the resource that holds it.
     */
    associatePublicIpFrom: { via: string; urn: string };
    /** A deployed instance's own public IPv4 address (an Elastic IP bound to it shows here too). */
    ownPublicIp?: string;
    publicAddress: PublicAddress;
    /** Launch template / configuration it inherits from. */
    launchTemplate?: Link;
    launchConfiguration?: Link;
    /** Why the groups are not known, when that is not a preview value (the VPC's default group outside the snapshot). */
    groupsWhy?: string;
    /** Load balancer: `internal`; its listeners' traffic (empty: none in the snapshot). */
    internal?: Read<boolean | undefined>;
    listeners?: Traffic[];
    /** Instance Connect endpoint: hosts see the client's address, not the endpoint's. */
    preserveClientIp?: Read<boolean | undefined>;
    /** The `Role` tag of the host (or, without one, of its first group). */
    role: Read<string | undefined>;
    /**
     * Its tier and whether it is internal: its subnet's (the tier tag, else the subnet's routes), but a
     * host's own tier tag where its subnet has none; `unknown` without a subnet in the snapshot.
     */
    tier: { tag?: string; internal: Verdict };
}

/** One property that binds an Elastic IP to a host, and the host it names. */
export interface EipBinding {
    /** `instance` / `networkInterface` on the EIP; `instanceId` / `networkInterfaceId` on an association. */
    property: string;
    /** The instance, spot request or network interface; `unknown` while a preview leaves it open and no dependency tells. */
    host: Link;
}

export interface ElasticIp extends Entity {
    publicIp: Read<string | undefined>;
    allocationId: Read<string | undefined>;
    /** Hosts it is bound to, directly (`instance` / `networkInterface`) or through an `EipAssociation`. */
    boundTo: Link;
    /** The resource that binds it (itself or the association). */
    via: string[];
    /** Its own binding properties that are set (known or not): an empty one binds nothing. */
    bindings: EipBinding[];
}

/** `aws.ec2.EipAssociation`: binds an Elastic IP (maybe one outside the snapshot) to a host. */
export interface EipAssociation extends Entity {
    eip: Link;
    bindings: EipBinding[];
}

export interface KeyPair extends Entity {
    keyName: Read<string | undefined>;
    publicKey: Read<string | undefined>;
    /** TLS keys its `publicKey` came from (dependencies). */
    fromKeys: string[];
}

export interface TlsKey extends Entity {
    algorithm: Read<string | undefined>;
    publicKeyOpenssh: Read<string | undefined>;
    /** The private key (always secret in a real stack). */
    privateKeyPem: Read<string | undefined>;
    /** Certificates it signs or requests: then it is a TLS key, not an SSH key. */
    signs: string[];
}

/** An EBS device as launch reads it. */
export interface BlockDevice {
    /** `rootBlockDevice`, `ebsBlockDevices[1]`, `blockDeviceMappings[0].ebs`, `the volume` (for messages). */
    where: string;
    /** `encrypted` (booleans or "true"/"false"); undefined: not set. */
    encrypted: Read<boolean | undefined>;
}

export interface MetadataOptions {
    httpTokens: Read<string | undefined>;
    httpEndpoint: Read<string | undefined>;
}

/**
 * What an instance, spot request, launch template or launch configuration sets for launch: metadata
 * options, block devices, user data. A setting an instance leaves out while it names a launch template
 * (`fromTemplate`) is the template's, read on the template's own settings.
 */
export interface LaunchSettings {
    urn: string;
    type: string;
    name: string;
    /** Its role tag (the model's `roleTagKey`; the provider's `defaultTags` count). */
    role: Read<string | undefined>;
    /** `metadataOptions`; undefined: not set. */
    metadata: Read<MetadataOptions | undefined>;
    /** The `launchTemplate` block is set (instances, spot requests). */
    fromTemplate: Read<boolean>;
    /** `rootBlockDevice`; undefined: not set (launch templates have none: their devices are all in `devices`). */
    rootDevice: Read<BlockDevice | undefined>;
    /** `ebsBlockDevices[i]`, or a template's `blockDeviceMappings[i].ebs` (mappings without `ebs`, instance store, left out). */
    devices: Read<Read<BlockDevice>[]>;
    /** `userData` (plain text; a template's is base64), else `userDataBase64`, decoded (gzip too); secret when either was. */
    userData: Read<string | undefined>;
}

/** `aws.ebs.Volume` (and the older `aws.ec2.Volume` token). */
export interface Volume extends Entity {
    device: BlockDevice;
}
