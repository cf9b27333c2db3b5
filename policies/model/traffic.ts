/**
 * Protocols and port ranges as AWS spells them — names or numbers, `-1`/`all` for every protocol —
 * normalized once, and the traffic class a rule or ACL entry opens.
 */
import { PortRange, Protocol, SecurityGroupRule, Traffic } from "./types";
import { UNK, Unk, num, str } from "./wire";

const BY_NUMBER: Record<string, Protocol> = { "-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };

/** `all`, `tcp`, `udp`, `icmp`, `icmpv6`, another protocol number as a string, else the name lowercased; undefined when absent. */
export function normalizeProtocol(v: unknown): Protocol | undefined | Unk {
    const s = str(v);
    if (s === UNK) return UNK;
    if (s === undefined) return undefined;
    const lower = s.trim().toLowerCase();
    if (lower === "") return undefined;
    if (lower === "all" || lower === "-1") return "all";
    if (/^-?\d+$/.test(lower)) {
        const n = String(parseInt(lower, 10));
        return BY_NUMBER[n] ?? n;
    }
    return lower;
}

/**
 * The class a rule opens. A missing protocol is read as every protocol. Ports apply to TCP/UDP
 * (0-65535 or -1 means all); for ICMP the from-port is the type (-1: all types); other protocols
 * have no ports.
 */
export function trafficOf(protocolValue: unknown, fromValue: unknown, toValue: unknown): Traffic {
    const p = normalizeProtocol(protocolValue);
    if (p === UNK) return { protocol: "?" };
    const protocol = p ?? "all";
    if (protocol === "all") return { protocol };
    const from = num(fromValue);
    const to = num(toValue);
    if (protocol === "tcp" || protocol === "udp") {
        if (from === UNK || to === UNK) return { protocol: "?" };
        const lo = from === undefined || from < 0 ? 0 : from;
        const hi = to === undefined || to < 0 ? 65535 : to;
        // Reversed bounds are the range between them (as `portRange` reads them), not the from-port alone.
        const start = Math.min(lo, hi);
        const end = Math.max(lo, hi);
        return start === 0 && end === 65535 ? { protocol } : { protocol, ports: { from: start, to: end } };
    }
    if (protocol === "icmp" || protocol === "icmpv6") {
        if (from === UNK) return { protocol: "?" };
        return from === undefined || from < 0 ? { protocol } : { protocol, ports: { from, to: from } };
    }
    return { protocol };
}

/**
 * The inclusive port range a rule names. Missing or negative bounds mean "every port" (AWS's -1);
 * reversed bounds are read as the range between them rather than rejected.
 */
export function portRange(fromPort: number | undefined, toPort: number | undefined): PortRange {
    if (fromPort === undefined && toPort === undefined) return { from: 0, to: 65535 };
    const a = fromPort ?? toPort!;
    const b = toPort ?? fromPort!;
    if (a < 0 || b < 0) return { from: 0, to: 65535 };
    return { from: Math.min(a, b), to: Math.max(a, b) };
}

/**
 * Which of the TCP `ports` an ingress rule opens, as its own fields read: every one for all protocols,
 * those in its range (`portRange`) for TCP, none for other protocols or an egress rule; undefined
 * while its direction, its protocol or (TCP) its ports are not known yet.
 */
export function tcpPortsOpened(r: SecurityGroupRule, ports: readonly number[]): number[] | undefined {
    if (!r.direction.known) return undefined;
    if (r.direction.value !== "ingress") return [];
    if (!r.protocol.known) return undefined;
    if (r.protocol.value === "all") return [...ports];
    if (r.protocol.value !== "tcp") return [];
    if (!r.fromPort.known || !r.toPort.known) return undefined;
    const range = portRange(r.fromPort.value, r.toPort.value);
    return ports.filter((p) => range.from <= p && p <= range.to);
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
