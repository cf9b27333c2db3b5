import * as sshpk from "sshpk";

/** What an accepted OpenSSH public key turned out to be. */
export interface PublicKeyInfo {
    type: "ed25519" | "ecdsa" | "rsa";
    bits: number;
    /** The key line without its comment, as EC2 stores it. */
    openssh: string;
    comment?: string;
    /** `SHA256:...`, the form `ssh-keygen -lf` and `ssh -v` print. */
    fingerprint: string;
}

export type PublicKeyCheck = { ok: true; key: PublicKeyInfo } | { ok: false; problem: string };

export interface PublicKeyCheckOptions {
    /**
     * EC2 key pairs (ImportKeyPair) accept only RSA and ED25519; ECDSA keys are fine for Instance Connect's
     * one-time keys. Pass false when the key becomes an `aws.ec2.KeyPair`, so the refusal comes at config
     * time instead of halfway through `pulumi up`.
     */
    allowEcdsa?: boolean;
}

export const MIN_RSA_BITS = 2048;

const FIX = "give one OpenSSH public key line, e.g. the content of ~/.ssh/id_ed25519.pub (create one with `ssh-keygen -t ed25519`)";

/** Key-line algorithms we recognise; anything else is named back to the operator as found. */
const ALGORITHMS: Record<string, PublicKeyInfo["type"] | "dsa" | "security-key"> = {
    "ssh-ed25519": "ed25519",
    "ecdsa-sha2-nistp256": "ecdsa",
    "ecdsa-sha2-nistp384": "ecdsa",
    "ecdsa-sha2-nistp521": "ecdsa",
    "ssh-rsa": "rsa",
    "ssh-dss": "dsa",
    "sk-ssh-ed25519@openssh.com": "security-key",
    "sk-ecdsa-sha2-nistp256@openssh.com": "security-key",
};

/** Checks an OpenSSH public key line; the problem text says what was found and what to give instead. */
export function checkPublicKey(raw: unknown, options: PublicKeyCheckOptions = {}): PublicKeyCheck {
    const allowEcdsa = options.allowEcdsa ?? true;
    if (typeof raw !== "string" || raw.trim() === "") {
        return { ok: false, problem: `found ${describe(raw)}; ${FIX}` };
    }
    const text = raw.trim();
    if (/PRIVATE KEY/.test(text)) {
        // Said loudly: the config (and Pulumi state) must never hold a private key.
        return {
            ok: false,
            problem: `found a PRIVATE key; never put a private key in config. Remove it, and ${FIX}`,
        };
    }
    if (/^-----BEGIN PUBLIC KEY-----|^---- BEGIN SSH2 PUBLIC KEY ----/.test(text)) {
        return {
            ok: false,
            problem: `found a PEM/RFC4716 public key block; convert it with \`ssh-keygen -i -m PKCS8 -f key.pub\` (or \`ssh-keygen -i -f key.pub\` for RFC4716) and ${FIX}`,
        };
    }
    if (/[\r\n]/.test(text)) {
        return { ok: false, problem: `found ${text.split(/\r?\n/).length} lines; ${FIX}` };
    }
    const algorithm = text.split(/\s+/)[0];
    const kind = ALGORITHMS[algorithm];
    if (kind === undefined) {
        return { ok: false, problem: `found an unknown key type "${truncate(algorithm)}"; ${FIX}` };
    }
    if (kind === "dsa") {
        return { ok: false, problem: `found a DSA (ssh-dss) key, which EC2 and current OpenSSH refuse; ${FIX}` };
    }
    if (kind === "security-key") {
        return {
            ok: false,
            problem: `found a FIDO security-key key (${algorithm}), which EC2 key pairs cannot import; ${FIX}`,
        };
    }
    const blobType = typeInBlob(text.split(/\s+/)[1] ?? "");
    if (blobType !== undefined && blobType !== algorithm) {
        // The blob names its own type; a mismatch means a hand-edited or spliced line.
        return { ok: false, problem: `found a line labelled "${algorithm}" whose key data is ${truncate(blobType)}; ${FIX}` };
    }
    let parsed: sshpk.Key;
    try {
        parsed = sshpk.parseKey(text, "ssh");
    } catch (e) {
        return { ok: false, problem: `found a "${algorithm}" line whose key data does not parse (${(e as Error).message}); ${FIX}` };
    }
    if (kind === "rsa" && parsed.size < MIN_RSA_BITS) {
        return {
            ok: false,
            problem: `found an RSA key of ${parsed.size} bits; RSA keys must have at least ${MIN_RSA_BITS} bits — prefer \`ssh-keygen -t ed25519\`, or \`ssh-keygen -t rsa -b 4096\``,
        };
    }
    if (kind === "ecdsa" && !allowEcdsa) {
        return {
            ok: false,
            problem: `found an ECDSA (${parsed.curve ?? algorithm}) key; EC2 key pairs accept only ED25519 or RSA (>= ${MIN_RSA_BITS} bits) — ${FIX}`,
        };
    }
    const parts = text.split(/\s+/);
    return {
        ok: true,
        key: {
            type: kind,
            bits: parsed.size,
            openssh: `${parts[0]} ${parts[1]}`,
            comment: parts.length > 2 ? parts.slice(2).join(" ") : undefined,
            fingerprint: parsed.fingerprint("sha256").toString(),
        },
    };
}

/** The algorithm name at the start of an SSH public key blob (RFC 4253 §6.6), if it can be read. */
function typeInBlob(base64: string): string | undefined {
    const blob = Buffer.from(base64, "base64");
    if (blob.length < 4) return undefined;
    const length = blob.readUInt32BE(0);
    return length > 0 && length < 64 && blob.length >= 4 + length ? blob.subarray(4, 4 + length).toString("latin1") : undefined;
}

function describe(raw: unknown): string {
    if (raw === undefined) return "nothing";
    if (typeof raw === "string") return "an empty string";
    return `a ${Array.isArray(raw) ? "list" : typeof raw}`;
}

function truncate(s: string): string {
    return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}
