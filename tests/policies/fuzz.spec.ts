/**
 * Random and malformed shapes (null, strings where lists belong, nested unknowns, secrets, huge
 * port ranges) never make a rule throw anything but UnknownValueError: the harness turns that into
 * an advisory and fails the run on anything else, so a resolved run is the assertion.
 */
import { strict as assert } from "assert";
import type { ResourceSnapshot } from "../../offline/snapshot";
import { T, UNKNOWN, cipherSecret, runPack, secret, snapshot, urnOf } from "../helpers/harness";

/** Small deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
    return () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const keys = [
    "ingress", "egress", "protocol", "ipProtocol", "fromPort", "toPort", "cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "securityGroups", "self",
    "cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId", "sourceSecurityGroupId", "securityGroupId", "type", "description",
    "tags", "tagsAll", "Role", "Tier", "Name", "PemInstructions", "id", "arn", "name", "subnetId", "associatePublicIpAddress", "publicIp",
    "mapPublicIpOnLaunch", "instance", "networkInterface", "instanceId", "networkInterfaceId", "networkInterfaces", "routes", "gatewayId",
    "routeTableId", "vpcId", "trafficType", "metadataOptions", "httpTokens", "httpEndpoint", "rootBlockDevice", "ebsBlockDevices",
    "blockDeviceMappings", "ebs", "encrypted", "userData", "userDataBase64", "publicKey", "publicKeyOpenssh",
];
const types = Object.values(T);

function value(r: () => number, depth: number): unknown {
    const pick = Math.floor(r() * 16);
    switch (pick) {
        case 0: return null;
        case 1: return UNKNOWN;
        case 2: return ["tcp", "-1", "all", "6", "udp", "ingress", "egress", "0.0.0.0/0", "::/0", "10.0.0.0/8", "bastion", "internal", "required", "chmod 400", "sg-1", "igw-1", "true", "TMOUT=600"][Math.floor(r() * 18)];
        case 3: return [22, 0, 65535, -1, 1e15, -1e15, 3.7, NaN][Math.floor(r() * 8)];
        case 4: return r() < 0.5;
        case 5: return secret(depth > 0 ? value(r, depth - 1) : "s");
        case 6: return cipherSecret();
        case 7: return "";
        default:
            if (depth <= 0) return "leaf";
            if (pick < 11) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth - 1));
            return object(r, depth - 1);
    }
}

function object(r: () => number, depth: number): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    const n = Math.floor(r() * 8);
    for (let i = 0; i < n; i++) o[keys[Math.floor(r() * keys.length)]] = value(r, depth);
    return o;
}

function randomStack(seed: number, size: number): ResourceSnapshot[] {
    const r = rng(seed);
    const out: ResourceSnapshot[] = [];
    for (let i = 0; i < size; i++) {
        const type = types[Math.floor(r() * types.length)];
        const name = `r${i}`;
        const inputs = object(r, 3);
        const outputs = r() < 0.5 ? inputs : object(r, 3);
        const propertyDependencies: Record<string, string[]> = {};
        for (const k of Object.keys(inputs)) {
            propertyDependencies[k] = out.filter(() => r() < 0.2).map((d) => d.urn);
        }
        out.push({ urn: urnOf(type, name), type, name, custom: true, inputs, outputs, dependencies: [], propertyDependencies });
    }
    return out;
}

describe("fuzz: malformed shapes never crash a rule", () => {
    for (let seed = 1; seed <= 60; seed++) {
        it(`seed ${seed}`, async () => {
            const res = randomStack(seed, 40);
            const result = await runPack(snapshot(res, "offline-preview"));
            // Every event is well-formed and advisory unless a known value decided it.
            for (const v of result.violations) assert.ok(["advisory", "mandatory"].includes(v.enforcementLevel));
        });
    }
    it("hand-picked hostile shapes", async () => {
        const hostile: [string, Record<string, unknown>][] = [
            [T.SecurityGroup, { ingress: "0.0.0.0/0" }],
            [T.SecurityGroup, { ingress: [null, "x", 3, [UNKNOWN], { cidrBlocks: "0.0.0.0/0", protocol: "tcp", fromPort: 0, toPort: 1e308 }] }],
            [T.SecurityGroupRule, { type: "ingress", protocol: "tcp", description: { nested: UNKNOWN }, fromPort: "abc", cidrBlocks: [UNKNOWN, "0.0.0.0/0"] }],
            [T.IngressRule, { ipProtocol: -1, cidrIpv4: ["0.0.0.0/0"], securityGroupId: { not: "a string" } }],
            [T.Instance, { tags: ["Role", "bastion"], userData: 42, metadataOptions: "required", rootBlockDevice: [true] }],
            [T.LaunchTemplate, { networkInterfaces: "eni", blockDeviceMappings: [{ ebs: UNKNOWN }], userData: "%%%" }],
            [T.KeyPair, { tags: { PemInstructions: cipherSecret() } }],
            [T.RouteTable, { routes: { gatewayId: "igw-1" } }],
            [T.Eip, { instance: [UNKNOWN] }],
        ];
        const res = hostile.map(([type, inputs], i) => ({ urn: urnOf(type, `h${i}`), type, name: `h${i}`, custom: true, inputs, outputs: inputs, dependencies: [], propertyDependencies: { ingress: ["urn:pulumi:dev::x::gone::g"] } }));
        const result = await runPack(snapshot(res, "offline-preview"));
        // A world-open CIDR next to an unknown one is still decided.
        assert.ok(result.violations.some((v) => v.policyName === "ssh-only-from-bastion" && v.enforcementLevel === "mandatory" && v.resourceUrn?.endsWith("::h2")));
    });
});
