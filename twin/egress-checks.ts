/**
 * The way out, tried for real: each host connects to a server on the internet side, which answers with
 * the address it saw. Internal hosts must leave through their NAT (seen as the NAT's Elastic IP), hosts
 * with a public address as that address, and hosts with neither must not get out at all.
 */
import { CheckRow, row } from "./check-row";
import { probe } from "./probe";
import { inCidr, Topology, TwinHost } from "./topology";

export const INTERNET_SERVER_PORT = 443;

/** What AWS would do with a connection from `h` to the internet: the address the other end sees, or why none. */
export function expectedExit(t: Topology, h: TwinHost): { via: string; seenAs?: string } {
    const allowed = h.firewall.some(
        (r) =>
            r.direction === "out" &&
            r.peers.some((p) => inCidr(t.clientIp, p)) &&
            (r.protocol === "all" || (r.protocol === "tcp" && (r.fromPort === undefined || (r.fromPort <= INTERNET_SERVER_PORT && (r.toPort ?? 65535) >= INTERNET_SERVER_PORT)))),
    );
    if (!allowed) return { via: "its egress rules" };
    const route = t.subnets[h.subnet].routes.find((r) => r.destination === "0.0.0.0/0");
    if (!route) return { via: "its route table (no default route)" };
    if (route.via.kind === "igw") return h.publicIp ? { via: "the internet gateway", seenAs: h.publicIp } : { via: "the internet gateway (no public address)" };
    const nat = t.nats[route.via.nat];
    const natOut = t.subnets[nat.subnet].routes.some((r) => r.destination === "0.0.0.0/0" && r.via.kind === "igw");
    return natOut && nat.publicIp ? { via: `NAT ${nat.label}`, seenAs: nat.publicIp } : { via: `NAT ${nat.label} (no way on)` };
}

export async function egressChecks(t: Topology): Promise<CheckRow[]> {
    return Promise.all(
        t.hosts.map(async (h) => {
            const want = expectedExit(t, h);
            const [outcome] = await probe(h.ns, [{ ip: t.clientIp, port: INTERNET_SERVER_PORT, read: true }]);
            const seen = /from (\S+)$/.exec(outcome)?.[1];
            const expected = want.seenAs ? `out through ${want.via}, seen as ${want.seenAs}` : `no way out (${want.via})`;
            const observed = seen ? `seen as ${seen}` : outcome === "timeout" ? "no answer (dropped)" : `turned away (${outcome})`;
            return row("egress", `${h.role ?? h.label} -> internet ${t.clientIp}:${INTERNET_SERVER_PORT}`, expected, observed, want.seenAs ? seen === want.seenAs : seen === undefined);
        }),
    );
}
