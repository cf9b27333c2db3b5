/**
 * Every modelled type, with inputs like our program's: Check passes, Create answers what a real provider
 * would, and neither a second Diff nor a refresh (Read) shows a change — no perpetual diff.
 */
import { strict as assert } from "node:assert";
import { kindsFor } from "../../../engine/provider/serve";
import { createChecked, standIn, TYPICAL } from "./stand-in-fixture";

describe("stand-in provider: create, diff and refresh round trip", () => {
    it("covers every type the catalog models", () => {
        const s = standIn();
        // A type added to the catalog without a round-trip case here would go unchecked for perpetual diffs.
        assert.deepEqual(Object.keys(kindsFor("aws", () => s.settings)).sort(), Object.keys(TYPICAL).sort());
    });

    for (const [type, inputs] of Object.entries(TYPICAL)) {
        it(`${type.split(":").pop()}: no change after create, nor after a refresh`, async () => {
            const s = standIn();
            const r = await createChecked(s, type, "mhson-x", inputs);
            assert.ok(r.id, "an id");
            const diff = await s.provider.diff(r.id, r.urn, r.outs, r.inputs);
            assert.deepEqual({ changes: diff.changes, replaces: diff.replaces }, { changes: false, replaces: [] });
            const read = await s.provider.read(r.id, r.urn, r.outs);
            assert.deepEqual(read.props, r.outs);
            // A second Check of the same program (olds = the stored inputs) gives the same inputs: autonames are kept.
            const again = await s.provider.check(r.urn, r.inputs, inputs);
            assert.deepEqual(again.inputs, r.inputs);
        });
    }

    it("tls PrivateKey: a real, stable ED25519 key whose private halves are secrets", async () => {
        const s = standIn("tls");
        const a = await createChecked(s, "tls:index/privateKey:PrivateKey", "mhson-key-tls", { algorithm: "ED25519" });
        const b = await createChecked(standIn("tls"), "tls:index/privateKey:PrivateKey", "mhson-key-tls", { algorithm: "ED25519" });
        assert.match(String(a.outs.publicKeyOpenssh), /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI\S+\n$/);
        assert.equal(a.outs.publicKeyOpenssh, b.outs.publicKeyOpenssh);
        const priv = a.outs.privateKeyOpenssh as Record<string, unknown>;
        assert.equal(priv["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270");
        assert.match(String(priv.value), /^-----BEGIN OPENSSH PRIVATE KEY-----/);
        const diff = await s.provider.diff(a.id, a.urn, a.outs, a.inputs);
        assert.equal(diff.changes, false);
        // Its public key is one EC2 imports.
        const imported = await standIn().provider.check("urn:pulumi:dev::p::aws:ec2/keyPair:KeyPair::k", {}, { keyName: "k", publicKey: a.outs.publicKeyOpenssh });
        assert.deepEqual(imported.failures, []);
    });
});
