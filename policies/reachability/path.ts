/**
 * One question: can `source` reach `target` with `traffic`? The stages in the order AWS applies them
 * to the first packet — the address used, the route, the source's security group egress, network
 * ACLs (both ways: they are stateless), the target's security group ingress — each yes, no or unknown.
 */
import { Block, NetworkModel, Traffic, covers, intersect, trafficLabel, within } from "../model";
import { Host } from "./endpoints";
import { NaclPeer, decideNacl } from "./nacls";
import { decide, tableOf } from "./routes";
import { GroupRules, Peer, SgRule } from "./security-groups";
import { PathStep, PathVia, ReachabilityRow, Verdict } from "./types";

export interface Step extends PathStep {
    verdict: Verdict;
    /** An unknown caused by a preview value (rather than by something outside the snapshot). */
    preview?: boolean;
}

export interface PathContext {
    model: NetworkModel;
    hasNacls: boolean;
    rules: Map<string, GroupRules>;
    groupLabel: (key: string) => string;
}

/** An opening of the target: the traffic and, for a load balancer without groups, the listener that opens it. */
export interface Opening {
    traffic: Traffic;
    listener?: boolean;
    /** A load balancer none of whose listeners is in the snapshot. */
    noListener?: boolean;
    /** For `?` openings: why the rules are not known. */
    why?: string;
    preview?: boolean;
}

function step(stage: PathStep["stage"], verdict: Verdict, text: string, extra?: Partial<Step>): Step {
    const st: Step = { stage, verdict, text };
    if (extra) Object.assign(st, extra);
    return st;
}
const isPreview = (text: string) => text.includes("not known yet");

function addressStep(s: Host, t: Host): Step {
    if (s.endpoint.outside && s.endpoint.internetAddress) {
        if (t.publicVerdict === "no") return step("address", "no", `${t.endpoint.label} has no public address`);
        if (t.publicVerdict === "unknown") return step("address", "unknown", `whether ${t.endpoint.label} gets a public address is not known yet`, { preview: true });
        const pub = t.endpoint.addresses.find((a) => a.kind !== "private" && a.known);
        const text = pub?.ip ? `${pub.ip} (${pub.kind})` : `its ${pub?.kind ?? "public"} address`;
        return step("address", "yes", text, { urn: pub?.sourceUrn });
    }
    const ip = t.endpoint.addresses.find((a) => a.kind === "private" && a.ip)?.ip;
    return step("address", "yes", ip ? `${ip} (private)` : `its private address in ${t.endpoint.subnetCidrs.join(", ") || "its subnet"}`);
}

function routeStep(c: PathContext, s: Host, t: Host): Step {
    if (!s.endpoint.outside) return step("route", "yes", `local route of ${t.vpcBlock?.cidr ?? "the VPC"}`);
    if (t.subnets.length === 0) return step("route", "unknown", t.subnetMissing ?? `the subnet of ${t.endpoint.label} is not known`, { preview: isPreview(t.subnetMissing ?? "") });
    let best: Step | undefined;
    const rank = { yes: 0, unknown: 1, no: 2 };
    for (const subnet of t.subnets) {
        const table = tableOf(c.model, subnet);
        let st: Step;
        if ("unknown" in table) st = step("route", "unknown", table.unknown, { preview: isPreview(table.unknown) });
        else {
            const d = decide(table, t.vpcBlock, s.block ?? "internet");
            st = step("route", d.verdict, d.text, { urn: d.urn, preview: d.verdict === "unknown" && isPreview(d.text) });
            if (d.verdict === "yes" && !s.endpoint.internetAddress) st = step("route", "no", `${d.text}: a private range (${s.block?.cidr}) cannot arrive through an internet gateway`, { urn: d.urn });
            if (d.verdict === "unknown" && (d.entry?.target.kind === "other" || d.entry?.target.kind === "endpoint")) st.text = `${d.text}: what lies beyond it is not in the snapshot`;
        }
        if (!best || rank[st.verdict] < rank[best.verdict]) best = st;
    }
    return best as Step;
}

