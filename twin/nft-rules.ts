/**
 * nftables rulesets, rendered as text for `nft -f`: a host's security groups (stateful, default
 * drop both ways, as AWS evaluates them), the internet gateway's 1:1 translation, the NAT's masquerade.
 */
import { FirewallRule } from "./firewall-rules";
import { Topology, TwinNat } from "./topology";

function quote(s: string): string {
    return `"${s.replace(/["\\]/g, "").slice(0, 120)}"`;
}

function portMatch(r: FirewallRule): string {
    if (r.protocol === "icmp") {
        // AWS stores the ICMP type in fromPort and the code in toPort; -1 means any
        const type = r.fromPort !== undefined && r.fromPort >= 0 ? ` icmp type ${r.fromPort}` : "";
        const code = type && r.toPort !== undefined && r.toPort >= 0 ? ` icmp code ${r.toPort}` : "";
        return `meta l4proto icmp${type}${code}`;
    }
    if (r.protocol === "all") return "";
    const proto = `meta l4proto ${r.protocol}`;
    if (r.protocol !== "tcp" && r.protocol !== "udp") return proto;
    if (r.fromPort === undefined || r.toPort === undefined || (r.fromPort <= 0 && r.toPort >= 65535) || r.fromPort < 0) return proto;
    return `${proto} th dport ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`;
}

/** One accept line, or undefined when the rule admits nobody in the twin. */
export function ruleLine(r: FirewallRule): string | undefined {
    if (r.peers.length === 0) return undefined;
    const peer = `ip ${r.direction === "in" ? "saddr" : "daddr"} { ${r.peers.join(", ")} }`;
    return [peer, portMatch(r), "accept", "comment", quote(r.comment)].filter((x) => x !== "").join(" ");
}

/** The host's security groups on its interface; loopback is the host talking to itself, not the network. */
export function hostRuleset(rules: FirewallRule[]): string {
    const lines = (direction: "in" | "out") =>
        rules
            .filter((r) => r.direction === direction)
            .map(ruleLine)
            .filter((l): l is string => l !== undefined)
            .map((l) => `        ${l}`);
    return [
        "table inet bntw_sg {",
        "    chain input {",
        "        type filter hook input priority filter; policy drop;",
        '        iifname "lo" accept',
        "        ct state established,related accept",
        "        ct state invalid drop",
        ...lines("in"),
        "    }",
        "    chain output {",
        "        type filter hook output priority filter; policy drop;",
        '        oifname "lo" accept',
        "        ct state established,related accept",
        "        ct state invalid drop",
        ...lines("out"),
        "    }",
        "}",
        "",
    ].join("\n");
}

/**
 * The internet gateway: Elastic and public IPs translated 1:1 both ways; the internet reaches only
 * those; a host without a public address gets no way out. AWS drops such packets silently; the twin
 * rejects them at once so a refused path costs no timeout.
 */
export function igwRuleset(t: Pick<Topology, "publicMap">): string {
    const privates = t.publicMap.map((m) => m.privateIp);
    const set = (ips: string[]) => `{ ${ips.join(", ")} }`;
    return [
        "table ip bntw_igw {",
        "    chain prerouting {",
        "        type nat hook prerouting priority dstnat; policy accept;",
        ...t.publicMap.map((m) => `        ip daddr ${m.publicIp} dnat to ${m.privateIp}`),
        "    }",
        "    chain postrouting {",
        "        type nat hook postrouting priority srcnat; policy accept;",
        ...t.publicMap.map((m) => `        ip saddr ${m.privateIp} snat to ${m.publicIp}`),
        "    }",
        "    chain forward {",
        "        type filter hook forward priority filter; policy drop;",
        "        ct state established,related accept",
        '        iifname "inet0" ct status dnat accept',
        ...(privates.length > 0 ? [`        iifname "rtr0" ip saddr ${set(privates)} accept`] : []),
        "        reject with icmp type net-unreachable",
        "    }",
        "}",
        "",
    ].join("\n");
}

/** A NAT gateway: VPC traffic leaves with the NAT's own address; nothing from outside starts a connection. */
export function natRuleset(nat: TwinNat, vpcCidr: string): string {
    return [
        "table ip bntw_nat {",
        "    chain postrouting {",
        "        type nat hook postrouting priority srcnat; policy accept;",
        `        ip saddr != ${nat.privateIp} masquerade`,
        "    }",
        "    chain forward {",
        "        type filter hook forward priority filter; policy drop;",
        "        ct state established,related accept",
        `        ip saddr ${vpcCidr} ip daddr != ${vpcCidr} accept`,
        "    }",
        "}",
        "",
    ].join("\n");
}
