/**
 * A traffic class: an IP protocol and, for TCP/UDP, a port range (for ICMP, the type). This is what a
 * security group rule or network ACL entry opens, and what a reachability row is about.
 */
import { PortRange } from "./types";
import { UNK, Unk, num, str } from "./values";

export interface Traffic {
    /** `all`, `tcp`, `udp`, `icmp`, `icmpv6`, another protocol number as a string, or `?` (unknown). */
    protocol: string;
    /** Absent: every port (or type). */
    ports?: PortRange;
}

const BY_NUMBER: Record<string, string> = { "-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };

/** AWS spells protocols by name or number, `-1`/`all` for every protocol. */
export function protocolOf(v: unknown): string | Unk {
    const s = str(v);
    if (s === UNK) return UNK;
    if (s === undefined) return "all";
    const lower = s.trim().toLowerCase();
    if (lower === "all" || lower === "-1") return "all";
    return BY_NUMBER[lower] ?? lower;
}

/**
 * The class a rule opens. Ports apply to TCP/UDP (0-65535 or -1 means all); for ICMP the from-port is
 * the type (-1: all types); other protocols have no ports.
 */
export function trafficOf(protocolValue: unknown, fromValue: unknown, toValue: unknown): Traffic {
    const protocol = protocolOf(protocolValue);
    if (protocol === UNK) return { protocol: "?" };
    if (protocol === "all") return { protocol };
    const from = num(fromValue);
    const to = num(toValue);
    if (protocol === "tcp" || protocol === "udp") {
        if (from === UNK || to === UNK) return { protocol: "?" };
        const lo = from === undefined || from < 0 ? 0 : from;
        const hi = to === undefined || to < 0 ? 65535 : to;
        return lo === 0 && hi === 65535 ? { protocol } : { protocol, ports: { from: lo, to: Math.max(lo, hi) } };
    }
    if (protocol === "icmp" || protocol === "icmpv6") {
        if (from === UNK) return { protocol: "?" };
        return from === undefined || from < 0 ? { protocol } : { protocol, ports: { from, to: from } };
    }
    return { protocol };
}

/** Does `outer` admit everything in `inner`? */
export function covers(outer: Traffic, inner: Traffic): boolean {
    if (outer.protocol === "?" || inner.protocol === "?") return false;
    if (outer.protocol === "all") return true;
    if (outer.protocol !== inner.protocol) return false;
    if (!outer.ports) return true;
    if (!inner.ports) return false;
    return outer.ports.from <= inner.ports.from && inner.ports.to <= outer.ports.to;
}

/** What both admit, or undefined when nothing. */
export function intersect(a: Traffic, b: Traffic): Traffic | undefined {
    if (a.protocol === "?" || b.protocol === "?") return undefined;
    if (a.protocol === "all") return b;
    if (b.protocol === "all") return a;
    if (a.protocol !== b.protocol) return undefined;
    if (!a.ports) return b;
    if (!b.ports) return a;
    const from = Math.max(a.ports.from, b.ports.from);
    const to = Math.min(a.ports.to, b.ports.to);
    return from <= to ? { protocol: a.protocol, ports: { from, to } } : undefined;
}

export function trafficKey(t: Traffic): string {
    return t.ports ? `${t.protocol}:${t.ports.from}-${t.ports.to}` : t.protocol;
}

/** `tcp 22`, `tcp 1025-65535`, `udp all ports`, `all traffic`. */
export function trafficLabel(t: Traffic): string {
    if (t.protocol === "all") return "all traffic";
    if (t.protocol === "?") return "unknown protocol/ports";
    if (!t.ports) return t.protocol.startsWith("icmp") ? t.protocol : `${t.protocol} all ports`;
    if (t.protocol.startsWith("icmp")) return `${t.protocol} type ${t.ports.from}`;
    return t.ports.from === t.ports.to ? `${t.protocol} ${t.ports.from}` : `${t.protocol} ${t.ports.from}-${t.ports.to}`;
}
