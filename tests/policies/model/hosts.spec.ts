/**
 * Hosts and the addresses they get: an instance's own associatePublicIpAddress, its launch template's
 * primary interface, its subnet's mapPublicIpOnLaunch; Elastic IPs bound directly or through an
 * association; network interfaces; auto scaling groups through their template or launch configuration;
 * spot requests; load balancers. A preview's unknown the program did not set reads as not set.
 */
import { strict as assert } from "assert";
import { Host, Verdict, buildNetworkModel } from "../../../policies/model";
import { Builder, TY, link, urn } from "../reachability/network-fixture";
import { UNKNOWN } from "../../../offline/snapshot";

const T = {
    ...TY,
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    lc: "aws:ec2/launchConfiguration:LaunchConfiguration",
    asg: "aws:autoscaling/group:Group",
    spot: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
    eipAssoc: "aws:ec2/eipAssociation:EipAssociation",
};
const vpc = link("vpcId", TY.vpc, "vpc");
const inSubnet = link("subnetId", TY.subnet, "s");

function base(preview: boolean, mapPublicIpOnLaunch = false): Builder {
    const b = new Builder(preview);
    b.add(TY.vpc, "vpc", { cidrBlock: "10.0.0.0/16" });
    b.add(TY.subnet, "s", { cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch }, [vpc]);
    b.add(TY.sg, "sg", {}, [vpc]);
    return b;
}

const template = (b: Builder, associate: boolean | undefined) =>
    b.add(T.lt, "lt", { name: "lt-web", networkInterfaces: [{ deviceIndex: 0, subnetId: b.idOf("s"), ...(associate === undefined ? {} : { associatePublicIpAddress: String(associate) }) }] }, [link("networkInterfaces", TY.subnet, "s", { nested: true })]);

interface Case {
    what: string;
    build: (b: Builder) => void;
    host: string;
    mapPublicIpOnLaunch?: boolean;
    verdict: Verdict;
    via: RegExp;
    kind: Host["kind"];
}

