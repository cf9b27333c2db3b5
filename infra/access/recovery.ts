import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TagKeys } from "../../policies/vocabulary";
import { KeyPairConfig } from "./config";
import { AccessKeyPair, keyPairResourceName } from "./key-pair";
import { RecoverySource } from "./recovery-source";

export interface RecoveredHostArgs {
    prefix: string;
    /** `web`, `db`, `bastion`, or a short label for an instance outside the stack. */
    role: string;
    /** For names, e.g. `2a`. */
    az: string;
    source: RecoverySource;
    /** The new key pair (validated); its private half is what the operator will hold from now on. */
    newKey: KeyPairConfig;
    /**
     * AWS reboots the source while imaging so the file system is consistent; set true only when a
     * running service cannot take the reboot and a possibly inconsistent image is acceptable.
     */
    snapshotWithoutReboot?: boolean;
    tags?: Record<string, string>;
}

export const RECOVERED_FROM_TAG = "RecoveredFrom";

/** The source's tags for the replacement: its own Name, where it came from, and no reserved `aws:` keys. */
export function replacementTags(sourceTags: Record<string, string> | undefined, name: string, sourceId: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(sourceTags ?? {})) {
        if (!k.startsWith("aws:")) out[k] = v;
    }
    return { ...out, [TagKeys.Name]: name, [RECOVERED_FROM_TAG]: sourceId };
}

/**
 * Lost-key recovery, automated: image a host whose key is lost and launch the replacement from that image with a
 * new key, in the same subnet, with the same security groups, instance type, profile and tags. The old
 * host is left running for the operator to check and retire; the private IP changes.
 */
export class RecoveredHost extends pulumi.ComponentResource {
    readonly amiId: pulumi.Output<string>;
    readonly keyName: pulumi.Output<string>;
    readonly privateKeyOpenssh?: pulumi.Output<string>;
    readonly oldInstanceId: pulumi.Output<string>;
    readonly oldPrivateIp: pulumi.Output<string>;
    readonly oldPublicIp: pulumi.Output<string | undefined>;
    readonly newInstanceId: pulumi.Output<string>;
    readonly newInstanceArn: pulumi.Output<string>;
    readonly newPrivateIp: pulumi.Output<string>;
    readonly newPublicIp: pulumi.Output<string | undefined>;

    constructor(name: string, args: RecoveredHostArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bastion-network:access:RecoveredHost", name, {}, opts);
        const p = args.prefix;
        const suffix = `${args.role}-${args.az}`;
        const instanceName = `${p}-ec2-${suffix}-recovered`;
        const src = args.source;

        const image = new aws.ec2.AmiFromInstance(
            `${p}-ami-${suffix}-recovery`,
            {
                sourceInstanceId: src.instanceId,
                snapshotWithoutReboot: args.snapshotWithoutReboot ?? false,
                description: `Image of ${args.role} (${p}) to relaunch it with key ${args.newKey.name}`,
                tags: { ...args.tags, [TagKeys.Name]: `${p}-ami-${suffix}-recovery` },
            },
            { parent: this },
        );
        const key = new AccessKeyPair(keyPairResourceName(p, `${suffix}-recovered`), { key: args.newKey, tags: args.tags }, { parent: this });
        const tags = pulumi
            .all([src.tags, src.instanceId])
            .apply(([sourceTags, sourceId]) => ({ ...args.tags, ...replacementTags(sourceTags, instanceName, sourceId) }));

        const instance = new aws.ec2.Instance(
            instanceName,
            {
                ami: image.id,
                instanceType: src.instanceType,
                keyName: key.keyName,
                subnetId: src.subnetId,
                vpcSecurityGroupIds: src.securityGroupIds,
                iamInstanceProfile: src.iamInstanceProfile,
                // Not copied: a host with an Elastic IP reads back as true, and true here would add a second,
                // automatic public address. The subnet decides; a recovered bastion gets its Elastic IP.
                // IMDSv2 only; Instance Connect and cloud-init both work with it.
                metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
                tags,
            },
            { parent: this },
        );

        this.amiId = image.id;
        this.keyName = key.keyName;
        this.privateKeyOpenssh = key.privateKeyOpenssh;
        this.oldInstanceId = pulumi.output(src.instanceId);
        this.oldPrivateIp = pulumi.output(src.privateIp);
        this.oldPublicIp = pulumi.output(src.publicIp).apply((ip) => ip || undefined);
        this.newInstanceId = instance.id;
        this.newInstanceArn = instance.arn;
        this.newPrivateIp = instance.privateIp;
        this.newPublicIp = instance.publicIp.apply((ip) => ip || undefined);
        this.registerOutputs({
            amiId: this.amiId,
            keyName: this.keyName,
            oldPrivateIp: this.oldPrivateIp,
            newPrivateIp: this.newPrivateIp,
            oldPublicIp: this.oldPublicIp,
            newPublicIp: this.newPublicIp,
        });
    }
}
