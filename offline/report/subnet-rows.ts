import { Address4 } from "ip-address";
import { subnetNodes } from "../artifacts/network-model";
import { ResourceIndex } from "../artifacts/resource-index";
import { list, num, record, str } from "../artifacts/wire-value";
import { StackSnapshot } from "../snapshot";

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
    const declared = list(outputs.subnets).map(record).filter((s) => str(s.cidr) !== undefined);
    if (declared.length > 0) {
        return declared.map((s) => ({
            name: str(s.name) ?? "?",
            tier: str(s.tier) ?? "-",
            az: str(s.az) ?? "?",
            cidr: str(s.cidr) ?? "?",
            usableAddresses: String(num(s.usableAddresses) ?? usableAddresses(str(s.cidr))),
        }));
    }
    return subnetNodes(new ResourceIndex(snapshot.resources)).map((s) => ({
        name: s.label,
        tier: s.tier ?? "-",
        az: s.az ?? "(unknown)",
        cidr: s.cidr ?? "(unknown)",
        usableAddresses: usableAddresses(s.cidr),
    }));
}
