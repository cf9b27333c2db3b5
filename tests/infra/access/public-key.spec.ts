import * as assert from "node:assert/strict";
import { checkPublicKey } from "../../../infra/access/public-key";
import { keys } from "./test-keys";

describe("access: OpenSSH public key check", () => {
    const accepted: [string, () => string, string, number][] = [
        ["ed25519", keys.ed25519, "ed25519", 256],
        ["ecdsa P-256", () => keys.ecdsa("P-256"), "ecdsa", 256],
        ["ecdsa P-384", () => keys.ecdsa("P-384"), "ecdsa", 384],
        ["ecdsa P-521", () => keys.ecdsa("P-521"), "ecdsa", 521],
        ["rsa 2048", () => keys.rsa(2048), "rsa", 2048],
        ["rsa 3072", () => keys.rsa(3072), "rsa", 3072],
    ];
    for (const [label, make, type, bits] of accepted) {
        it(`accepts ${label} and reports its type, size and fingerprint`, () => {
            const line = make();
            const r = checkPublicKey(line);
            assert.ok(r.ok, r.ok ? "" : r.problem);
            assert.equal(r.key.type, type);
            assert.equal(r.key.bits, bits);
            assert.match(r.key.fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
            assert.equal(r.key.comment, "tester@laptop");
            assert.equal(r.key.openssh, line.split(" ").slice(0, 2).join(" "));
        });
    }

    it("accepts surrounding whitespace (pasted from a file with a trailing newline)", () => {
        assert.ok(checkPublicKey(`  ${keys.ed25519()}\n`).ok);
    });

    const refused: [string, () => unknown, RegExp, object?][] = [
        ["rsa 1024", () => keys.rsa(1024), /RSA key of 1024 bits; RSA keys must have at least 2048 bits/],
        ["dsa", keys.dsa, /DSA \(ssh-dss\) key/],
        ["a private key", keys.privatePem, /found a PRIVATE key; never put a private key in config/],
        ["a PEM public key block", keys.spkiPem, /PEM\/RFC4716 public key block; convert it with `ssh-keygen -i/],
        ["two keys", () => `${keys.ed25519()}\n${keys.ed25519()}`, /found 2 lines/],
        ["a FIDO key", () => "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t x", /FIDO security-key key \(sk-ssh-ed25519@openssh.com\)/],
        ["an unknown type", () => "ssh-foo AAAA x", /unknown key type "ssh-foo"/],
        ["a truncated blob", () => keys.ed25519().slice(0, 30), /does not parse/],
        ["a mislabelled blob", () => keys.ed25519().replace(/^ssh-ed25519/, "ssh-rsa"), /labelled "ssh-rsa" whose key data is ssh-ed25519/],
        ["an empty string", () => "  ", /found an empty string/],
        ["a number", () => 42, /found a number/],
        ["nothing", () => undefined, /found nothing/],
        ["ecdsa for an EC2 key pair", () => keys.ecdsa("P-256"), /ECDSA \(nistp256\) key; EC2 key pairs accept only ED25519 or RSA/, { allowEcdsa: false }],
    ];
    for (const [label, make, message, options] of refused) {
        it(`refuses ${label}, saying what it found`, () => {
            const r = checkPublicKey(make(), options);
            assert.equal(r.ok, false);
            if (!r.ok) assert.match(r.problem, message);
        });
    }

    it("still accepts ed25519 and RSA when ECDSA is not allowed", () => {
        assert.ok(checkPublicKey(keys.ed25519(), { allowEcdsa: false }).ok);
        assert.ok(checkPublicKey(keys.rsa(2048), { allowEcdsa: false }).ok);
    });

    it("never echoes private key material in its problem", () => {
        const pem = keys.privatePem();
        const r = checkPublicKey(pem);
        assert.equal(r.ok, false);
        const body = pem.split("\n")[1];
        if (!r.ok) assert.ok(!r.problem.includes(body));
    });
});
