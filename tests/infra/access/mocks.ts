import * as pulumi from "@pulumi/pulumi";

/**
 * Pulumi mocks for the access specs: every registered resource is recorded with its inputs, and the
 * outputs the components read (ARNs, IPs, key material) are derived deterministically from the name.
 * (Local to access until the project's shared helper in tests/helpers exists.)
 */
export interface Registered {
    type: string;
    name: string;
    id: string;
    // Inputs arrive as untyped JSON from the engine mock.
    inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const registered: Registered[] = [];
export const ACCOUNT = "123456789012";
export const REGION = "ap-northeast-2";

/** A stable fake address per name, so assertions can name the expected IP. */
export function fakeIp(name: string, base: string): string {
    let h = 0;
    for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 250;
    return `${base}.${h + 2}`;
}

export const EXTERNAL_INSTANCE = {
    instanceId: "i-0123456789abcdef0",
    subnetId: "subnet-external",
    vpcSecurityGroupIds: ["sg-ext-a", "sg-ext-b"],
    tags: { Name: "legacy-app", Team: "ops", "aws:cloudformation:stack-name": "old" },
    instanceType: "t3.small",
    privateIp: "172.31.5.6",
    publicIp: "",
    iamInstanceProfile: "",
    associatePublicIpAddress: false,
};

export async function installMocks(): Promise<void> {
    resetRegistered();
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                const id = `${args.name}-id`;
                const state: Record<string, unknown> = { ...args.inputs };
                switch (args.type) {
                    case "aws:ec2/instance:Instance":
                        state.arn = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${id}`;
                        state.privateIp = fakeIp(args.name, "10.0.0");
                        state.publicIp = args.inputs.associatePublicIpAddress ? fakeIp(args.name, "3.35.0") : "";
                        break;
                    case "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint":
                        state.arn = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance-connect-endpoint/${id}`;
                        break;
                    case "aws:iam/policy:Policy":
                        state.arn = `arn:aws:iam::${ACCOUNT}:policy/${args.name}`;
                        break;
                    case "aws:ec2/keyPair:KeyPair":
                        state.keyPairId = `key-${args.name}`;
                        break;
                    case "tls:index/privateKey:PrivateKey":
                        state.publicKeyOpenssh = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGeneratedInMocks";
                        state.privateKeyOpenssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nmock\n-----END OPENSSH PRIVATE KEY-----\n";
                        break;
                }
                registered.push({ type: args.type, name: args.name, id, inputs: args.inputs });
                return { id, state };
            },
            call(args) {
                if (args.token === "aws:ec2/getInstance:getInstance") {
                    if (args.inputs.instanceId !== EXTERNAL_INSTANCE.instanceId) throw new Error(`no instance ${args.inputs.instanceId}`);
                    return { ...EXTERNAL_INSTANCE, id: EXTERNAL_INSTANCE.instanceId };
                }
                throw new Error(`unmocked call ${args.token}`);
            },
        },
        "bastion-network",
        "dev",
        false,
    );
}

/** The resolved value of an output (mocks resolve everything; secrets unwrap). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Whether an output is marked secret. */
export function isSecret<T>(output: pulumi.Output<T>): Promise<boolean> {
    return pulumi.isSecret(output);
}

/** Waits until no new resource has registered for a few turns of the event loop. */
export async function settle(): Promise<void> {
    let stable = 0;
    let count = registered.length;
    while (stable < 5) {
        await new Promise((r) => setTimeout(r, 5));
        if (registered.length === count) stable++;
        else {
            count = registered.length;
            stable = 0;
        }
    }
}

export function resetRegistered(): void {
    registered.length = 0;
}

export function byType(type: string): Registered[] {
    return registered.filter((r) => r.type === type);
}

export function one(type: string): Registered {
    const found = byType(type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    return found[0];
}
