/**
 * Every way a stack opens a security group, read into one rule shape: inline blocks of a group and of
 * the default group, `aws.ec2.SecurityGroupRule` (ingress/egress), `aws.vpc.SecurityGroupIngressRule` /
 * `EgressRule`; lists of CIDRs, IPv6 CIDRs, prefix lists, group references and `self`; protocols by
 * name or number. After an update (ids) and in a preview (dependencies only).
 */
import { strict as assert } from "assert";
import { Peer, SecurityGroupRule, buildNetworkModel } from "../../../policies/model";
import { Builder, TY, link, urn } from "../reachability/network-fixture";
import { UNKNOWN } from "../../../offline/snapshot";

const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";

function network(preview: boolean): Builder {
    const b = new Builder(preview);
    b.add(TY.vpc, "vpc", { cidrBlock: "10.0.0.0/16" });
    for (const name of ["sg-a", "sg-b"]) b.add(TY.sg, name, { tags: { Name: `t-${name}` } }, [link("vpcId", TY.vpc, "vpc")]);
    b.add(TY.prefixList, "pl", { entries: [{ cidr: "198.51.100.0/24" }, { cidr: "192.0.2.0/24" }] });
    return b;
}

/** A short, comparable form of a peer. */
function peer(p: Peer): string {
    switch (p.kind) {
        case "cidr": return `cidr ${p.cidr} v${p.version}`;
        case "prefix-list": return `pl ${p.entries?.join("+") ?? p.id}`;
        case "group": return `${p.self ? "self" : "group"} ${[...p.group.urns.map((u) => u.slice(u.lastIndexOf("::") + 2)), ...p.group.external.map((e) => `id:${e}`), ...(p.group.unknown ? ["?"] : [])].join("|")}${p.candidates ? " (one of)" : ""}`;
        case "unknown": return `unknown ${p.what}`;
    }
}

function rulesOf(b: Builder): SecurityGroupRule[] {
    return buildNetworkModel(b.snapshot()).rules;
}

const short = (r: SecurityGroupRule) => ({
    group: r.groupKey?.startsWith("id:") ? r.groupKey : r.groupKey?.slice(r.groupKey.lastIndexOf("::") + 2),
    direction: r.direction.known ? r.direction.value : "?",
    protocol: r.protocol.known ? r.protocol.value : "?",
    traffic: r.traffic.ports ? `${r.traffic.protocol} ${r.traffic.ports.from}-${r.traffic.ports.to}` : r.traffic.protocol,
    peers: r.peers.map(peer),
    form: r.form,
    where: r.where,
});

interface Case {
    what: string;
    add: (b: Builder) => void;
    expect: ReturnType<typeof short>[];
}

