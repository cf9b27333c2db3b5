/**
 * The stack's own expectations, tried with real TCP: the app port from the internet (when web has a
 * public address), the db port from web and not from the bastion, SSH between hosts only from the bastion.
 */
import { CheckRow, row, skipped } from "./check-row";
import { FirewallRule } from "./firewall-rules";
import { NS } from "./network-plan";
import { probe, ProbeTarget } from "./probe";
import { Topology, TwinHost } from "./topology";

export interface Roles {
    web?: TwinHost;
    db?: TwinHost;
    bastion?: TwinHost;
}

/** TCP ports a host admits from `peer` (a CIDR or a /32), from its own ingress rules. */
export function portsFrom(h: TwinHost, peer: string): number[] {
    const ports = h.firewall
        .filter((r: FirewallRule) => r.direction === "in" && r.protocol === "tcp" && r.peers.includes(peer) && r.fromPort !== undefined && r.fromPort === r.toPort)
        .map((r) => r.fromPort as number);
    return [...new Set(ports)];
}

export interface Attempt {
    check: string;
    ns: string;
    target: ProbeTarget;
    expectOpen: boolean;
}

/** What to try; ports come from the host's own rules, so a changed port in config is followed. */
export function expectationAttempts(t: Topology, r: Roles): { attempts: Attempt[]; skips: CheckRow[] } {
    const attempts: Attempt[] = [];
    const skips: CheckRow[] = [];
    if (r.web) {
        const appPorts = portsFrom(r.web, "0.0.0.0/0").filter((p) => p !== 22);
        if (!r.web.publicIp) skips.push(skipped("tcp", "web app port from the internet", "web has no public address in this snapshot (not the eip web mode): nothing on the internet can reach it"));
        else if (appPorts.length === 0) skips.push(skipped("tcp", "web app port from the internet", "web admits no TCP port from 0.0.0.0/0"));
        const publicIp = r.web.publicIp;
        for (const port of publicIp ? appPorts : []) {
            attempts.push({ check: `internet client -> web ${publicIp}:${port} (app port)`, ns: NS.inet, target: { ip: publicIp as string, port, source: t.clientIp }, expectOpen: true });
        }
    }
    if (r.web && r.db) {
        const dbPorts = portsFrom(r.db, `${r.web.privateIp}/32`).filter((p) => p !== 22);
        if (dbPorts.length === 0) skips.push(skipped("tcp", "db port from web", "db admits no single TCP port from web's group"));
        for (const port of dbPorts) {
            attempts.push({ check: `web -> db ${r.db.privateIp}:${port} (db port)`, ns: r.web.ns, target: { ip: r.db.privateIp, port }, expectOpen: true });
            if (r.bastion) attempts.push({ check: `bastion -> db ${r.db.privateIp}:${port} (db port)`, ns: r.bastion.ns, target: { ip: r.db.privateIp, port }, expectOpen: false });
        }
    }
    // From the bastion, a host's PUBLIC address fails under group-referenced rules (the
    // internet gateway hands it over from the bastion's Elastic IP, which is not the group's private address)
    if (r.web?.publicIp && r.bastion) {
        attempts.push({ check: `bastion -> web's public IP ${r.web.publicIp}:22 (use the private IP)`, ns: r.bastion.ns, target: { ip: r.web.publicIp, port: 22 }, expectOpen: false });
        // the control: the same path carries the app port, open to the world, so only the rule's source differs
        const app = portsFrom(r.web, "0.0.0.0/0").find((p) => p !== 22);
        if (app !== undefined) attempts.push({ check: `bastion -> web's public IP ${r.web.publicIp}:${app} (same path, app port)`, ns: r.bastion.ns, target: { ip: r.web.publicIp, port: app }, expectOpen: true });
    }
    // SSH to a host behind the bastion only from the bastion: never from a neighbour
    const inner = t.hosts.filter((h) => h !== r.bastion);
    for (const from of inner) {
        for (const to of inner) {
            if (from !== to) attempts.push({ check: `${from.role ?? from.label} -> ${to.role ?? to.label} ${to.privateIp}:22 (SSH only from the bastion)`, ns: from.ns, target: { ip: to.privateIp, port: 22 }, expectOpen: false });
        }
    }
    return { attempts, skips };
}

/** Runs attempts grouped by source namespace, all groups at once. */
export async function runAttempts(attempts: Attempt[]): Promise<string[]> {
    const byNs = new Map<string, number[]>();
    attempts.forEach((a, i) => byNs.set(a.ns, [...(byNs.get(a.ns) ?? []), i]));
    const outcomes: string[] = new Array(attempts.length).fill("not tried");
    await Promise.all(
        [...byNs].map(async ([ns, idxs]) => {
            const got = await probe(ns, idxs.map((i) => attempts[i].target));
            idxs.forEach((i, k) => (outcomes[i] = got[k]));
        }),
    );
    return outcomes;
}

export function describe(outcome: string): string {
    if (outcome === "open") return "connected";
    if (outcome === "timeout") return "no answer (dropped)";
    return `turned away (${outcome})`;
}

export async function tcpChecks(t: Topology, r: Roles): Promise<CheckRow[]> {
    const { attempts, skips } = expectationAttempts(t, r);
    const outcomes = await runAttempts(attempts);
    return [...attempts.map((a, i) => row("tcp", a.check, a.expectOpen ? "connected" : "no connection", describe(outcomes[i]), (outcomes[i] === "open") === a.expectOpen)), ...skips];
}
