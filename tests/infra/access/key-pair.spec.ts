import * as assert from "node:assert/strict";
import { AccessKeyPair } from "../../../infra/access/key-pair";
import { byType, installMocks, isSecret, one, resetRegistered, settle, valueOf } from "./mocks";
import { keys } from "./test-keys";

describe("access: AccessKeyPair (mocks)", () => {
    before(installMocks);
    beforeEach(resetRegistered);

    it("imports the operator's public key, with no private key anywhere", async () => {
        const publicKey = keys.ed25519().split(" ").slice(0, 2).join(" ");
        const kp = new AccessKeyPair("mhson-key-hosts", { key: { name: "mhson-key", publicKey }, tags: { Project: "x" } });
        assert.equal(await valueOf(kp.keyName), "mhson-key");
        await settle();
        const r = one("aws:ec2/keyPair:KeyPair");
        assert.equal(r.name, "mhson-key-hosts");
        assert.equal(r.inputs.keyName, "mhson-key");
        assert.equal(r.inputs.publicKey, publicKey);
        assert.equal(r.inputs.tags.Name, "mhson-key");
        assert.equal(r.inputs.tags.Project, "x");
        assert.equal(byType("tls:index/privateKey:PrivateKey").length, 0);
        assert.equal(kp.privateKeyOpenssh, undefined);
    });

    it("tags the key pair with PemInstructions containing chmod 400 <file>", async () => {
        const kp = new AccessKeyPair("k", { key: { name: "mhson-key", generate: true } });
        await valueOf(kp.keyName);
        await settle();
        const tag = one("aws:ec2/keyPair:KeyPair").inputs.tags.PemInstructions;
        assert.ok(tag.includes("chmod 400 mhson-key.pem"), tag);
        assert.equal(tag, kp.pemInstructions);
    });

    it("generate mode: an ED25519 tls key feeds the key pair; its private half is only a secret output", async () => {
        const kp = new AccessKeyPair("k", { key: { name: "gen-key", generate: true } });
        assert.ok(kp.privateKeyOpenssh);
        assert.equal(await isSecret(kp.privateKeyOpenssh), true);
        assert.match(await valueOf(kp.privateKeyOpenssh), /BEGIN OPENSSH PRIVATE KEY/);
        await settle();
        assert.equal(one("tls:index/privateKey:PrivateKey").inputs.algorithm, "ED25519");
        assert.match(one("aws:ec2/keyPair:KeyPair").inputs.publicKey, /^ssh-ed25519 /);
    });
});
