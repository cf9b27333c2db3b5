/** The IAM JSON shapes this module writes (a subset, typed so tests can read them without casts). */
export interface PolicyStatement {
    Sid: string;
    Effect: "Allow";
    Action: string[];
    Resource: string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export interface InstanceConnectPolicyInput {
    /** ARNs of exactly the instances people may push keys to; never a wildcard. */
    instanceArns: string[];
    /** The only OS user keys may be pushed for (`ec2:osuser`). */
    osUser: string;
    /** When the stack has an Instance Connect Endpoint: tunnels are allowed through it, to port 22 only. */
    endpoint?: {
        arn: string;
        /** Private IPs the tunnel may reach; when given, tunnels to anything else are refused. */
        privateIps?: string[];
        /** Longest tunnel in seconds (AWS caps it at 3600). */
        maxTunnelSeconds?: number;
    };
}

export const SEND_SSH_PUBLIC_KEY = "ec2-instance-connect:SendSSHPublicKey";
export const OPEN_TUNNEL = "ec2-instance-connect:OpenTunnel";

/**
 * The least-privilege Instance Connect policy. Pure. Throws on an empty or wildcard instance
 * list: that is a wiring bug, and a `*` here would let the group push keys into every instance in the account.
 */
export function instanceConnectPolicyDocument(input: InstanceConnectPolicyInput): PolicyDocument {
    if (input.instanceArns.length === 0) {
        throw new Error("instanceConnectPolicyDocument: no instance ARNs; SendSSHPublicKey must name the stack's instances");
    }
    for (const arn of [...input.instanceArns, ...(input.endpoint ? [input.endpoint.arn] : [])]) {
        if (arn.includes("*") || !arn.startsWith("arn:")) {
            throw new Error(`instanceConnectPolicyDocument: "${arn}" is not a concrete ARN; wildcards are not allowed here`);
        }
    }
    if (input.osUser.trim() === "" || input.osUser.includes("*")) {
        throw new Error(`instanceConnectPolicyDocument: os user "${input.osUser}" must be one concrete user`);
    }
    const statements: PolicyStatement[] = [
        {
            Sid: "PushOneTimeKeyToStackInstances",
            Effect: "Allow",
            Action: [SEND_SSH_PUBLIC_KEY],
            Resource: [...new Set(input.instanceArns)],
            Condition: { StringEquals: { "ec2:osuser": input.osUser } },
        },
        {
            // Describe calls do not support resource-level permissions, so "*" is the only valid resource; they are read-only.
            Sid: "FindInstances",
            Effect: "Allow",
            Action: input.endpoint ? ["ec2:DescribeInstances", "ec2:DescribeInstanceConnectEndpoints"] : ["ec2:DescribeInstances"],
            Resource: ["*"],
        },
    ];
    if (input.endpoint) {
        const condition: Record<string, Record<string, string | string[]>> = {
            NumericEquals: { "ec2-instance-connect:remotePort": "22" },
            NumericLessThanEquals: { "ec2-instance-connect:maxTunnelDuration": String(input.endpoint.maxTunnelSeconds ?? 3600) },
        };
        if (input.endpoint.privateIps && input.endpoint.privateIps.length > 0) {
            condition.IpAddress = { "ec2-instance-connect:privateIpAddress": input.endpoint.privateIps.map((ip) => `${ip}/32`) };
        }
        statements.push({
            Sid: "TunnelThroughStackEndpoint",
            Effect: "Allow",
            Action: [OPEN_TUNNEL],
            Resource: [input.endpoint.arn],
            Condition: condition,
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
