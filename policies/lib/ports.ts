/**
 * Does a security group rule admit a given TCP port? AWS spells protocols as names or numbers,
 * "-1"/"all" mean every protocol (and then ports are ignored), and a port range is inclusive.
 */
import { asInteger, asString } from "./shape";

export type Protocol = "all" | "tcp" | "udp" | "icmp" | "icmpv6" | "other";

const byNumber: Record<string, Protocol> = { "-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };

export function normalizeProtocol(v: unknown): Protocol | undefined {
    const s = asString(v)?.trim().toLowerCase();
    if (s === undefined || s === "") return undefined;
    if (s === "all" || s === "-1") return "all";
    if (s === "tcp" || s === "udp" || s === "icmp" || s === "icmpv6") return s;
    return byNumber[String(asInteger(s))] ?? "other";
}

export interface PortRange {
    from: number;
    to: number;
}

/**
 * The inclusive range a rule opens. Missing or negative bounds mean "every port" (AWS's -1);
 * reversed bounds are read as the range between them rather than rejected.
 */
export function portRange(fromPort: unknown, toPort: unknown): PortRange {
    const f = asInteger(fromPort);
    const t = asInteger(toPort);
    if (f === undefined && t === undefined) return { from: 0, to: 65535 };
    const a = f ?? t!;
    const b = t ?? f!;
    if (a < 0 || b < 0) return { from: 0, to: 65535 };
    return { from: Math.min(a, b), to: Math.max(a, b) };
}

/** True when a rule with this protocol and range admits TCP traffic to `port`. */
export function admitsTcpPort(protocol: Protocol | undefined, range: PortRange, port: number): boolean {
    if (protocol === "all") return true;
    if (protocol !== "tcp") return false;
    return range.from <= port && port <= range.to;
}
