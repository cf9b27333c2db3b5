/** CIDR facts the rules need, computed with `ip-address` (no hand-rolled bit arithmetic). */
import { Address4, Address6 } from "ip-address";

export interface CidrInfo {
    cidr: string;
    version: 4 | 6;
    /** Prefix length: 0 is the whole address space; 32/128 a single address. */
    prefix: number;
    /** `0.0.0.0/0`, `::/0` or any other spelling of "every address". */
    world: boolean;
}

/** Parses an IPv4 or IPv6 CIDR (a bare address counts as /32 or /128); malformed -> undefined. */
export function parseCidr(value: unknown): CidrInfo | undefined {
    if (typeof value !== "string") return undefined;
    const s = value.trim();
    if (s === "" || s.length > 100) return undefined;
    try {
        if (!s.includes(":")) {
            const a = new Address4(s);
            return { cidr: s, version: 4, prefix: a.subnetMask, world: a.subnetMask === 0 };
        }
        const a = new Address6(s);
        return { cidr: s, version: 6, prefix: a.subnetMask, world: a.subnetMask === 0 };
    } catch {
        return undefined;
    }
}

/** True when `inner` lies inside `outer` (same family). */
export function cidrWithin(inner: string, outer: string): boolean {
    const a = parseCidr(inner);
    const b = parseCidr(outer);
    if (!a || !b || a.version !== b.version || a.prefix < b.prefix) return false;
    try {
        return a.version === 4 ? new Address4(a.cidr).isInSubnet(new Address4(b.cidr)) : new Address6(a.cidr).isInSubnet(new Address6(b.cidr));
    } catch {
        return false;
    }
}
