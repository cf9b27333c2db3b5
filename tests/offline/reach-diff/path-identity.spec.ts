// What counts as the same path and the same reason across two snapshots: logical names, not assigned values.
import * as assert from "node:assert/strict";
import { endpointKey, logicalUrn, sourceCovers, withoutAssignedValues } from "../../../offline/reach-diff/path-identity";

describe("reach:diff path identity", () => {
    it("masks what a provider or Pulumi assigns, never blocks or names", () => {
        assert.equal(withoutAssignedValues("rt-a: 0.0.0.0/0 -> igw-0a1b2c3d4e5f60718 (internet gateway)"), "rt-a: 0.0.0.0/0 -> <id> (internet gateway)");
        assert.equal(withoutAssignedValues("to 203.0.113.79 (elastic-ip) via acme-sg-web-1a2b3c4"), "to <address> (elastic-ip) via acme-sg-web-<suffix>");
        assert.equal(withoutAssignedValues("local route of 10.0.0.0/24; mhson-rt-public"), "local route of 10.0.0.0/24; mhson-rt-public");
    });

    it("a resource is its URN without the stack; the internet and ranges are their ids", () => {
        const urn = "urn:pulumi:dev::bastion-network::bastion-network:hosts:Hosts$aws:ec2/instance:Instance::mhson-ec2-web-2a";
        assert.equal(logicalUrn(urn), "bastion-network::bastion-network:hosts:Hosts$aws:ec2/instance:Instance::mhson-ec2-web-2a");
        assert.equal(logicalUrn(urn.replace(":dev::", ":prod::")), logicalUrn(urn));
        assert.equal(endpointKey({ id: urn, urn }), logicalUrn(urn));
        assert.equal(endpointKey({ id: "cidr:203.0.113.10/32" }), "cidr:203.0.113.10/32");
    });

    it("a wider source covers a narrower one: the internet every public range, a block every block inside it (IPv4 and IPv6)", () => {
        const cidr = (c: string, internetAddress = true) => ({ kind: "cidr" as const, cidr: c, internetAddress });
        const internet = { kind: "internet" as const, internetAddress: true };
        assert.ok(sourceCovers(internet, cidr("203.0.113.10/32")));
        assert.ok(!sourceCovers(internet, cidr("192.168.0.0/16", false)), "a private range does not arrive from the internet");
        assert.ok(sourceCovers(cidr("203.0.113.0/24"), cidr("203.0.113.10/32")));
        assert.ok(!sourceCovers(cidr("203.0.113.10/32"), cidr("203.0.113.0/24")));
        assert.ok(sourceCovers(cidr("128.0.0.0/1"), cidr("203.0.113.0/24")));
        assert.ok(sourceCovers(cidr("2001:db8::/32"), cidr("2001:db8:1::/48")));
        assert.ok(!sourceCovers(cidr("0.0.0.0/0"), cidr("2001:db8:1::/48")), "no family covers the other");
    });
});