/** Does a rule's peer (source of an ingress rule, destination of an egress rule) cover `h`? */
function peerCovers(peer: Peer, h: Host, viaPrivate: boolean): Verdict {
    const blocksVerdict = (blocks: readonly (Block | undefined)[]): Verdict => {
        let out: Verdict = "no";
        for (const b of blocks) {
            if (!b) continue; // IPv6: the model follows IPv4 paths
            let v: Verdict;
            if (h.endpoint.kind === "internet") v = b.prefix === 0 ? "yes" : "no";
            else if (h.privateBlocks.length === 0) v = "unknown";
            else {
                v = within(h.privateBlocks, b);
                // Some addresses of an outside range, or of several known addresses, is a path; of a subnet whose host address is not known yet, it is not known.
                if (v === "unknown" && (h.endpoint.outside || h.privateExact)) v = "yes";
            }
            if (v === "yes") return "yes";
            if (v === "unknown") out = "unknown";
        }
        return out;
    };
    switch (peer.kind) {
        case "cidr": return blocksVerdict([peer.block]);
        case "prefix-list": return peer.blocks ? blocksVerdict(peer.blocks) : "unknown";
        case "sg":
            // A group as peer means its members' private addresses: never an outside source.
            if (h.endpoint.outside || !viaPrivate) return "no";
            if (h.groupKeys.includes(peer.key)) return "yes";
            return h.groupsUnknown ? "unknown" : "no";
        case "unknown": return "unknown";
    }
}

function groupNames(c: PathContext, h: Host): string {
    return h.groupKeys.map(c.groupLabel).join(", ") || "none";
}

function egressStep(c: PathContext, s: Host, t: Host, o: Traffic): Step | undefined {
    if (s.endpoint.outside) return undefined;
    // Traffic not known yet: any egress rule at all might carry it.
    if (o.protocol === "?" && s.groupKeys.some((k) => (c.rules.get(k)?.egress.length ?? 0) > 0)) {
        return step("egress", "unknown", `whether an egress rule of ${s.endpoint.label} lets it out is not known yet`, { preview: true });
    }
    let unknown: SgRule | undefined;
    let partial: { rule: SgRule; part: Traffic } | undefined;
    for (const key of s.groupKeys) {
        for (const r of c.rules.get(key)?.egress ?? []) {
            if (r.traffic.protocol === "?") {
                unknown ??= r;
                continue;
            }
            const part = intersect(r.traffic, o);
            if (!part) continue;
            const m = peerCovers(r.peer, t, true);
            if (m === "yes" && covers(r.traffic, o)) return step("egress", "yes", r.label, { urn: r.urn });
            if (m === "yes") partial ??= { rule: r, part };
            if (m === "unknown") unknown ??= r;
        }
    }
    if (partial) return step("egress", "yes", `${partial.rule.label}, for ${trafficLabel(partial.part)} only`, { urn: partial.rule.urn });
    if (unknown) return step("egress", "unknown", `${unknown.label}: whether it covers ${t.endpoint.label} is not known yet`, { urn: unknown.urn, preview: true });
    const external = s.groupKeys.find((k) => k.startsWith("id:"));
    if (external) return step("egress", "unknown", `${s.endpoint.label}'s group ${external.slice(3)} is not in the snapshot`);
    if (s.groupsUnknown) return step("egress", "unknown", s.groupsWhy ?? `the security groups of ${s.endpoint.label} are not known yet`, { preview: s.groupsWhy === undefined });
    return step("egress", "no", `no egress rule of ${s.endpoint.label}'s groups (${groupNames(c, s)}) lets ${trafficLabel(o)} out to ${t.endpoint.label}`);
}

const EPHEMERAL = { from: 1024, to: 65535 };

function naclStep(c: PathContext, s: Host, t: Host, o: Traffic): Step | undefined {
    if (!c.hasNacls || t.subnets.length === 0) return undefined;
    const back: Traffic = o.protocol === "tcp" || o.protocol === "udp" ? { protocol: o.protocol, ports: EPHEMERAL } : o;
    const peerOf = (h: Host): NaclPeer => (h.endpoint.kind === "internet" ? "internet" : h.privateBlocks);
    const tSub = t.subnets[0];
    const checks = [() => decideNacl(c.model, tSub, "ingress", peerOf(s), o), () => decideNacl(c.model, tSub, "egress", peerOf(s), back)];
    const sSub = s.subnets[0];
    if (!s.endpoint.outside && sSub && sSub !== tSub) {
        checks.unshift(() => decideNacl(c.model, sSub, "egress", peerOf(t), o));
        checks.push(() => decideNacl(c.model, sSub, "ingress", peerOf(t), back));
    }
    let unknown: Step | undefined;
    const texts: string[] = [];
    for (const check of checks) {
        const d = check();
        if (d.verdict === "no") return step("nacl", "no", d.text, { urn: d.urn });
        if (d.verdict === "unknown") unknown ??= step("nacl", "unknown", d.text, { urn: d.urn, preview: isPreview(d.text) });
        texts.push(d.text);
    }
    return unknown ?? step("nacl", "yes", texts.join("; "));
}

