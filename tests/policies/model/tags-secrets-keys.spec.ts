/**
 * Tags with the provider's defaultTags (as a stack export, a preview and the engine's PolicyResources
 * carry them), secrets read as secret, key pairs and TLS keys, and the adapter from a policy's resources.
 */
import { strict as assert } from "assert";
import { ModelResource, buildNetworkModel, fromPolicyResources } from "../../../policies/model";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_SENTINEL } from "../../../policies/model/wire";

const STACK = "urn:pulumi:dev::bastion-network::";
const PROVIDER = `${STACK}pulumi:providers:aws::default_7_0_0`;
const KP = "aws:ec2/keyPair:KeyPair";
const res = (type: string, name: string, outputs: Record<string, unknown>, more: Partial<ModelResource> = {}): ModelResource =>
    ({ urn: `${STACK}${type}::${name}`, type, name, outputs, propertyDependencies: {}, ...more });
const provider = (defaultTags: unknown) => res("pulumi:providers:aws", "default_7_0_0", { defaultTags }, { urn: PROVIDER });

describe("model tags: the provider's defaultTags", () => {
    const cases: [string, unknown, Record<string, unknown>, string | undefined | "?"][] = [
        ["defaultTags as JSON text (a provider's config)", JSON.stringify({ tags: { Role: "bastion" } }), {}, "bastion"],
        ["defaultTags as an object", { tags: { Role: "bastion" } }, {}, "bastion"],
        ["the resource's own tag over the default", { tags: { Role: "bastion" } }, { tags: { Role: "web" } }, "web"],
        ["tagsAll after an update", undefined, { tagsAll: { Role: "db" } }, "db"],
        ["no tag anywhere", { tags: { Owner: "x" } }, { tags: {} }, undefined],
        ["tags unknown and no default says it", { tags: { Owner: "x" } }, { tags: UNKNOWN_SENTINEL, tagsAll: UNKNOWN_SENTINEL }, "?"],
        ["tags unknown, the default says it", { tags: { Role: "bastion" } }, { tags: UNKNOWN_SENTINEL, tagsAll: UNKNOWN_SENTINEL }, "bastion"],
        ["the provider's defaultTags unknown", UNKNOWN_SENTINEL, { tags: {} }, "?"],
    ];
    for (const [what, defaults, outputs, expected] of cases) {
        it(what, () => {
            const kp = res(KP, "kp", outputs, { provider: `${PROVIDER}::p-id` });
            const m = buildNetworkModel({ resources: [provider(defaults), kp] });
            const role = m.keyPairs[0].tags.Role;
            const sg = res("aws:ec2/securityGroup:SecurityGroup", "sg", outputs, { provider: `${PROVIDER}::p-id` });
            const read = buildNetworkModel({ resources: [provider(defaults), sg] }).securityGroups[0];
            // `tags` holds what is known; the hosts' and subnets' Reads say unknown where it is.
            assert.equal(role, expected === "?" ? undefined : expected);
            assert.equal(read.tags.Role, expected === "?" ? undefined : expected);
        });
    }

    it("a Role that arrives only through defaultTags reaches a host's role (and unknown stays unknown)", () => {
        const sub = res("aws:ec2/subnet:Subnet", "s", { id: "subnet-1", cidrBlock: "10.0.0.0/24" });
        const host = (tags: unknown) => res("aws:ec2/instance:Instance", "i", { subnetId: "subnet-1", tags }, { provider: `${PROVIDER}::p-id` });
        const known = buildNetworkModel({ resources: [provider({ tags: { Role: "bastion" } }), sub, host({})] }).hosts[0].role;
        assert.deepEqual(known, { known: true, value: "bastion", secret: false });
        const open = buildNetworkModel({ resources: [provider(UNKNOWN_SENTINEL), sub, host({})] }).hosts[0].role;
        assert.equal(open.known, false);
    });
});

describe("model secrets and keys", () => {
    const secret = (value: string) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
    const encrypted = { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: "AAAA" };
    const tls = "tls:index/privateKey:PrivateKey";

    it("a TLS key's private half reads as a secret, or as unknown (secret) when encrypted; never as the wrapper", () => {
        const m = buildNetworkModel({ resources: [res(tls, "k1", { privateKeyPem: secret("-----BEGIN") }), res(tls, "k2", { privateKeyPem: encrypted })] });
        assert.deepEqual(m.tlsKeys[0].privateKeyPem, { known: true, value: "-----BEGIN", secret: true });
        assert.deepEqual([m.tlsKeys[1].privateKeyPem.known, !m.tlsKeys[1].privateKeyPem.known && m.tlsKeys[1].privateKeyPem.reason], [false, "secret"]);
    });

    it("a key pair names the TLS key its publicKey came from; a key that makes a certificate is a TLS key", () => {
        const key = res(tls, "ssh", { publicKeyOpenssh: "ssh-ed25519 AAAA" });
        const certKey = res(tls, "ca", {});
        const cert = res("tls:index/selfSignedCert:SelfSignedCert", "cert", {}, { propertyDependencies: { privateKeyPem: [certKey.urn] } });
        const kp = res(KP, "kp", { publicKey: "ssh-ed25519 AAAA" }, { propertyDependencies: { publicKey: [key.urn] } });
        const m = buildNetworkModel({ resources: [key, certKey, cert, kp] });
        assert.deepEqual(m.keyPairs[0].fromKeys, [key.urn]);
        assert.deepEqual(m.tlsKeys.map((k) => [k.name, k.signs.length]), [["ssh", 0], ["ca", 1]]);
    });
});

describe("model input from a policy's resources", () => {
    it("reads the proxy's target (unknowns stay sentinels), keeps dependencies and brings the provider along", () => {
        const target = { id: "sg-1", tags: UNKNOWN_SENTINEL };
        const proxy = { __isSpecialProxy: true, __getSpecialProxyTarget: target };
        const providerRes = { urn: PROVIDER, type: "pulumi:providers:aws", name: "default_7_0_0", props: { defaultTags: JSON.stringify({ tags: { Role: "web" } }) } };
        const snap = fromPolicyResources([{ urn: `${STACK}aws:ec2/securityGroup:SecurityGroup::sg`, type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: proxy, propertyDependencies: { vpcId: [{ urn: "urn:v" }] }, provider: providerRes }]);
        assert.deepEqual(snap.resources.map((r) => r.urn), [`${STACK}aws:ec2/securityGroup:SecurityGroup::sg`, PROVIDER]);
        assert.equal(snap.resources[0].outputs, target);
        assert.deepEqual(snap.resources[0].propertyDependencies, { vpcId: ["urn:v"] });
        const m = buildNetworkModel(snap);
        assert.equal(m.securityGroups[0].tags.Role, "web");
    });
});
