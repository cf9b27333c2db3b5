import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Everything a replacement must copy from the host it replaces. The trap: an AMI carries the disk,
 * not the subnet, security groups or tags — so each is an explicit input here, never left to defaults.
 */
export interface RecoverySource {
    instanceId: pulumi.Input<string>;
    subnetId: pulumi.Input<string>;
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The instance's own tags (not the provider's defaultTags, which the provider adds again). */
    tags: pulumi.Input<Record<string, string> | undefined>;
    instanceType: pulumi.Input<string>;
    privateIp: pulumi.Input<string>;
    publicIp?: pulumi.Input<string>;
    iamInstanceProfile?: pulumi.Input<string>;
}

/** A host of this stack as a recovery source. */
export function recoverySourceOf(instance: aws.ec2.Instance): RecoverySource {
    return {
        instanceId: instance.id,
        subnetId: instance.subnetId,
        securityGroupIds: instance.vpcSecurityGroupIds,
        tags: instance.tags,
        instanceType: instance.instanceType,
        privateIp: instance.privateIp,
        publicIp: instance.publicIp,
        iamInstanceProfile: instance.iamInstanceProfile,
    };
}

/**
 * An instance outside the stack (by id), read with `aws.ec2.getInstance` at deployment time, through the
 * stack's provider (its region). Invokes read `provider` only: a resource's `providers` map is ignored
 * there, and the default provider would silently look in another region or account.
 */
export function recoverySourceFromInstanceId(instanceId: string, provider: pulumi.ProviderResource): RecoverySource {
    const found = aws.ec2.getInstanceOutput({ instanceId }, { provider });
    return {
        instanceId,
        subnetId: found.subnetId,
        securityGroupIds: found.vpcSecurityGroupIds,
        tags: found.tags,
        instanceType: found.instanceType,
        privateIp: found.privateIp,
        publicIp: found.publicIp,
        // getInstance reports the profile's name; an empty string means none.
        iamInstanceProfile: found.iamInstanceProfile.apply((p) => p || undefined) as pulumi.Output<string>,
    };
}