const sgA = link("securityGroupId", TY.sg, "sg-a");
/** A dependency of a value inside a block (the id is written in the block itself). */
const nested = (prop: string, type: string, name: string) => link(prop, type, name, { nested: true });
const cases: Case[] = [
    {
        what: "inline ingress with every kind of source",
        add: (b) => b.add(TY.sg, "sg-c", {
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.10/32", "198.51.100.0/24"], ipv6CidrBlocks: ["2001:db8::/32"], prefixListIds: [b.idOf("pl")], securityGroups: [b.idOf("sg-a")], self: true, description: "admin" }],
        }, [nested("ingress", TY.sg, "sg-a"), nested("ingress", TY.prefixList, "pl")]),
        expect: [{ group: "sg-c", direction: "ingress", protocol: "tcp", traffic: "tcp 22-22", peers: ["cidr 203.0.113.10/32 v4", "cidr 198.51.100.0/24 v4", "cidr 2001:db8::/32 v6", "pl 198.51.100.0/24+192.0.2.0/24", "self sg-c", "group sg-a"], form: "inline", where: "ingress[0]" }],
    },
    {
        what: "inline egress of the default group, all protocols",
        add: (b) => b.add(DEFAULT_SG, "default", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }, [link("vpcId", TY.vpc, "vpc")]),
        expect: [{ group: "default", direction: "egress", protocol: "all", traffic: "all", peers: ["cidr 0.0.0.0/0 v4"], form: "inline", where: "egress[0]" }],
    },
    {
        what: "aws.ec2.SecurityGroupRule ingress from a group, by protocol number",
        add: (b) => b.add(TY.legacy, "r", { type: "ingress", protocol: "6", fromPort: 5432, toPort: 5432 }, [sgA, link("sourceSecurityGroupId", TY.sg, "sg-b")]),
        expect: [{ group: "sg-a", direction: "ingress", protocol: "tcp", traffic: "tcp 5432-5432", peers: ["group sg-b"], form: "SecurityGroupRule", where: "rule" }],
    },
    {
        what: "aws.ec2.SecurityGroupRule egress to CIDRs and self, UDP by name in capitals",
        add: (b) => b.add(TY.legacy, "r", { type: "egress", protocol: "UDP", fromPort: 53, toPort: 53, cidrBlocks: ["10.0.0.2/32"], self: true }, [sgA]),
        expect: [{ group: "sg-a", direction: "egress", protocol: "udp", traffic: "udp 53-53", peers: ["cidr 10.0.0.2/32 v4", "self sg-a"], form: "SecurityGroupRule", where: "rule" }],
    },
    {
        what: "aws.vpc.SecurityGroupIngressRule from an IPv4 CIDR",
        add: (b) => b.add(TY.ingress, "r", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }, [sgA]),
        expect: [{ group: "sg-a", direction: "ingress", protocol: "tcp", traffic: "tcp 443-443", peers: ["cidr 0.0.0.0/0 v4"], form: "SecurityGroupIngressRule", where: "rule" }],
    },
    {
        what: "aws.vpc.SecurityGroupIngressRule from an IPv6 CIDR, ICMPv6 by number",
        add: (b) => b.add(TY.ingress, "r", { ipProtocol: "58", fromPort: -1, toPort: -1, cidrIpv6: "::/0" }, [sgA]),
        expect: [{ group: "sg-a", direction: "ingress", protocol: "icmpv6", traffic: "icmpv6", peers: ["cidr ::/0 v6"], form: "SecurityGroupIngressRule", where: "rule" }],
    },
    {
        what: "aws.vpc.SecurityGroupIngressRule from a prefix list",
        add: (b) => b.add(TY.ingress, "r", { ipProtocol: "tcp", fromPort: 22, toPort: 22 }, [sgA, link("prefixListId", TY.prefixList, "pl")]),
        expect: [{ group: "sg-a", direction: "ingress", protocol: "tcp", traffic: "tcp 22-22", peers: ["pl 198.51.100.0/24+192.0.2.0/24"], form: "SecurityGroupIngressRule", where: "rule" }],
    },
    {
        what: "aws.vpc.SecurityGroupEgressRule to a group, another protocol by number",
        add: (b) => b.add(TY.egress, "r", { ipProtocol: "50" }, [sgA, link("referencedSecurityGroupId", TY.sg, "sg-b")]),
        expect: [{ group: "sg-a", direction: "egress", protocol: "50", traffic: "50", peers: ["group sg-b"], form: "SecurityGroupEgressRule", where: "rule" }],
    },
    {
        what: "a group outside the snapshot, by id",
        add: (b) => b.add(TY.ingress, "r", { ipProtocol: "tcp", fromPort: 22, toPort: 22, securityGroupId: "sg-0outside", referencedSecurityGroupId: "sg-0other" }),
        expect: [{ group: "id:sg-0outside", direction: "ingress", protocol: "tcp", traffic: "tcp 22-22", peers: ["group id:sg-0other"], form: "SecurityGroupIngressRule", where: "rule" }],
    },
    {
        what: "reversed ports and -1 bounds",
        add: (b) => {
            b.add(TY.ingress, "r1", { ipProtocol: "tcp", fromPort: 25, toPort: 22, cidrIpv4: "10.0.0.0/8" }, [sgA]);
            b.add(TY.ingress, "r2", { ipProtocol: "tcp", fromPort: -1, toPort: -1, cidrIpv4: "10.0.0.0/8" }, [sgA]);
        },
        expect: [
            { group: "sg-a", direction: "ingress", protocol: "tcp", traffic: "tcp 22-25", peers: ["cidr 10.0.0.0/8 v4"], form: "SecurityGroupIngressRule", where: "rule" },
            { group: "sg-a", direction: "ingress", protocol: "tcp", traffic: "tcp", peers: ["cidr 10.0.0.0/8 v4"], form: "SecurityGroupIngressRule", where: "rule" },
        ],
    },
];

describe("model security group rules: every form in one shape", () => {
    for (const preview of [false, true]) {
        for (const c of cases) {
            // Ids outside the snapshot are known in both; references inside are dependencies in a preview.
            it(`${c.what}${preview ? " (preview)" : ""}`, () => {
                const b = network(preview);
                c.add(b);
                assert.deepEqual(rulesOf(b).map(short), c.expect);
            });
        }
    }

    it("files each rule under its group, ingress and egress apart", () => {
        const b = network(false);
        b.add(TY.ingress, "in", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" }, [sgA]);
        b.add(TY.egress, "out", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, [sgA]);
        const m = buildNetworkModel(b.snapshot());
        const a = m.securityGroups.find((g) => g.name === "sg-a")!;
        assert.deepEqual([a.ingress.map((r) => r.label), a.egress.map((r) => r.label)], [["in"], ["out"]]);
        assert.deepEqual(m.rulesByGroup.get(urn(TY.sg, "sg-a"))?.ingress.map((r) => r.label), ["in"]);
    });

    it("keeps the description, and says where an inline block sits", () => {
        const b = network(false);
        b.add(TY.sg, "sg-c", { ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "https" }] });
        const rules = rulesOf(b);
        assert.deepEqual(rules.map((r) => [r.where, r.description.known ? r.description.value : "?"]), [["ingress[0]", undefined], ["ingress[1]", "https"]]);
    });
});

