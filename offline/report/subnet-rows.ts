import { Address4 } from "ip-address";
import { displayValue, knownString, num } from "../../policies/model/wire";
import { StackSnapshot } from "../snapshot";
import { networkOf, shown } from "../snapshot-network";

export interface SubnetRow {
    name: string;
    tier: string;
    az: string;
    cidr: string;
    usableAddresses: string;
}

/** AWS keeps five addresses of every subnet (network, router, DNS, future, broadcast). */
const AWS_RESERVED = 5;

export function usableAddresses(cidr: string | undefined): string {
    if (!cidr || !Address4.isValid(cidr)) return "?";
    const prefix = new Address4(cidr).subnetMask;
    return String(Math.max(0, 2 ** (32 - prefix) - AWS_RESERVED));
}

/**
 * The subnet table: from the stack's `subnets` output when it has one (the program's own plan), otherwise
 * read from the subnet resources, so foreign stacks get a table too.
 */
export function subnetRows(snapshot: StackSnapshot, outputs: Record<string, unknown>): SubnetRow[] {
    // the output as the program wrote it: unknown parts (a preview) read as absent
    const output = displayValue(outputs.subnets);
    const declared = (Array.isArray(output) ? output : []).map((s) => (s ?? {}) as Record<string, unknown>).filter((s) => knownString(s.cidr) !== undefined);
    if (declared.length > 0) {
        return declared.map((s) => {
            const given = num(s.usableAddresses);
            return {
                name: knownString(s.name) ?? "?",
                tier: knownString(s.tier) ?? "-",
                az: knownString(s.az) ?? "?",
                cidr: knownString(s.cidr) ?? "?",
                usableAddresses: typeof given === "number" ? String(given) : usableAddresses(knownString(s.cidr)),
            };
        });
    }
    return networkOf(snapshot).subnets.map((s) => ({
        name: s.label,
        tier: shown(s.tier.tier) ?? "-",
        az: shown(s.az) ?? "(unknown)",
        cidr: shown(s.cidr) ?? "(unknown)",
        usableAddresses: usableAddresses(shown(s.cidr)),
    }));
}
