/**
 * `tls.PrivateKey` for the stand-in `pulumi-resource-tls`. ED25519 keys are real but derived from the
 * resource's URN, so the same stack gets the same key every run (and the network twin can log in with it):
 * anyone with this repository can recompute them, which is fine for a stand-in and never for a real key.
 * RSA and ECDSA keys are generated at random (only ED25519 is used by our program).
 */
import { createHash, createPrivateKey, generateKeyPairSync } from "node:crypto";
import * as sshpk from "sshpk";
import { oneOfStrings } from "./constraints/ec2";
import { ResourceKind } from "./kind";
import { knownString, secret } from "./wire";

/** The fixed DER prefix of a PKCS#8 ED25519 private key (RFC 8410); the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function privatePem(algorithm: string, seedText: string, rsaBits: number, curve: string): string {
    if (algorithm === "ED25519") {
        const seed = createHash("sha256").update(`stand-in tls key::${seedText}`).digest();
        return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" }).export({ format: "pem", type: "pkcs8" }).toString();
    }
    if (algorithm === "RSA") return generateKeyPairSync("rsa", { modulusLength: rsaBits }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const namedCurve = { P224: "secp224r1", P256: "prime256v1", P384: "secp384r1", P521: "secp521r1" }[curve] ?? "prime256v1";
    return generateKeyPairSync("ec", { namedCurve }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/** The outputs the TLS provider computes for a private key (private halves as secrets, as its schema marks them). */
export function privateKeyOutputs(algorithm: string, seedText: string, rsaBits = 2048, curve = "P224") {
    const pkcs8 = privatePem(algorithm, seedText, rsaBits, curve);
    const key = sshpk.parsePrivateKey(pkcs8, "pkcs8");
    const pub = key.toPublic();
    const publicKeyPem = pub.toString("pkcs8");
    const publicKeyOpenssh = `${pub.toString("ssh").split(" ").slice(0, 2).join(" ")}\n`;
    return {
        id: createHash("sha1").update(publicKeyPem).digest("hex"),
        outputs: {
            privateKeyOpenssh: secret(key.toString("openssh")),
            privateKeyPem: secret(algorithm === "ED25519" ? pkcs8 : key.toString("pem")),
            privateKeyPemPkcs8: secret(pkcs8),
            publicKeyOpenssh,
            publicKeyPem,
            publicKeyFingerprintMd5: pub.fingerprint("md5").toString("hex"),
            publicKeyFingerprintSha256: pub.fingerprint("sha256").toString("base64"),
        },
    };
}

export const tlsPrivateKeyKind: ResourceKind = {
    replaceOnChange: ["algorithm", "ecdsaCurve", "rsaBits"],
    computed: ["ecdsaCurve", "rsaBits", "privateKeyOpenssh", "privateKeyPem", "privateKeyPemPkcs8", "publicKeyOpenssh", "publicKeyPem",
        "publicKeyFingerprintMd5", "publicKeyFingerprintSha256"],
    defaults: {},
    rules: [oneOfStrings("algorithm", ["RSA", "ECDSA", "ED25519"], "tls_private_key algorithm, https://registry.terraform.io/providers/hashicorp/tls/latest/docs/resources/private_key")],
    id: (c) => privateKeyOutputs(knownString(c.inputs.algorithm) ?? "ED25519", `${c.project}/${c.stack}/${c.name}`, Number(c.inputs.rsaBits ?? 2048), String(c.inputs.ecdsaCurve ?? "P224")).id,
    outputs: (c) => ({
        ecdsaCurve: c.inputs.ecdsaCurve ?? "P224", rsaBits: c.inputs.rsaBits ?? 2048,
        ...privateKeyOutputs(knownString(c.inputs.algorithm) ?? "ED25519", `${c.project}/${c.stack}/${c.name}`, Number(c.inputs.rsaBits ?? 2048), String(c.inputs.ecdsaCurve ?? "P224")).outputs,
    }),
};
