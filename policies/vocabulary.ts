/**
 * The tag vocabulary shared by the stack program and the policy pack.
 *
 * It lives in the pack so that `pulumi policy publish` ships it; `infra/` imports it from here,
 * and nothing in `policies/` may import from `infra/`.
 */

/** Tag keys the pack reads. */
export const TagKeys = {
    Name: "Name",
    Project: "Project",
    Environment: "Environment",
    ManagedBy: "ManagedBy",
    /** Network tier of a subnet, route table, security group or host. */
    Tier: "Tier",
    /** What a security group or host is for. */
    Role: "Role",
    /** On every `aws.ec2.KeyPair`: how to store and use its private key (must contain `chmod 400`). */
    PemInstructions: "PemInstructions",
} as const;

export const Tiers = ["public", "internal", "admin"] as const;
export type Tier = (typeof Tiers)[number];

export const Roles = ["web", "db", "bastion", "instance-connect-endpoint"] as const;
export type Role = (typeof Roles)[number];

/** Roles whose security groups are legitimate sources of SSH (port 22) into other groups. */
export const SshSourceRoles: readonly Role[] = ["bastion", "instance-connect-endpoint"];

/** The text every pem-instructions tag must contain. */
export const PemChmodCommand = "chmod 400";
