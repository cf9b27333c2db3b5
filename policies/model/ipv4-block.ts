/**
 * IPv4 blocks as numeric ranges, parsed once with `ip-address` (no hand-rolled bit arithmetic), so
 * "is this address inside that rule's CIDR?" is two comparisons however often it is asked.
 */
import { Address4 } from "ip-address";
import { hasInternetAddresses } from "./cidr-set";
import { Verdict } from "./types";

export interface Block {
    cidr: string;
    start: bigint;
    end: bigint;
    prefix: number;
}

const cache = new Map<string, Block | undefined>();

/** An IPv4 CIDR or bare address as a range; IPv6 and malformed text give undefined. */
export function block(text: string): Block | undefined {
    if (cache.has(text)) return cache.get(text);
    let out: Block | undefined;
    const s = text.trim();
    if (s !== "" && !s.includes(":") && Address4.isValid(s)) {
        const a = new Address4(s);
        if (!s.includes("/")) {
            // A bare address (a host's private IP): its own value is the whole range.
            const v = a.bigInt();
            out = { cidr: s, start: v, end: v, prefix: 32 };
        } else out = { cidr: s, start: a.startAddress().bigInt(), end: a.endAddress().bigInt(), prefix: a.subnetMask };
    }
    if (cache.size > 50_000) cache.clear(); // a long-running analyzer must not grow without bound
    cache.set(text, out);
    return out;
}

export function isIpv6(text: string): boolean {
    return text.includes(":");
}

/** Does `outer` hold every address of every block in `inner`? `unknown` when only some. */
export function within(inner: readonly Block[], outer: Block): Verdict {
    let all = true;
    let some = false;
    for (const b of inner) {
        const inside = b.start >= outer.start && b.end <= outer.end;
        const overlaps = b.start <= outer.end && b.end >= outer.start;
        all &&= inside;
        some ||= overlaps;
    }
    if (inner.length > 0 && all) return "yes";
    return some ? "unknown" : "no";
}

export function overlaps(a: Block, b: Block): boolean {
    return a.start <= b.end && a.end >= b.start;
}

/** Does `b` hold internet addresses, i.e. is it not wholly inside a private or special range? (cidr-set's one list of them) */
export function isInternetBlock(b: Block): boolean {
    return hasInternetAddresses({ text: b.cidr, family: 4, start: b.start, end: b.end, prefix: b.prefix });
}
