/** Reachability from the network model: every (source, target, opening) question, asked once. */
import { DEFAULT_OPTIONS, NetworkModel, trafficKey } from "../model";
import { Host, hostsOf, vpcBlocks } from "./endpoints";
import { outsideEndpoints } from "./outside-endpoints";
import { Opening, PathContext, evaluatePath } from "./path";
import { GroupRules, groupKeyLabel, securityGroupRules } from "./security-groups";
import { Reachability, ReachabilityOptions, ReachabilityRow } from "./types";

/** Every option at its default: the model's, and no operator ranges. */
export const REACHABILITY_DEFAULTS: Required<Omit<ReachabilityOptions, "sources">> = { ...DEFAULT_OPTIONS, operatorCidrs: [] };

/**
 * What some ingress rule of the target's groups opens. A load balancer: its listeners' ports, admitted
 * by its groups (or by nothing, without groups); with no listener in the snapshot, its groups' openings,
 * each waiting on a listener that is not known.
 */
function openingsOf(t: Host, rules: Map<string, GroupRules>): Opening[] {
    const lb = t.listenerOpenings;
    const noGroups = t.groupKeys.length === 0 && !t.groupsUnknown;
    if (lb && lb.length > 0) return lb.map((traffic) => ({ traffic, listener: noGroups }));
    if (lb && noGroups) return [];
    const out = new Map<string, Opening>();
    for (const key of t.groupKeys) {
        for (const r of rules.get(key)?.ingress ?? []) {
            if (r.traffic.protocol === "?") continue;
            out.set(trafficKey(r.traffic), { traffic: r.traffic });
        }
    }
    const unknownRule = t.groupKeys.flatMap((k) => rules.get(k)?.ingress ?? []).find((r) => r.traffic.protocol === "?");
    const external = t.groupKeys.find((k) => k.startsWith("id:"));
    if (unknownRule) out.set("?", { traffic: { protocol: "?" }, why: `${unknownRule.label}: its protocol or ports are not known yet`, preview: true });
    else if (t.groupsUnknown) out.set("?", { traffic: { protocol: "?" }, why: t.groupsWhy ?? `the security groups of ${t.endpoint.label} are not known yet`, preview: t.groupsWhy === undefined });
    else if (external) out.set("?", { traffic: { protocol: "?" }, why: `${t.endpoint.label}'s group ${external.slice(3)} is not in the snapshot: what else it opens is not known` });
    const openings = [...out.values()];
    return lb ? openings.map((o) => ({ ...o, noListener: true })) : openings;
}

/** `model` decides tiers with the options it was built with (`buildReachability` builds it with `options`). */
export function evaluate(model: NetworkModel, options: ReachabilityOptions): Reachability {
    const notes: string[] = [...model.notes];
    const rules = securityGroupRules(model);
    const hosts = hostsOf(model);
    const outside = outsideEndpoints(rules, vpcBlocks(model), options.operatorCidrs ?? REACHABILITY_DEFAULTS.operatorCidrs);
    const c: PathContext = { model, hasNacls: model.networkAcls.length > 0, rules, groupLabel: (key) => groupKeyLabel(model, key) };
    if ([...rules.values()].some((g) => g.ingress.some((r) => r.peer.kind === "cidr" && !r.peer.block))) {
        notes.push("IPv6 rules are not evaluated: the model follows IPv4 paths only.");
    }
    const sources = options.sources === "outside" ? outside : [...outside, ...hosts];
    const rows: ReachabilityRow[] = [];
    let skippedPairs = 0;
    for (const t of hosts) {
        if (t.endpoint.sourceOnly) continue;
        const openings = openingsOf(t, rules);
        if (openings.length === 0) continue;
        for (const s of sources) {
            if (s === t) continue;
            // Hosts reach each other by private address inside one VPC; across VPCs only through the
            // internet, which the internet's own rows already answer.
            if (!s.endpoint.outside && (!s.vpc || !t.vpc || s.vpc !== t.vpc)) {
                if (!s.vpc || !t.vpc) skippedPairs++;
                continue;
            }
            for (const o of openings) rows.push(evaluatePath(c, s, t, o));
        }
    }
    if (skippedPairs > 0) notes.push(`${skippedPairs} host pair(s) not evaluated: a host's VPC is not in the snapshot.`);
    if (model.vpcs.length === 0 && hosts.length > 0) notes.push("No VPC in the snapshot: routes and addresses outside it are not known.");
    return { endpoints: [...outside, ...hosts].map((h) => h.endpoint), rows, notes: [...new Set(notes)] };
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