function ingressStep(c: PathContext, s: Host, t: Host, o: Opening): Step {
    if (o.traffic.protocol === "?") return step("ingress", "unknown", o.why ?? `the rules of ${t.endpoint.label}'s groups are not known`, { preview: o.preview });
    if (o.listener) return step("ingress", "yes", `listener on ${trafficLabel(o.traffic)} (no security group)`);
    let unknown: SgRule | undefined;
    for (const key of t.groupKeys) {
        for (const r of c.rules.get(key)?.ingress ?? []) {
            if (r.traffic.protocol === "?" || !covers(r.traffic, o.traffic)) continue;
            const m = peerCovers(r.peer, s, !s.endpoint.outside);
            if (m === "yes") return step("ingress", "yes", r.label, { urn: r.urn });
            if (m === "unknown") unknown ??= r;
        }
    }
    if (unknown) return step("ingress", "unknown", `${unknown.label}: whether it covers ${s.endpoint.label} is not known yet`, { urn: unknown.urn, preview: true });
    const external = t.groupKeys.find((k) => k.startsWith("id:"));
    if (external) return step("ingress", "unknown", `${t.endpoint.label}'s group ${external.slice(3)} is not in the snapshot`);
    return step("ingress", "no", `no ingress rule of ${t.endpoint.label}'s groups (${groupNames(c, t)}) admits ${s.endpoint.label} on ${trafficLabel(o.traffic)}`);
}

export function evaluatePath(c: PathContext, s: Host, t: Host, o: Opening): ReachabilityRow {
    // In AWS's order; evaluation stops at the first definite block, the "first thing that blocks it".
    const stages: (() => Step | undefined)[] = [
        () => addressStep(s, t),
        () => routeStep(c, s, t),
        () => egressStep(c, s, t, o.traffic),
        () => naclStep(c, s, t, o.traffic),
        () => ingressStep(c, s, t, o),
        () => (o.noListener ? step("listener", "unknown", `no listener of ${t.endpoint.label} is in the snapshot: which ports it answers on is not known`) : undefined),
    ];
    const steps: Step[] = [];
    for (const stage of stages) {
        const st = stage();
        if (!st) continue;
        steps.push(st);
        if (st.verdict === "no") break;
    }
    // Rows are built field by field (no object spread: V8 builds spread literals on its slow path, and a
    // stack has tens of thousands of rows); the key order is the rows' JSON order.
    const row = { from: s.endpoint.id, to: t.endpoint.id, protocol: o.traffic.protocol } as ReachabilityRow;
    if (o.traffic.ports) row.ports = o.traffic.ports;
    const plainSteps: PathStep[] = steps.map(({ stage, text, urn }) => (urn ? { stage, text, urn } : { stage, text }));
    const last = steps.length - 1;
    const open = steps[last].verdict === "no" ? last : steps.findIndex((x) => x.verdict === "unknown");
    if (open >= 0) {
        row.verdict = steps[open].verdict;
        row.reason = steps[open].text;
        row.decidedBy = plainSteps[open];
        row.steps = plainSteps;
        if (row.verdict === "unknown") row.preview = steps[open].preview === true;
        return row;
    }
    const egress = steps.find((x) => x.stage === "egress");
    const get = (stage: PathStep["stage"]) => steps.find((x) => x.stage === stage);
    const ingress = get("ingress") as Step;
    const via: PathVia = { address: steps[0].text, route: (get("route") as Step).text, rule: ingress.text };
    if (ingress.urn) via.ruleUrn = ingress.urn;
    if (egress) {
        via.egressRule = egress.text;
        if (egress.urn) via.egressRuleUrn = egress.urn;
    }
    row.verdict = "yes";
    row.reason = `${via.rule}; to ${via.address}; ${via.route}`;
    row.via = via;
    row.steps = plainSteps;
    return row;
}
