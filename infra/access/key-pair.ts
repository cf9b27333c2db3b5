import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { TagKeys } from "../../policies/vocabulary";
import { KeyPairConfig } from "./config";
import { pemInstructionsTag } from "./pem-instructions";

export interface AccessKeyPairArgs {
    /** Validated by `validateAccessConfig`: the name is tag-safe and the public key an accepted type. */
    key: KeyPairConfig;
    /** Extra tags (the provider's defaultTags already carry Project/Environment). */
    tags?: Record<string, string>;
}

/**
 * One EC2 key pair, tagged with how to handle its .pem. By default it imports the operator's public key,
 * so no private key ever reaches state; `generate: true` makes an ED25519 key with @pulumi/tls whose
 * private half is exposed only as a secret.
 */
export class AccessKeyPair extends pulumi.ComponentResource {
    readonly keyName: pulumi.Output<string>;
    readonly keyPairId: pulumi.Output<string>;
    readonly publicKey: pulumi.Output<string>;
    /** The value of the `PemInstructions` tag. */
    readonly pemInstructions: string;
    /** Generate mode only: the OpenSSH private key, always a secret. */
    readonly privateKeyOpenssh?: pulumi.Output<string>;

    constructor(name: string, args: AccessKeyPairArgs, opts?: pulumi.ComponentResourceOptions) {
        super("bastion-network:access:KeyPair", name, {}, opts);
        const keyName = args.key.name;
        let publicKey: pulumi.Input<string>;
        if ("generate" in args.key) {
            // ED25519: short, fast, and accepted by EC2; OpenSSH format because ssh cannot read PKCS#8 ed25519.
            const generated = new tls.PrivateKey(`${name}-tls`, { algorithm: "ED25519" }, { parent: this });
            publicKey = generated.publicKeyOpenssh;
            this.privateKeyOpenssh = pulumi.secret(generated.privateKeyOpenssh);
        } else {
            publicKey = args.key.publicKey;
        }
        this.pemInstructions = pemInstructionsTag(keyName);
        const keyPair = new aws.ec2.KeyPair(
            name,
            {
                keyName,
                publicKey,
                tags: { ...args.tags, [TagKeys.Name]: keyName, [TagKeys.PemInstructions]: this.pemInstructions },
            },
            { parent: this },
        );
        this.keyName = keyPair.keyName;
        this.keyPairId = keyPair.keyPairId;
        this.publicKey = keyPair.publicKey;
        this.registerOutputs({ keyName: this.keyName, keyPairId: this.keyPairId, privateKeyOpenssh: this.privateKeyOpenssh });
    }
}

/** The logical resource name for a key pair: `<prefix>-key-<purpose>` (the naming rule of infra/naming.ts). */
export function keyPairResourceName(prefix: string, purpose: string): string {
    return `${prefix}-key-${purpose}`;
}
