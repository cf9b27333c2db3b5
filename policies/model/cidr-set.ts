/**
 * CIDR facts on SETS of ranges. AWS admits a packet when ANY allow rule matches, so what a group
 * opens is the union of its ranges: `0.0.0.0/1` + `128.0.0.0/1` is the whole internet as surely as
 * `0.0.0.0/0`. Every question here is asked of that union, never of one member.
 *
 * World-open means: the set admits every PUBLIC address of a family. Ranges that never arrive from
 * the internet (RFC 1918, shared, loopback, link-local, multicast, reserved; for IPv6 everything
 * outside 2000::/3) need not be covered: an attacker on the internet has none of
 * them, so a list of every /8 but 10/8, 127/8 and 224-255 is as open as 0.0.0.0/0. A set that leaves
 * out any public address at all (one /32) is not world-open by this fact; "wider than /N" answers
 * the near-misses for rules that bound a range's width.
 *
 * Parsing goes through `ip-address` (no hand-rolled bit arithmetic); a range is then two bigints.
 */
import { Address4, Address6 } from "ip-address";

export type Family = 4 | 6;

export interface CidrRange {
    /** As written (trimmed). */
    text: string;
    family: Family;
    /** First and last address, inclusive. */
    start: bigint;
    end: bigint;
    /** 0 is every address of the family; 32 / 128 a single address. */
    prefix: number;
}

interface Interval {
    start: bigint;
    end: bigint;
}

export interface CidrSet {
    /** The ranges as written, in order; malformed text is left out and listed in `malformed`. */
    members: readonly CidrRange[];
    malformed: readonly string[];
    /** The union per family: sorted, disjoint, non-adjacent. */
    union: Readonly<Record<Family, readonly Interval[]>>;
}

const cache = new Map<string, CidrRange | null>();

/** An IPv4 or IPv6 CIDR (a bare address is a /32 or /128); anything else gives undefined. */
export function parseRange(value: unknown): CidrRange | undefined {
    if (typeof value !== "string") return undefined;
    const text = value.trim();
    const hit = cache.get(text);
    if (hit !== undefined) return hit ?? undefined;
    let out: CidrRange | null = null;
    if (text !== "" && text.length <= 100) {
        try {
            const family: Family = text.includes(":") ? 6 : 4;
            const a = family === 4 ? new Address4(text) : new Address6(text);
            out = { text, family, start: a.startAddress().bigInt(), end: a.endAddress().bigInt(), prefix: a.subnetMask };
        } catch {
            out = null;
        }
    }
    if (cache.size > 50_000) cache.clear(); // a long-running analyzer must not grow without bound
    cache.set(text, out);
    return out ?? undefined;
}

function merge(list: Interval[]): Interval[] {
    const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const out: Interval[] = [];
    for (const i of sorted) {
        const last = out[out.length - 1];
        if (last && i.start <= last.end + 1n) {
            if (i.end > last.end) last.end = i.end;
        } else out.push({ start: i.start, end: i.end });
    }
    return out;
}

/** A set from CIDR texts (non-strings and malformed text are left out, the latter listed). */
export function cidrSet(values: Iterable<unknown>): CidrSet {
    const members: CidrRange[] = [];
    const malformed: string[] = [];
    for (const v of values) {
        const r = parseRange(v);
        if (r) members.push(r);
        else if (typeof v === "string" && v.trim() !== "") malformed.push(v);
    }
    return fromMembers(members, malformed);
}

function fromMembers(members: CidrRange[], malformed: string[] = []): CidrSet {
    const of = (f: Family) => merge(members.filter((m) => m.family === f));
    return { members, malformed, union: { 4: of(4), 6: of(6) } };
}

/** The union of several sets (e.g. every rule entry that opens one port on one group). */
export function unionOf(sets: Iterable<CidrSet>): CidrSet {
    const members: CidrRange[] = [];
    const malformed: string[] = [];
    for (const s of sets) {
        members.push(...s.members);
        malformed.push(...s.malformed);
    }
    return fromMembers(members, malformed);
}

/** Is every address of `[start, end]` inside the union? */
function coversInterval(union: readonly Interval[], start: bigint, end: bigint): boolean {
    return union.some((u) => u.start <= start && end <= u.end);
}

function intersects(union: readonly Interval[], start: bigint, end: bigint): boolean {
    return union.some((u) => u.start <= end && start <= u.end);
}

const LAST: Record<Family, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/**
 * Ranges no internet host has as its source address (IANA special-purpose, not globally reachable).
 * The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) stay
 * public: examples and tests use them for real public addresses (an operator's /32).
 */
const NON_INTERNET_V4 = [
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
    "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
];

function nonInternet(f: Family): Interval[] {
    // IPv6 internet hosts are global unicast: everything outside 2000::/3 is not.
    if (f === 6) {
        const g = parseRange("2000::/3") as CidrRange;
        return [{ start: 0n, end: g.start - 1n }, { start: g.end + 1n, end: LAST[6] }];
    }
    return merge(NON_INTERNET_V4.map((t) => parseRange(t) as CidrRange));
}

