/** Asking the model one question, and saying a row's protocol and ports in words. */
import { trafficLabel } from "../model";
import { Reachability, ReachabilityRow } from "./types";

/** `tcp 22`, `tcp 1025-65535`, `udp all ports`, `icmp`, `all traffic`. */
export function portsLabel(row: Pick<ReachabilityRow, "protocol" | "ports">): string {
    return trafficLabel(row);
}

function covers(row: ReachabilityRow, protocol: string, port: number | undefined): boolean {
    if (row.protocol !== "all" && row.protocol !== protocol) return false;
    if (!row.ports || port === undefined) return true;
    return row.ports.from <= port && port <= row.ports.to;
}

const rank = { yes: 0, unknown: 1, no: 2 } as const;

/**
 * Can `from` reach `to` on `protocol`/`port`? The most permissive row that covers it (a `yes` beats an
 * `unknown` beats a `no`); when no rule on the target opens it, a `no` row saying so. `port` may be
 * omitted for protocol-wide questions.
 */
export function queryPath(r: Reachability, from: string, to: string, protocol: string, port?: number): ReachabilityRow {
    const proto = protocol.toLowerCase();
    const hits = r.rows.filter((row) => row.from === from && row.to === to && covers(row, proto, port));
    const unknownRule = r.rows.filter((row) => row.from === from && row.to === to && row.protocol === "?");
    const best = [...hits, ...unknownRule].sort((a, b) => rank[a.verdict] - rank[b.verdict])[0];
    if (best) return best;
    const target = r.endpoints.find((e) => e.id === to);
    const what = portsLabel({ protocol: proto, ports: port === undefined ? undefined : { from: port, to: port } });
    const step = { stage: "ingress" as const, text: `no security group rule of ${target?.label ?? to} opens ${what}` };
    return { from, to, protocol: proto, ports: port === undefined ? undefined : { from: port, to: port }, verdict: "no", reason: step.text, decidedBy: step, steps: [step] };
}
