/**
 * A key pair's state as the pem rule needs it: no state at all (a provider that cannot preview it),
 * and own tags a preview has not resolved (a missing tag may still arrive) as opposed to a `tagsAll`
 * or provider `defaultTags` that is unknown (read as not set).
 */
import { strict as assert } from "assert";
import { ModelResource, buildNetworkModel } from "../../../policies/model";
import { UNKNOWN_SENTINEL } from "../../../policies/model/wire";

const STACK = "urn:pulumi:dev::bastion-network::";
const KP = "aws:ec2/keyPair:KeyPair";
const PROVIDER = `${STACK}pulumi:providers:aws::default_7_0_0`;
const kp = (outputs: Record<string, unknown> | undefined, more: Partial<ModelResource> = {}): ModelResource =>
    ({ urn: `${STACK}${KP}::kp`, type: KP, name: "kp", outputs, propertyDependencies: {}, ...more });
const provider = (defaultTags: unknown): ModelResource =>
    ({ urn: PROVIDER, type: "pulumi:providers:aws", name: "default_7_0_0", outputs: { defaultTags }, propertyDependencies: {} });
const state = (...resources: ModelResource[]) => {
    const k = buildNetworkModel({ resources }).keyPairs[0];
    return [k.stateMissing, k.tagsPending];
};

describe("model key pairs: state and pending tags", () => {
    it("no inputs and no outputs: state missing", () => {
        assert.deepEqual(state(kp({})), [true, false]);
        assert.deepEqual(state(kp(undefined, { inputs: {} })), [true, false]);
    });
    it("known tags, with or without the key: nothing pending", () => {
        assert.deepEqual(state(kp({ tags: { Owner: "x" } })), [false, false]);
        assert.deepEqual(state(kp({ keyName: "k" })), [false, false]);
    });
    it("own tags unknown, or one tag value unknown: pending", () => {
        assert.deepEqual(state(kp({ tags: UNKNOWN_SENTINEL })), [false, true]);
        assert.deepEqual(state(kp({ tags: { PemInstructions: UNKNOWN_SENTINEL } })), [false, true]);
    });
    it("an unknown tagsAll or provider defaultTags alone is not pending (an unknown computed output reads as not set)", () => {
        assert.deepEqual(state(kp({ tags: {}, tagsAll: UNKNOWN_SENTINEL })), [false, false]);
        assert.deepEqual(state(provider(UNKNOWN_SENTINEL), kp({ tags: {} }, { provider: `${PROVIDER}::p-id` })), [false, false]);
    });
});
