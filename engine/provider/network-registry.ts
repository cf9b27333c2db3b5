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
    /** Records `ip` as held by `holder`; false when another resource holds it already. */
    claimPublicIp(scope: string, ip: string, holder: string): boolean;
    /**
     * Live resources per URN, by id and generation: a replacement created before its predecessor is deleted
     * is generation 1 (then 2...), so it gets its own id and addresses as it would in AWS.
     */
    liveGenerations(urn: string): Record<string, number>;
    rememberLive(urn: string, id: string, generation: number): void;
    forgetLive(urn: string, id: string): void;
}

/** The lowest generation no live resource of the URN has. */
export function nextGeneration(live: Record<string, number>): number {
    const taken = new Set(Object.values(live));
    let g = 0;
    while (taken.has(g)) g++;
    return g;
}

interface Stored {
    subnets: Record<string, SubnetFacts>;
    eips: Record<string, string>;
    /** `scope/ip` -> the resource name holding it. */
    publicIps: Record<string, string>;
    /** URN -> id -> generation. */
    live: Record<string, Record<string, number>>;
}

function claimIn(s: Stored, key: string, holder: string): boolean {
    const current = s.publicIps[key];
    if (current !== undefined && current !== holder) return false;
    s.publicIps[key] = holder;
    return true;
}

/** Where the registry lives: `$PULUMI_HOME/stand-in-aws/network.json` (the engine passes PULUMI_HOME on). */
export function defaultRegistryFile(): string {
    return join(process.env.PULUMI_HOME || join(homedir(), ".pulumi"), "stand-in-aws", "network.json");
}

/** A registry for one process (the unit specs). */
export function memoryRegistry(): NetworkRegistry {
    const s: Stored = { subnets: {}, eips: {}, publicIps: {}, live: {} };
    return {
        subnet: (scope, id) => s.subnets[`${scope}/${id}`],
        rememberSubnet: (scope, id, facts) => { s.subnets[`${scope}/${id}`] = facts; },
        eipAddress: (scope, id) => s.eips[`${scope}/${id}`],
        rememberEip: (scope, id, ip) => { s.eips[`${scope}/${id}`] = ip; },
        claimPublicIp: (scope, ip, holder) => claimIn(s, `${scope}/${ip}`, holder),
        liveGenerations: (urn) => ({ ...s.live[urn] }),
        rememberLive: (urn, id, g) => { s.live[urn] = { ...s.live[urn], [id]: g }; },
        forgetLive: (urn, id) => { delete s.live[urn]?.[id]; },
    };
}

/** A registry that re-reads the file on every lookup (another plugin process may have written it) and writes atomically. */
export function fileRegistry(file: string): NetworkRegistry {
    const load = (): Stored => {
        try {
            const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Stored>;
            return { subnets: parsed.subnets ?? {}, eips: parsed.eips ?? {}, publicIps: parsed.publicIps ?? {}, live: parsed.live ?? {} };
        } catch {
            return { subnets: {}, eips: {}, publicIps: {}, live: {} };
        }
    };
    const save = <T>(update: (s: Stored) => T): T => {
        const current = load();
        const result = update(current);
        mkdirSync(dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(current, null, 1));
        renameSync(tmp, file);
        return result;
    };
    return {
        subnet: (scope, id) => load().subnets[`${scope}/${id}`],
        rememberSubnet: (scope, id, facts) => save((s) => { s.subnets[`${scope}/${id}`] = facts; }),
        eipAddress: (scope, id) => load().eips[`${scope}/${id}`],
        rememberEip: (scope, id, ip) => save((s) => { s.eips[`${scope}/${id}`] = ip; }),
        claimPublicIp: (scope, ip, holder) => {
            const key = `${scope}/${ip}`;
            return load().publicIps[key] === holder || save((s) => claimIn(s, key, holder));
        },
        liveGenerations: (urn) => ({ ...load().live[urn] }),
        rememberLive: (urn, id, g) => save((s) => { s.live[urn] = { ...s.live[urn], [id]: g }; }),
        forgetLive: (urn, id) => save((s) => { delete s.live[urn]?.[id]; }),
    };
}
