/**
 * Subnet planning: pure CIDR math over the `ip-address` library, no Pulumi.
 *
 * Subnets are placed in the order they are declared, each at the first aligned free block of
 * its size. Because a subnet's place depends only on the subnets declared before it, appending
 * a subnet to the config never moves an existing one (awsx's planner re-packs everything, which
 * replaces live subnets). Explicit CIDRs are taken as given and checked.
 */
import { Address4 } from "ip-address";
import { Tier } from "../../policies/vocabulary";
import { ConfigProblem, Validated } from "../config-problem";

/** AWS keeps the network address, the VPC router, DNS, one reserved address and broadcast. */
export const AWS_RESERVED_PER_SUBNET = 5;
/** The smallest subnet AWS accepts is a /28 (16 addresses). */
export const AWS_MIN_SUBNET_PREFIX = 28;

export interface SubnetRequest {
    tier: Tier;
    /** Full AZ name, e.g. `ap-northeast-2a`. */
    az: string;
    /** How many addresses, a power of two from 16; ignored when `cidr` is given. */
    size?: number;
    cidr?: string;
}

export interface PlannedSubnet {
    tier: Tier;
    az: string;
    cidr: string;
    /** Addresses in the block. */
    size: number;
    /** Addresses left for hosts after AWS's five. */
    usableAddresses: number;
    /** Position in the config list (stable identity). */
    index: number;
}

/** Parses `a.b.c.d/n` that is a network address (no host bits); undefined if it is not. */
export function parseNetwork(cidr: string): Address4 | undefined {
    if (typeof cidr !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr) || !Address4.isValid(cidr)) {
        return undefined;
    }
    const net = new Address4(cidr);
    return net.startAddress().address === net.addressMinusSuffix ? net : undefined;
}

export function overlaps(a: Address4, b: Address4): boolean {
    return a.isInSubnet(b) || b.isInSubnet(a);
}

export function addressCount(net: Address4): number {
    return 2 ** (32 - net.subnetMask);
}

/** The prefix length that holds exactly `size` addresses, or undefined if `size` is not a power of two. */
export function prefixForSize(size: number): number | undefined {
    const prefix = 32 - Math.log2(size);
    return Number.isInteger(prefix) ? prefix : undefined;
}

export function planSubnets(vpcCidr: string, requests: readonly SubnetRequest[], key = "subnets"): Validated<PlannedSubnet[]> {
    const problems: ConfigProblem[] = [];
    const vpc = parseNetwork(vpcCidr);
    if (!vpc) {
        return { problems: [{ key: "vpcCidr", message: `"${vpcCidr}" is not a network CIDR such as 10.0.0.0/24 (no host bits set).` }] };
    }
    const placed: { net: Address4; index: number }[] = [];
    const planned: PlannedSubnet[] = [];

    requests.forEach((req, index) => {
        const here = `${key}[${index}]`;
        let net: Address4 | undefined;
        if (req.cidr !== undefined) {
            net = parseNetwork(req.cidr);
            if (!net) {
                problems.push({ key: `${here}.cidr`, message: `"${req.cidr}" is not a network CIDR such as 10.0.0.64/26 (no host bits set).` });
                return;
            }
            if (net.subnetMask > AWS_MIN_SUBNET_PREFIX) {
                problems.push({ key: `${here}.cidr`, message: `${req.cidr} is smaller than AWS allows; use /${AWS_MIN_SUBNET_PREFIX} (16 addresses) or larger.` });
                return;
            }
            if (!net.isInSubnet(vpc)) {
                problems.push({ key: `${here}.cidr`, message: `${req.cidr} is outside the VPC ${vpcCidr}; pick a block inside it.` });
                return;
            }
            const clash = placed.find((p) => overlaps(p.net, net as Address4));
            if (clash) {
                problems.push({
                    key: `${here}.cidr`,
                    message: `${req.cidr} overlaps ${key}[${clash.index}] (${clash.net.address}); choose a free block or remove the cidr to have one planned.`,
                });
                return;
            }
        } else {
            const size = req.size;
            const prefix = size === undefined ? undefined : prefixForSize(size);
            if (size === undefined || prefix === undefined || prefix > AWS_MIN_SUBNET_PREFIX || prefix < 16) {
                problems.push({
                    key: `${here}.size`,
                    message: `must be a power of two from 16 to 65536 addresses (16, 32, 64, ...); got ${JSON.stringify(size)}.`,
                });
                return;
            }
            net = firstFreeBlock(vpc, prefix, placed.map((p) => p.net));
            if (!net) {
                const free = addressCount(vpc) - placed.reduce((n, p) => n + addressCount(p.net), 0);
                problems.push({
                    key: `${here}.size`,
                    message: `no free aligned block of ${size} addresses is left in ${vpcCidr} (${free} addresses free in all); use a larger vpcCidr or smaller subnets.`,
                });
                return;
            }
        }
        placed.push({ net, index });
        const size = addressCount(net);
        planned.push({
            tier: req.tier,
            az: req.az,
            cidr: net.address,
            size,
            usableAddresses: size - AWS_RESERVED_PER_SUBNET,
            index,
        });
    });
    return problems.length ? { problems } : { value: planned, problems };
}

/** Walks the VPC's aligned blocks of the given prefix, lowest first, and returns the first one nothing overlaps. */
function firstFreeBlock(vpc: Address4, prefix: number, taken: readonly Address4[]): Address4 | undefined {
    if (prefix < vpc.subnetMask) return undefined;
    let candidate = new Address4(`${vpc.startAddress().address}/${prefix}`);
    while (candidate.isInSubnet(vpc)) {
        const blocker = taken.find((t) => overlaps(t, candidate));
        if (!blocker) return candidate;
        // Skip past whichever is larger: the blocker or this candidate.
        const next = nextNetworkOrUndefined(blocker.subnetMask < prefix ? blocker : candidate);
        if (!next) return undefined;
        candidate = new Address4(`${next.startAddress().address}/${prefix}`);
    }
    return undefined;
}

/** The block after this one, or undefined at the end of the address space. */
function nextNetworkOrUndefined(net: Address4): Address4 | undefined {
    try {
        return net.nextNetwork();
    } catch {
        return undefined;
    }
}
