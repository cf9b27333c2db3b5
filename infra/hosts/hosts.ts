import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tier } from "../../policies/vocabulary";
import { HostSpec } from "../config";
import { resourceName, shortAz, tagsFor } from "../naming";

export type HostRole = "web" | "db" | "bastion";
export const HOST_ROLES: readonly HostRole[] = ["web", "db", "bastion"];

/** Canonical's AWS account: the only owner whose "ubuntu" images we trust. */
export const CANONICAL_OWNER_ID = "099720109477";
export const UBUNTU_2204_NAME = "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*";

export interface HostPlacement {
    subnetId: pulumi.Input<string>;
    az: string;
    tier: Tier;
    securityGroupId: pulumi.Input<string>;
    spec: HostSpec;
    /** `#cloud-config` for the host (no secrets: user data is stored in plain text). */
    userData: string;
}

export interface HostsArgs {
    prefix: string;
    region: string;
    amiId?: string;
    keyName: pulumi.Input<string>;
    hosts: Record<HostRole, HostPlacement>;
    /** The provider's defaultTags: `volumeTags` does not inherit them, so root volumes get them here. */
    defaultTags: Record<string, string>;
    /** What must exist before a host boots: its way out (route table associations, NAT, their addresses). */
    bootAfter: pulumi.Input<pulumi.Resource>[];
    /** Roles that get an Elastic IP: AWS then reports associatePublicIpAddress true, so it is not sent. */
    elasticIpRoles: readonly HostRole[];
}

/**
 * What a change of a host's user data does. cloud-init runs its modules once per instance, so a
 * stop/start with new user data would change nothing on the host: the stateless web and bastion are
 * replaced; the database keeps its data and ignores the change (apply it by hand, or replace it
 * deliberately with `pulumi up --replace`; see docs/real-aws.md).
 */
export function userDataLifecycle(role: HostRole): { replaceOnChange: boolean; ignoreChanges: string[] } {
    return role === "db" ? { replaceOnChange: false, ignoreChanges: ["userData"] } : { replaceOnChange: true, ignoreChanges: [] };
}

/**
 * web, db and bastion: no public address on any of them except the Elastic IPs (the bastion's, and web's
 * unless webAccess is none);
 * IMDSv2 only, hop limit 1; encrypted gp3 root volumes.
 */
export class Hosts extends pulumi.ComponentResource {
    readonly instances: Record<HostRole, aws.ec2.Instance>;
    readonly amiId: pulumi.Output<string>;
    readonly #eips: Partial<Record<HostRole, aws.ec2.Eip>> = {};
    readonly #args: HostsArgs;

    constructor(name: string, args: HostsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bastion-network:hosts:Hosts", name, {}, opts);
        const child = { parent: this };
        this.amiId = args.amiId
            ? pulumi.output(args.amiId)
            : aws.ec2.getAmiOutput({
                owners: [CANONICAL_OWNER_ID],
                mostRecent: true,
                filters: [
                    { name: "name", values: [UBUNTU_2204_NAME] },
                    { name: "virtualization-type", values: ["hvm"] },
                ],
            }, child).id;

        const instance = (role: HostRole) => {
            const h = args.hosts[role];
            const n = resourceName(args.prefix, "ec2", role, shortAz(h.az, args.region));
            const lifecycle = userDataLifecycle(role);
            return new aws.ec2.Instance(n, {
                ami: this.amiId,
                instanceType: h.spec.instanceType,
                subnetId: h.subnetId,
                vpcSecurityGroupIds: [h.securityGroupId],
                keyName: args.keyName,
                // With an Elastic IP AWS reads this back as true and, as it forces replacement, every later
                // `up` would replace the host: left to the subnet (mapPublicIpOnLaunch false) instead.
                ...(args.elasticIpRoles.includes(role) ? {} : { associatePublicIpAddress: false }),
                userData: h.userData,
                userDataReplaceOnChange: lifecycle.replaceOnChange,
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                rootBlockDevice: { volumeType: "gp3", volumeSize: h.spec.rootVolumeGiB, encrypted: true, deleteOnTermination: true },
                tags: tagsFor(n, { tier: h.tier, role }),
                volumeTags: { ...args.defaultTags, ...tagsFor(n, { tier: h.tier, role }) },
                // A looked-up image is kept: Canonical's next release must not replace every host (the db's data
                // with it). Upgrading is explicit: pin amiId in config to the new image (see docs/real-aws.md).
            }, { ...child, dependsOn: args.bootAfter, ignoreChanges: [...lifecycle.ignoreChanges, ...(args.amiId ? [] : ["ami"])] });
        };
        this.instances = { web: instance("web"), db: instance("db"), bastion: instance("bastion") };

        this.#args = args;
        this.registerOutputs({ instanceIds: { web: this.instances.web.id, db: this.instances.db.id, bastion: this.instances.bastion.id } });
    }

    /**
     * The Elastic IP of `role` (the bastion; web with webAccess eip or alb), on `instanceId`: the host, or
     * its replacement after a lost-key recovery (built after the hosts, which is why this is not done in
     * the constructor).
     */
    assignAddress(role: "bastion" | "web", instanceId: pulumi.Input<string>, internetGateway: pulumi.Resource): aws.ec2.Eip {
        const a = this.#args;
        const tier = a.hosts[role].tier;
        const eipName = resourceName(a.prefix, "eip", role, shortAz(a.hosts[role].az, a.region));
        const eip = new aws.ec2.Eip(eipName, {
            domain: "vpc",
            instance: instanceId,
            tags: tagsFor(eipName, { tier, role }),
        }, { parent: this, dependsOn: [internetGateway] });
        this.#eips[role] = eip;
        return eip;
    }

    get bastionEip(): aws.ec2.Eip {
        const eip = this.#eips.bastion;
        if (!eip) throw new Error("assignAddress(\"bastion\") has not been called"); // a wiring bug, not a config error
        return eip;
    }
}
