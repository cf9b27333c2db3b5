/**
 * What the mocked provider answers: deterministic ids, ARNs and IPs derived from resource names,
 * so the same program gives the same offline preview every time. Documentation-range public IPs
 * (203.0.113.0/24) make it plain that nothing here is real.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    FAKE_AMI, FAKE_OPENSSH_PUBLIC_KEY, FAKE_PRIVATE_KEY, fakeArn, fakeFingerprint, fakeId, fakeInstanceAddresses, uniquePublicIp,
} from "./fake-derivation";

// Re-exported: importers of the fake cloud keep one entry point; the derivations live in fake-derivation.ts.
export { FAKE_ACCOUNT, FAKE_OPENSSH_PUBLIC_KEY, FAKE_PRIVATE_KEY, fakeArn, fakeId, fakePrivateIp, fakePublicIp } from "./fake-derivation";

/** An invoke's fake answer, or `undefined` when the fake cloud has none. */
export type InvokeAnswer = (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;

export interface FakeCloud {
    newResource(type: string, name: string, inputs: Record<string, unknown>): pulumi.runtime.MockResourceResult;
    call: InvokeAnswer;
}

/**
 * The provider for one run. In a preview nothing is computed (state is the inputs, ids unknown), as the
 * engine shows it; otherwise every resource gets an id, ARN and the computed values the program reads.
 */
export function createFakeCloud(region: string, preview: boolean): FakeCloud {
    // Instances get an address inside their subnet, so the subnet's CIDR is kept by id.
    const subnetCidrs = new Map<string, string>();
    // Public IPs handed out in this run, by address: no two resources get the same one.
    const publicIps = new Map<string, string>();
    const claim = (name: string) => (ip: string): boolean => {
        const holder = publicIps.get(ip);
        if (holder !== undefined && holder !== name) return false;
        publicIps.set(ip, name);
        return true;
    };
    return {
        newResource(type, name, inputs) {
            if (preview) return { id: undefined, state: inputs };
            const id = fakeId(type, name);
            const state: Record<string, unknown> = { ...inputs, id, arn: fakeArn(type, region, id, inputs), tagsAll: inputs.tags };
            switch (type) {
                case "aws:ec2/subnet:Subnet":
                    subnetCidrs.set(id, String(inputs.cidrBlock));
                    break;
                case "aws:ec2/instance:Instance":
                    Object.assign(state, fakeInstanceAddresses({
                        name, region, subnetCidr: subnetCidrs.get(String(inputs.subnetId)),
                        privateIp: inputs.privateIp, associatePublicIpAddress: inputs.associatePublicIpAddress, claimPublicIp: claim(name),
                    }));
                    break;
                case "aws:ec2/eip:Eip":
                    state.allocationId = id;
                    state.publicIp = uniquePublicIp(name, claim(name));
                    break;
                case "aws:ec2/keyPair:KeyPair":
                    state.keyName = inputs.keyName ?? name;
                    state.fingerprint = fakeFingerprint(name);
                    break;
                case "tls:index/privateKey:PrivateKey":
                    state.privateKeyOpenssh = FAKE_PRIVATE_KEY;
                    state.privateKeyPem = FAKE_PRIVATE_KEY;
                    state.publicKeyOpenssh = FAKE_OPENSSH_PUBLIC_KEY;
                    break;
            }
            return { id, state };
        },
        call(token) {
            if (token === "aws:ec2/getAmi:getAmi") return { ...FAKE_AMI };
            return undefined;
        },
    };
}