describe("model security group rules: preview unknowns", () => {
    it("an inline list the program set to an unknown stays unknown; one it never set reads as none", () => {
        const b = network(true);
        const set = b.add(TY.sg, "sg-set", {});
        set.outputs = { ...set.outputs, ingress: UNKNOWN };
        set.propertyDependencies.ingress = [urn(TY.sg, "sg-a")];
        const unset = b.add(TY.sg, "sg-unset", {});
        unset.outputs = { ...unset.outputs, ingress: UNKNOWN, egress: UNKNOWN };
        delete (unset as { inputs?: unknown }).inputs;
        const m = buildNetworkModel(b.snapshot());
        assert.deepEqual(m.securityGroups.find((g) => g.name === "sg-set")!.unknownInline, ["ingress"]);
        assert.deepEqual(m.securityGroups.find((g) => g.name === "sg-unset")!.unknownInline, []);
    });

    it("an unknown group id resolves through the dependencies when one block alone has one; several blocks make it one of them", () => {
        const one = network(true);
        one.add(TY.sg, "sg-c", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: [UNKNOWN] }] }, [nested("ingress", TY.sg, "sg-a")]);
        assert.deepEqual(rulesOf(one).flatMap((r) => r.peers.map(peer)), ["group sg-a"]);
        const two = network(true);
        two.add(TY.sg, "sg-c", {
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: [UNKNOWN] }, { protocol: "tcp", fromPort: 80, toPort: 80, securityGroups: [UNKNOWN] }],
        }, [nested("ingress", TY.sg, "sg-a"), nested("ingress", TY.sg, "sg-b")]);
        assert.deepEqual(rulesOf(two).flatMap((r) => r.peers.map(peer)), ["group sg-a|sg-b (one of)", "group sg-a|sg-b (one of)"]);
    });

    it("two unknown ids in one block are the block's dependencies, not each a known source; a known id stays what it names", () => {
        const b = network(true);
        b.add(TY.sg, "sg-c", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: [UNKNOWN, UNKNOWN] }] }, [nested("ingress", TY.sg, "sg-a"), nested("ingress", TY.sg, "sg-b")]);
        const [r] = rulesOf(b);
        assert.deepEqual(r.peers.map((p) => [peer(p), p.kind === "group" && p.fromDependencies]), [["group sg-a|sg-b", true]]);
        const known = network(false);
        known.add(TY.sg, "sg-c", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: [known.idOf("sg-a"), known.idOf("sg-b")] }] }, [nested("ingress", TY.sg, "sg-a"), nested("ingress", TY.sg, "sg-b")]);
        assert.deepEqual(rulesOf(known).map((x) => x.peers.map((p) => p.kind === "group" && p.fromDependencies === true)), [[false]]);
    });

    it("a rule resource with no state has an unknown group and direction, not an empty one", () => {
        const b = network(true);
        const r = b.add(TY.legacy, "r-empty", {});
        delete (r as { inputs?: unknown }).inputs;
        r.outputs = {};
        const [rule] = rulesOf(b);
        assert.deepEqual([rule.stateMissing, rule.group.unknown, rule.direction.known, rule.toDefaultGroup], [true, true, false, "unknown"]);
    });

    it("a rule on a VPC's defaultSecurityGroupId is on the default group: by the VPC dependency in a preview, by its id after an update", () => {
        const preview = network(true);
        preview.add(TY.ingress, "r-default", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" }, [link("securityGroupId", TY.vpc, "vpc")]);
        preview.add(TY.ingress, "r-own", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" }, [sgA]);
        assert.deepEqual(rulesOf(preview).map((x) => x.toDefaultGroup), ["yes", "no"]);
        const update = new Builder(false);
        update.add(TY.vpc, "vpc", { cidrBlock: "10.0.0.0/16" }, [], { defaultSecurityGroupId: "sg-0default" });
        update.add(TY.ingress, "r-default", { securityGroupId: "sg-0default", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" });
        update.add(TY.ingress, "r-other", { securityGroupId: "sg-0other", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" });
        assert.deepEqual(rulesOf(update).map((x) => x.toDefaultGroup), ["yes", "no"]);
    });

    it("an unknown CIDR, protocol or direction is unknown, not a guess", () => {
        const b = network(true);
        b.add(TY.ingress, "r1", { ipProtocol: UNKNOWN, fromPort: 22, toPort: 22, cidrIpv4: UNKNOWN }, [sgA]);
        b.add(TY.legacy, "r2", { type: UNKNOWN, protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: UNKNOWN }, [sgA]);
        const [r1, r2] = rulesOf(b);
        assert.deepEqual([r1.protocol.known, r1.traffic.protocol, r1.peers.map(peer)], [false, "?", ["unknown source CIDR"]]);
        assert.deepEqual([r2.direction.known, r2.peers.map(peer)], [false, ["unknown CIDR blocks"]]);
        const m = buildNetworkModel(b.snapshot());
        assert.ok(m.notes.some((n) => /^r2: its direction/.test(n)), m.notes.join("; "));
    });
});
