import { generateKeyPairSync } from "node:crypto";
import * as sshpk from "sshpk";

/** Fresh OpenSSH public key lines made at test time, so no key material is ever committed. */
type Spec = ["ed25519", Record<string, never>] | ["ec", { namedCurve: string }] | ["rsa" | "dsa", { modulusLength: number }];

function openssh(spec: Spec, comment = "tester@laptop"): string {
    // The overloads of generateKeyPairSync are per key type; the union of specs does not pick one.
    const { publicKey } = (generateKeyPairSync as (t: string, o: object) => { publicKey: import("node:crypto").KeyObject })(spec[0], spec[1]);
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    // sshpk appends "(unnamed)" as the comment; keep type and blob only.
    const [type, blob] = sshpk.parseKey(pem, "pem").toString("ssh").split(" ");
    return `${type} ${blob} ${comment}`;
}

export const keys = {
    ed25519: () => openssh(["ed25519", {}]),
    ecdsa: (curve: "P-256" | "P-384" | "P-521") => openssh(["ec", { namedCurve: curve }]),
    rsa: (bits: number) => openssh(["rsa", { modulusLength: bits }]),
    dsa: () => openssh(["dsa", { modulusLength: 1024 }]),
    /** A PEM private key, as someone might paste by mistake. */
    privatePem: () =>
        generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    /** A PEM (SPKI) public key block, valid but not in OpenSSH one-line form. */
    spkiPem: () => generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString(),
};
