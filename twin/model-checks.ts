/**
 * Every row of the reachability model against a real TCP connect: for each source, target and opened
 * port the model lists, the twin tries the address the model names (or, for a `no`, the address a
 * person would try: a public one from outside, the private one inside) and compares yes/no.
 */
import { Address4 } from "ip-address";
import { Endpoint, portsLabel, Reachability, reachabilityOf, ReachabilityRow } from "../policies/reachability";
import { StackSnapshot } from "../offline/snapshot";
import { networkOf } from "../offline/snapshot-network";
import { CheckRow, row, skipped } from "./check-row";
import { NS } from "./network-plan";
import { ProbeTarget } from "./probe";
import { describe, runAttempts } from "./tcp-checks";
import { inCidr, operatorAddress, Topology } from "./topology";

export interface ModelAttempt {
    label: string;
    ns: string;
    target: ProbeTarget;
    verdict: "yes" | "no";
    reason: string;
}

export interface ModelPlan {
    attempts: ModelAttempt[];
    skips: CheckRow[];
    /** Addresses of CIDR endpoints (other than the operator's) the internet namespace must hold. */
    extraSources: string[];
    /** TCP ports to listen on, by host namespace. */
    ports: Map<string, number[]>;
}

function endpointLabel(e: Endpoint | undefined, id: string): string {
    return e?.label ?? id;
}

function viaIp(r: ReachabilityRow): string | undefined {
    const first = r.via?.address.split(/\s+/)[0];
    return first && Address4.isValid(first) ? first : undefined;
}

export function buildModel(snapshot: StackSnapshot, operatorCidrs: string[]): Reachability {
    return reachabilityOf(networkOf(snapshot), { operatorCidrs });
}

/** Turns model rows into connection attempts; what TCP cannot test (udp, icmp, unknown) is skipped, said why. */
export function modelPlan(model: Reachability, t: Topology): ModelPlan {
    const plan: ModelPlan = { attempts: [], skips: [], extraSources: [], ports: new Map() };
    const endpoints = new Map(model.endpoints.map((e) => [e.id, e]));
    const hostByUrn = new Map(t.hosts.map((h) => [h.urn, h]));
    const endpointByUrn = new Map(t.endpoints.map((e) => [e.urn, e]));
    for (const r of model.rows) {
        const from = endpoints.get(r.from);
        const to = endpoints.get(r.to);
        const label = `${endpointLabel(from, r.from)} -> ${endpointLabel(to, r.to)}: ${portsLabel(r)}`;
        if (r.verdict === "unknown") {
            plan.skips.push(skipped("model", label, `model says unknown: ${r.reason}`));
            continue;
        }
        if (r.protocol !== "tcp" && r.protocol !== "all") {
            plan.skips.push(skipped("model", label, `model says ${r.verdict}; the twin tries TCP connects only`));
            continue;
        }
        const target = to?.urn ? hostByUrn.get(to.urn) : undefined;
        if (!target) {
            plan.skips.push(skipped("model", label, `${to?.kind ?? "target"} ${endpointLabel(to, r.to)} is not a host of the twin`));
            continue;
        }
        let ns: string | undefined;
        let source: string | undefined;
        if (from?.kind === "internet") [ns, source] = [NS.inet, t.clientIp];
        else if (from?.kind === "cidr" && from.cidr) {
            ns = NS.inet;
            source = inCidr(t.operatorIp, from.cidr) ? t.operatorIp : operatorAddress(from.cidr);
            if (source !== t.operatorIp && (inCidr(source, t.vpcCidr) || inCidr(source, "100.127.255.0/24"))) {
                plan.skips.push(skipped("model", label, `source range ${from.cidr} overlaps the VPC or the twin's links`));
                continue;
            }
            if (source !== t.operatorIp && !plan.extraSources.includes(source)) plan.extraSources.push(source);
        } else if (from?.urn && (hostByUrn.has(from.urn) || endpointByUrn.has(from.urn))) ns = (hostByUrn.get(from.urn) ?? endpointByUrn.get(from.urn))?.ns;
        if (!ns) {
            plan.skips.push(skipped("model", label, `${from?.kind ?? "source"} ${endpointLabel(from, r.from)} is not modelled by the twin`));
            continue;
        }
        const outside = ns === NS.inet;
        const ip = viaIp(r) ?? (outside ? (target.publicIp ?? target.privateIp) : target.privateIp);
        // `all traffic` is tried on 22, where every host has sshd listening
        const port = r.protocol === "all" || !r.ports ? 22 : r.ports.from;
        plan.attempts.push({ label: `${label} (${ip}:${port})`, ns, target: { ip, port, source }, verdict: r.verdict, reason: r.reason });
        plan.ports.set(target.ns, [...new Set([...(plan.ports.get(target.ns) ?? []), port])]);
    }
    return plan;
}

export async function modelChecks(plan: ModelPlan): Promise<CheckRow[]> {
    const outcomes = await runAttempts(plan.attempts.map((a) => ({ check: a.label, ns: a.ns, target: a.target, expectOpen: a.verdict === "yes" })));
    return [
        ...plan.attempts.map((a, i) =>
            row("model", a.label, `${a.verdict === "yes" ? "connected" : "no connection"} (model: ${a.verdict})`, describe(outcomes[i]), (outcomes[i] === "open") === (a.verdict === "yes")),
        ),
        ...plan.skips,
    ];
}