/** The complement of the non-internet ranges: what an internet host's address can be. */
function publicIntervals(f: Family): Interval[] {
    const out: Interval[] = [];
    let next = 0n;
    for (const n of nonInternet(f)) {
        if (n.start > next) out.push({ start: next, end: n.start - 1n });
        next = n.end + 1n;
    }
    if (next <= LAST[f]) out.push({ start: next, end: LAST[f] });
    return out;
}

const PUBLIC: Record<Family, Interval[]> = { 4: publicIntervals(4), 6: publicIntervals(6) };
const PRIVATE: Record<Family, Interval[]> = { 4: nonInternet(4), 6: nonInternet(6) };

/** Does the set hold every address of the family (what `0.0.0.0/0` / `::/0` say)? */
export function coversEveryAddress(set: CidrSet, family: Family): boolean {
    return coversInterval(set.union[family], 0n, LAST[family]);
}

/** Does the set admit every internet (public) address of the family? */
export function coversInternet(set: CidrSet, family: Family): boolean {
    return PUBLIC[family].every((p) => coversInterval(set.union[family], p.start, p.end));
}

/** The families whose whole internet the set admits: `[]` when none. */
export function worldOpenFamilies(set: CidrSet): Family[] {
    return ([4, 6] as Family[]).filter((f) => coversInternet(set, f));
}

export function isWorldOpen(set: CidrSet): boolean {
    return worldOpenFamilies(set).length > 0;
}

/** The members wider (shorter prefix) than allowed for their family. */
export function widerThan(set: CidrSet, minPrefix: Record<Family, number>): CidrRange[] {
    return set.members.filter((m) => m.prefix < minPrefix[m.family]);
}

/** Does the set hold this address (IPv4 or IPv6 text; malformed -> false)? */
export function containsAddress(set: CidrSet, address: string): boolean {
    const a = parseRange(address.includes("/") ? address.slice(0, address.indexOf("/")) : address);
    return a !== undefined && coversInterval(set.union[a.family], a.start, a.start);
}

/** Does the set hold every address of `range` (a CIDR text or a parsed range)? */
export function containsRange(set: CidrSet, range: string | CidrRange): boolean {
    const r = typeof range === "string" ? parseRange(range) : range;
    return r !== undefined && coversInterval(set.union[r.family], r.start, r.end);
}

/** Does this range hold any internet address (it is not wholly inside private or special ranges)? */
export function hasInternetAddresses(range: CidrRange): boolean {
    return intersects(PUBLIC[range.family], range.start, range.end);
}

/** Does the set reach into private or special-purpose space (RFC 1918, link-local, ...)? */
export function intersectsPrivate(set: CidrSet): boolean {
    return ([4, 6] as Family[]).some((f) => set.union[f].some((u) => intersects(PRIVATE[f], u.start, u.end)));
}

/**
 * The IPv4 internet addresses a walk over ranges has not yet accounted for: "an internet address no
 * rule names", followed through a route table (most specific route first) or a network ACL (first
 * match). A range meets the remainder when some of those addresses are in it; taking it out leaves
 * the addresses the next ranges decide. `0.0.0.0/1` then `128.0.0.0/1` account for all of it, as
 * `0.0.0.0/0` does.
 */
export class InternetRemainder {
    private rest: Interval[] = PUBLIC[4].map((p) => ({ start: p.start, end: p.end }));

    /** Does the IPv4 range `r` hold some address still left? */
    meets(r: Interval): boolean {
        return intersects(this.rest, r.start, r.end);
    }

    /** Takes the addresses of the IPv4 range `r` out. */
    remove(r: Interval): void {
        const out: Interval[] = [];
        for (const i of this.rest) {
            if (i.end < r.start || i.start > r.end) out.push(i);
            else {
                if (i.start < r.start) out.push({ start: i.start, end: r.start - 1n });
                if (i.end > r.end) out.push({ start: r.end + 1n, end: i.end });
            }
        }
        this.rest = out;
    }

    get empty(): boolean {
        return this.rest.length === 0;
    }
}

/** The members that hold internet addresses. */
export function internetMembers(set: CidrSet): CidrRange[] {
    return set.members.filter(hasInternetAddresses);
}

/** `0.0.0.0/1, 128.0.0.0/1 (together the whole IPv4 internet)`, for messages. */
export function describeWorldOpen(set: CidrSet): string {
    const families = worldOpenFamilies(set);
    const texts = set.members.filter((m) => families.includes(m.family) && hasInternetAddresses(m)).map((m) => m.text);
    const whole = families.map((f) => (f === 4 ? "IPv4" : "IPv6")).join(" and ");
    if (set.members.filter((m) => texts.includes(m.text)).every((m) => m.prefix === 0)) return texts.join(", ");
    return `${texts.join(", ")} (together the whole ${whole} internet)`;
}