const cases: Case[] = [
    { what: "an instance that sets associatePublicIpAddress: true", build: (b) => b.add(TY.instance, "i", { associatePublicIpAddress: true }, [inSubnet]), host: "i", verdict: "yes", via: /associatePublicIpAddress: true/, kind: "instance" },
    { what: "an instance that sets it false in a subnet that maps public IPs", mapPublicIpOnLaunch: true, build: (b) => b.add(TY.instance, "i", { associatePublicIpAddress: false }, [inSubnet]), host: "i", verdict: "no", via: /false/, kind: "instance" },
    { what: "an instance that says nothing, in a subnet that maps public IPs", mapPublicIpOnLaunch: true, build: (b) => b.add(TY.instance, "i", {}, [inSubnet]), host: "i", verdict: "yes", via: /mapPublicIpOnLaunch/, kind: "instance" },
    { what: "an instance that says nothing, in a subnet that does not", build: (b) => b.add(TY.instance, "i", {}, [inSubnet]), host: "i", verdict: "no", via: /mapPublicIpOnLaunch/, kind: "instance" },
    {
        what: "an instance launched from a template whose primary interface associates one (subnet from the template)",
        build: (b) => {
            template(b, true);
            b.add(TY.instance, "i", { launchTemplate: { id: b.idOf("lt") } }, [link("launchTemplate", T.lt, "lt")]);
        },
        host: "i", verdict: "yes", via: /launches from 'lt'/, kind: "instance",
    },
    { what: "an instance with an Elastic IP", build: (b) => { b.add(TY.instance, "i", { associatePublicIpAddress: false }, [inSubnet]); b.add(TY.eip, "e", {}, [link("instance", TY.instance, "i")]); }, host: "i", verdict: "yes", via: /Elastic IP/, kind: "instance" },
    {
        what: "an instance with an Elastic IP through an EipAssociation",
        build: (b) => {
            b.add(TY.instance, "i", { associatePublicIpAddress: false }, [inSubnet]);
            b.add(TY.eip, "e", {});
            b.add(T.eipAssoc, "ea", {}, [link("instanceId", TY.instance, "i"), link("allocationId", TY.eip, "e")]);
        },
        host: "i", verdict: "yes", via: /Elastic IP/, kind: "instance",
    },
    { what: "a network interface with an Elastic IP", build: (b) => { b.add(TY.eni, "n", {}, [inSubnet]); b.add(TY.eip, "e", {}, [link("networkInterface", TY.eni, "n")]); }, host: "n", verdict: "yes", via: /Elastic IP/, kind: "network-interface" },
    { what: "a spot request that associates a public IP", build: (b) => b.add(T.spot, "sp", { associatePublicIpAddress: true }, [inSubnet]), host: "sp", verdict: "yes", via: /associatePublicIpAddress/, kind: "spot-request" },
    {
        what: "an auto scaling group whose template associates a public IP",
        build: (b) => { template(b, true); b.add(T.asg, "g", { launchTemplate: { id: b.idOf("lt") } }, [link("launchTemplate", T.lt, "lt"), link("vpcZoneIdentifiers", TY.subnet, "s", { list: true })]); },
        host: "g", verdict: "yes", via: /launch template 'lt'/, kind: "autoscaling-group",
    },
    {
        what: "an auto scaling group whose launch configuration does not",
        build: (b) => { b.add(T.lc, "lc", { associatePublicIpAddress: false }); b.add(T.asg, "g", {}, [link("launchConfiguration", T.lc, "lc"), link("vpcZoneIdentifiers", TY.subnet, "s", { list: true })]); },
        host: "g", verdict: "no", via: /launch configuration/, kind: "autoscaling-group",
    },
    { what: "an internet-facing load balancer", build: (b) => b.add(TY.lb, "lb", { internal: false }, [link("subnets", TY.subnet, "s", { list: true })]), host: "lb", verdict: "yes", via: /internal/, kind: "load-balancer" },
    { what: "an internal load balancer", build: (b) => b.add(TY.lb, "lb", { internal: true }, [link("subnets", TY.subnet, "s", { list: true })]), host: "lb", verdict: "no", via: /internal/, kind: "load-balancer" },
];

const hostOf = (b: Builder, name: string) => buildNetworkModel(b.snapshot()).hosts.find((h) => h.name === name)!;

