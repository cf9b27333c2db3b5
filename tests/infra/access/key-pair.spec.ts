import * as assert from "node:assert/strict";
import { AccessKeyPair } from "../../../infra/access/key-pair";
import { ofType, one, runComponents, secretValue, tagsOf } from "../../helpers/mocks";
import { keys } from "./test-keys";

const KEY_PAIR = "aws:ec2/keyPair:KeyPair";
const TLS_KEY = "tls:index/privateKey:PrivateKey";

describe("access: AccessKeyPair (mocks)", () => {
    it("imports the operator's public key, with no private key anywhere", async () => {
        const publicKey = keys.ed25519().split(" ").slice(0, 2).join(" ");
        const run = await runComponents(() => {
            const kp = new AccessKeyPair("mhson-key-hosts", { key: { name: "mhson-key", publicKey }, tags: { Project: "x" } });
            return { keyName: kp.keyName, hasPrivateKey: kp.privateKeyOpenssh !== undefined };
        });
        assert.equal(run.outputs.keyName, "mhson-key");
        const r = one(run, KEY_PAIR);
        assert.equal(r.name, "mhson-key-hosts");
        assert.equal(r.inputs.keyName, "mhson-key");
        assert.equal(r.inputs.publicKey, publicKey);
        assert.equal(tagsOf(r).Name, "mhson-key");
        assert.equal(tagsOf(r).Project, "x");
        assert.equal(ofType(run, TLS_KEY).length, 0);
        assert.equal(run.outputs.hasPrivateKey, false);
    });

    it("tags the key pair with PemInstructions containing chmod 400 <file>", async () => {
        const run = await runComponents(() => {
            const kp = new AccessKeyPair("k", { key: { name: "mhson-key", generate: true } });
            return { pemInstructions: kp.pemInstructions };
        });
        const tag = tagsOf(one(run, KEY_PAIR)).PemInstructions;
        assert.ok(tag.includes("chmod 400 mhson-key.pem"), tag);
        assert.equal(tag, run.outputs.pemInstructions);
    });

    it("generate mode: an ED25519 tls key feeds the key pair; its private half is only a secret output", async () => {
        const run = await runComponents(() => {
            const kp = new AccessKeyPair("k", { key: { name: "gen-key", generate: true } });
            return { hasPrivateKey: kp.privateKeyOpenssh !== undefined, privateKeyOpenssh: kp.privateKeyOpenssh };
        });
        assert.equal(run.outputs.hasPrivateKey, true);
        // secretValue fails unless the output arrived marked secret.
        assert.match(String(secretValue(run.outputs.privateKeyOpenssh)), /BEGIN OPENSSH PRIVATE KEY/);
        assert.equal(one(run, TLS_KEY).inputs.algorithm, "ED25519");
        assert.match(String(one(run, KEY_PAIR).inputs.publicKey), /^ssh-ed25519 /);
    });
});
