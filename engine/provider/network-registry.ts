/**
 * What later resources read from earlier ones: a subnet's CIDR, AZ and VPC (an instance's address and zone),
 * an Elastic IP's address (a NAT gateway's public IP). The engine starts the plugin afresh for every command,
 * and an instance may be created in a later `pulumi up` than its subnet, so this is kept in a small JSON file
 * per PULUMI_HOME, keyed by project and stack (dev and prod share resource names, hence ids).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export interface SubnetFacts {
    cidr: string;
    az?: string;
    vpcId?: string;
}

export interface NetworkRegistry {
    subnet(scope: string, id: string): SubnetFacts | undefined;
    rememberSubnet(scope: string, id: string, facts: SubnetFacts): void;
    eipAddress(scope: string, allocationId: string): string | undefined;
    rememberEip(scope: string, allocationId: string, publicIp: string): void;
}

interface Stored {
    subnets: Record<string, SubnetFacts>;
    eips: Record<string, string>;
}

/** Where the registry lives: `$PULUMI_HOME/stand-in-aws/network.json` (the engine passes PULUMI_HOME on). */
export function defaultRegistryFile(): string {
    return join(process.env.PULUMI_HOME || join(homedir(), ".pulumi"), "stand-in-aws", "network.json");
}

export function memoryRegistry(): NetworkRegistry {
    return registryOver({ subnets: {}, eips: {} }, () => undefined);
}

/** A registry that re-reads the file on every lookup (another plugin process may have written it) and writes atomically. */
export function fileRegistry(file: string): NetworkRegistry {
    const load = (): Stored => {
        try {
            const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Stored>;
            return { subnets: parsed.subnets ?? {}, eips: parsed.eips ?? {} };
        } catch {
            return { subnets: {}, eips: {} };
        }
    };
    const save = (update: (s: Stored) => void) => {
        const current = load();
        update(current);
        mkdirSync(dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(current, null, 1));
        renameSync(tmp, file);
    };
    return {
        subnet: (scope, id) => load().subnets[`${scope}/${id}`],
        rememberSubnet: (scope, id, facts) => save((s) => { s.subnets[`${scope}/${id}`] = facts; }),
        eipAddress: (scope, id) => load().eips[`${scope}/${id}`],
        rememberEip: (scope, id, ip) => save((s) => { s.eips[`${scope}/${id}`] = ip; }),
    };
}

function registryOver(stored: Stored, persist: () => void): NetworkRegistry {
    return {
        subnet: (scope, id) => stored.subnets[`${scope}/${id}`],
        rememberSubnet: (scope, id, facts) => { stored.subnets[`${scope}/${id}`] = facts; persist(); },
        eipAddress: (scope, id) => stored.eips[`${scope}/${id}`],
        rememberEip: (scope, id, ip) => { stored.eips[`${scope}/${id}`] = ip; persist(); },
    };
}