describe("model hosts: which addresses they get", () => {
    for (const preview of [false, true]) {
        for (const c of cases) {
            it(`${c.what}${preview ? " (preview)" : ""}`, () => {
                const b = base(preview, c.mapPublicIpOnLaunch);
                c.build(b);
                const h = hostOf(b, c.host);
                assert.equal(h.kind, c.kind);
                assert.equal(h.publicAddress.verdict, c.verdict, JSON.stringify(h.publicAddress));
                assert.match(h.publicAddress.via, c.via);
                assert.deepEqual(h.subnets.urns, [urn(TY.subnet, "s")]);
            });
        }
    }

    it("a known private IP and public IP after an update; the subnet's block while they are not known", () => {
        const b = base(false);
        b.add(TY.instance, "i", { associatePublicIpAddress: true }, [inSubnet], { privateIp: "10.0.1.5", publicIp: "198.51.100.7" });
        assert.deepEqual(hostOf(b, "i").addresses.map((a) => `${a.kind} ${a.ip ?? "?"}`), ["private 10.0.1.5", "public-ip 198.51.100.7"]);
        const p = base(true);
        p.add(TY.instance, "i", { associatePublicIpAddress: true }, [inSubnet], { privateIp: "10.0.1.5", publicIp: "198.51.100.7" });
        assert.deepEqual(hostOf(p, "i").addresses.map((a) => `${a.kind} ${a.ip ?? "?"}`), ["private ?", "public-ip ?"]);
    });

    it("in a preview, an associatePublicIpAddress the program set from another resource is unknown; one it never set is not set", () => {
        const b = base(true, false);
        b.add(TY.instance, "set", {}, [inSubnet]).outputs.associatePublicIpAddress = UNKNOWN;
        b.get("set").propertyDependencies.associatePublicIpAddress = [urn(TY.subnet, "s")];
        b.add(TY.instance, "unset", {}, [inSubnet]).outputs.associatePublicIpAddress = UNKNOWN;
        const m = buildNetworkModel(b.snapshot());
        const [set, unset] = ["set", "unset"].map((n) => m.hosts.find((h) => h.name === n)!);
        assert.deepEqual([set.associatePublicIp.known, set.publicAddress.verdict], [false, "unknown"]);
        assert.deepEqual([unset.associatePublicIp, unset.publicAddress.verdict], [{ known: true, value: undefined, secret: false }, "no"]);
    });

    it("a host's groups by id, by dependency, outside the snapshot, or its VPC's default group when it names none", () => {
        for (const preview of [false, true]) {
            const b = base(preview);
            b.add(TY.instance, "i", {}, [inSubnet, link("vpcSecurityGroupIds", TY.sg, "sg", { list: true })]);
            b.add(TY.instance, "ext", { vpcSecurityGroupIds: ["sg-0outside"] }, [inSubnet]);
            b.add(TY.instance, "none", {}, [inSubnet]);
            const m = buildNetworkModel(b.snapshot());
            const of = (n: string) => m.hosts.find((h) => h.name === n)!;
            assert.deepEqual(of("i").groupKeys, [urn(TY.sg, "sg")]);
            assert.deepEqual(of("ext").groupKeys, ["id:sg-0outside"]);
            assert.deepEqual([of("none").groupKeys, of("none").groupsUnknown, of("none").groupsWhy], [[], true, "none uses its VPC's default security group, which is not in the snapshot"]);
        }
    });

    it("a Role from the host's own tag, else its first group's", () => {
        const b = base(false);
        b.get("sg").outputs.tags = { Role: "web" };
        b.add(TY.instance, "own", { tags: { Role: "bastion" } }, [inSubnet, link("vpcSecurityGroupIds", TY.sg, "sg", { list: true })]);
        b.add(TY.instance, "grouped", {}, [inSubnet, link("vpcSecurityGroupIds", TY.sg, "sg", { list: true })]);
        const m = buildNetworkModel(b.snapshot());
        assert.deepEqual(["own", "grouped"].map((n) => m.hosts.find((h) => h.name === n)!.role), [{ known: true, value: "bastion", secret: false }, { known: true, value: "web", secret: false }]);
    });
    it("which setting gives an instance its public IP, and the resource that holds it: its own, else its template's primary interface", () => {
        const b = base(false);
        b.add(TY.instance, "own", { associatePublicIpAddress: true }, [inSubnet]);
        template(b, true);
        b.add(TY.instance, "templated", { launchTemplate: { id: b.idOf("lt") } }, [link("launchTemplate", T.lt, "lt")]);
        const m = buildNetworkModel(b.snapshot());
        const of = (n: string) => m.hosts.find((h) => h.name === n)!;
        assert.deepEqual(of("own").associatePublicIpFrom, { via: "sets associatePublicIpAddress: true", urn: urn(TY.instance, "own") });
        const flag = of("templated").associatePublicIp;
        assert.deepEqual([flag.known && flag.value, of("templated").associatePublicIpFrom],
            [true, { via: "launches from 'lt', whose primary interface associates a public IP", urn: urn(T.lt, "lt") }]);
    });

    it("a deployed instance's own public IP is kept even when an Elastic IP is the same address", () => {
        const b = base(false);
        b.add(TY.instance, "i", {}, [inSubnet], { publicIp: "198.51.100.9" });
        b.add(TY.eip, "e", {}, [link("instance", TY.instance, "i")], { publicIp: "198.51.100.9" });
        const h = hostOf(b, "i");
        assert.equal(h.ownPublicIp, "198.51.100.9");
        assert.deepEqual(h.addresses.filter((a) => a.kind !== "private").map((a) => a.kind), ["elastic-ip"]);
    });

    it("Elastic IP bindings: set ones only, by id or dependency, unknown while nothing tells; associations are entities", () => {
        for (const preview of [false, true]) {
            const b = base(preview);
            b.add(TY.instance, "i", {}, [inSubnet]);
            b.add(TY.eip, "nat", { domain: "vpc" });
            b.add(TY.eip, "bound", {}, [link("instance", TY.instance, "i")]);
            b.add(TY.eip, "elsewhere", { networkInterface: "eni-0outside" });
            b.add(TY.eip, "a", {});
            b.add(T.eipAssoc, "ea", {}, [link("instanceId", TY.instance, "i"), link("allocationId", TY.eip, "a")]);
            const m = buildNetworkModel(b.snapshot());
            const eip = (n: string) => m.elasticIps.find((e) => e.name === n)!;
            assert.deepEqual(eip("nat").bindings, []);
            assert.deepEqual(eip("bound").bindings, [{ property: "instance", host: { urns: [urn(TY.instance, "i")], external: [], unknown: false } }]);
            assert.deepEqual(eip("elsewhere").bindings, [{ property: "networkInterface", host: { urns: [], external: ["eni-0outside"], unknown: false } }]);
            const [ea] = m.eipAssociations;
            assert.deepEqual([ea.name, ea.eip.urns, ea.bindings], ["ea", [urn(TY.eip, "a")], [{ property: "instanceId", host: { urns: [urn(TY.instance, "i")], external: [], unknown: false } }]]);
            assert.equal(m.byUrn.get(ea.urn), ea);
        }
        // A binding the program gave from something that is no host: unknown in a preview.
        const p = base(true);
        p.add(TY.eip, "from-param", { instance: UNKNOWN });
        p.get("from-param").propertyDependencies.instance = [urn(TY.subnet, "s")];
        p.add(TY.eip, "never-set", {}).outputs.instance = UNKNOWN;
        const m = buildNetworkModel(p.snapshot());
        assert.deepEqual(m.elasticIps.find((e) => e.name === "from-param")!.bindings, [{ property: "instance", host: { urns: [], external: [], unknown: true } }]);
        assert.deepEqual(m.elasticIps.find((e) => e.name === "never-set")!.bindings, []);
    });
    it("a host's tier: its subnet's tier tag, else its own where the subnet has none, else the subnet's routes; unknown without a subnet", () => {
        const b = base(false);
        b.add(TY.subnet, "tagged", { cidrBlock: "10.0.2.0/24", tags: { Tier: "internal" } }, [vpc]);
        b.add(TY.instance, "in-tagged", { tags: { Tier: "public" } }, [link("subnetId", TY.subnet, "tagged")]);
        b.add(TY.instance, "own-tag", { tags: { Tier: "internal" } }, [inSubnet]);
        b.add(TY.instance, "untagged", {}, [inSubnet]);
        b.add(TY.instance, "nowhere", { subnetId: "subnet-0outside", tags: { Tier: "db" } });
        b.add(TY.instance, "nowhere-untagged", { subnetId: "subnet-0outside" });
        const m = buildNetworkModel(b.snapshot());
        const tier = (n: string) => m.hosts.find((h) => h.name === n)!.tier;
        assert.deepEqual(tier("in-tagged"), { tag: "internal", internal: "yes" }, "the subnet's tag wins over the host's");
        assert.deepEqual(tier("own-tag"), { tag: "internal", internal: "yes" });
        // The base subnet has no route table in the snapshot beyond its VPC's main one (local only): internal by its routes.
        assert.deepEqual(tier("untagged"), { internal: m.subnets.find((s) => s.name === "s")!.tier.internal });
        assert.deepEqual(tier("nowhere"), { tag: "db", internal: "no" });
        assert.deepEqual(tier("nowhere-untagged"), { internal: "unknown" });
        const custom = buildNetworkModel(b.snapshot(), { internalTiers: ["db"] });
        assert.equal(custom.hosts.find((h) => h.name === "nowhere")!.tier.internal, "yes", "the model's internalTiers decide");
    });
});
