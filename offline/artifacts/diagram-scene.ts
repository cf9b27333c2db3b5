import { AllowedPath, PathEnd } from "../diagram/allowed-paths";
import { portLabel } from "./admit-rules";
import { diagramPaths } from "../diagram/reachability-paths";
import { StackSnapshot } from "../snapshot";
import { NetworkModel, networkModel } from "./network-model";

export type NodeKind = "vpc" | "az" | "subnet" | "host" | "nat" | "igw" | "endpoint" | "lb" | "external" | "outside" | "legend";

/** A box of the picture; `parent` nests it (subnet in AZ in VPC). Labels are plain text lines. */
export interface SceneNode {
    id: string;
    kind: NodeKind;
    lines: string[];
    parent?: string;
    tier?: string;
}

/**
 * `admit`: a path the network allows (protocol and port); `route`: where a subnet's traffic leaves;
 * `attach`: the internet gateway joining the internet to the VPC.
 */
export interface SceneEdge {
    from: string;
    to: string;
    kind: "admit" | "route" | "attach";
    label: string;
    /** An allowed path whose verdict is not known yet (a preview). */
    unknown?: boolean;
    /** Against a base snapshot: a path the change opens or closes. */
    change?: "added" | "removed";
}

export interface Scene {
    nodes: SceneNode[];
    edges: SceneEdge[];
}

const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);

/**
 * The picture as data both diagram writers share: containers (VPC > AZ > subnet > host, NAT, endpoint),
 * the internet gateway and load balancers in their VPC, the sources outside it, and one arrow per
 * allowed path. Ids are positional, so the same snapshot always gives the same ids.
 */
export function buildScene(model: NetworkModel, paths: AllowedPath[]): Scene {
    const nodes: SceneNode[] = [];
    const idOf = new Map<string, string>();
    const add = (key: string | undefined, node: SceneNode) => {
        nodes.push(node);
        if (key) idOf.set(key, node.id);
        return node.id;
    };

    const vpcIds = model.vpcs.map((v, i) => add(v.urn, { id: `vpc${i}`, kind: "vpc", lines: [`VPC ${v.label}`, v.cidr ?? "CIDR unknown"] }));
    let orphanVpc: string | undefined;
    const vpcFor = (urn: string | undefined) => {
        if (urn && idOf.has(urn)) return idOf.get(urn) as string;
        if (vpcIds.length === 1) return vpcIds[0];
        orphanVpc ??= add(undefined, { id: "vpc-unknown", kind: "vpc", lines: ["VPC not in this stack"] });
        return orphanVpc;
    };

    const azIds = new Map<string, string>();
    for (const s of model.subnets) {
        const vpc = vpcFor(s.vpcUrn);
        const azKey = `${vpc}|${s.az ?? "?"}`;
        if (!azIds.has(azKey)) azIds.set(azKey, add(undefined, { id: `az${azIds.size}`, kind: "az", lines: [s.az ?? "AZ unknown"], parent: vpc }));
        // short lines keep the subnet narrow: name, CIDR and tier, default route
        const lines = [s.label, s.tier ? `${s.cidr ?? "CIDR unknown"} · tier: ${s.tier}` : (s.cidr ?? "CIDR unknown")];
        const route = routeSummary(model, s.urn);
        if (route) lines.push(route);
        add(s.urn, { id: `subnet${idOf.size}`, kind: "subnet", lines, parent: azIds.get(azKey), tier: s.tier });
    }

    let outside: string | undefined;
    const subnetOr = (subnetUrn: string | undefined, fallback: () => string) => (subnetUrn && idOf.get(subnetUrn)) || fallback();
    const outsideBox = () => (outside ??= add(undefined, { id: "outside", kind: "outside", lines: ["outside this stack's subnets"] }));
    for (const [i, h] of model.hosts.entries()) {
        add(h.urn, { id: `host${i}`, kind: "host", lines: [h.label, `private IP ${h.privateIp ?? "(known after update)"}`], parent: subnetOr(h.subnetUrn, outsideBox) });
    }
    for (const [i, e] of model.endpoints.entries()) {
        add(e.urn, { id: `eice${i}`, kind: "endpoint", lines: ["Instance Connect endpoint", e.label], parent: subnetOr(e.subnetUrn, () => vpcFor(undefined)) });
    }
    for (const [i, g] of model.gateways.entries()) {
        if (g.kind === "igw") {
            add(g.urn, { id: `igw${i}`, kind: "igw", lines: ["Internet gateway", g.label], parent: vpcFor(g.vpcUrn) });
        } else {
            const lines = ["NAT gateway", g.label, g.publicIp ? `EIP ${g.publicIp}` : "EIP (known after update)"];
            add(g.urn, { id: `nat${i}`, kind: "nat", lines, parent: subnetOr(g.subnetUrn, () => vpcFor(undefined)) });
        }
    }
    for (const [i, lb] of model.loadBalancers.entries()) {
        const vpc = model.subnets.find((s) => lb.subnetUrns.includes(s.urn))?.vpcUrn;
        add(lb.urn, { id: `lb${i}`, kind: "lb", lines: [`Load balancer (${lb.internal ? "internal" : "internet-facing"})`, lb.label], parent: vpcFor(vpc) });
    }

    const subnetByCidr = new Map(model.subnets.filter((s) => s.cidr).map((s) => [s.cidr as string, s.urn]));
    const nodeFor = (end: PathEnd): string | undefined => {
        if (end.kind === "resource") return idOf.get(end.urn);
        const text = end.kind === "cidr" ? end.cidr : end.label;
        const subnet = subnetByCidr.get(text);
        if (subnet) return idOf.get(subnet);
        const key = `external:${ANYWHERE.has(text) ? "anywhere" : text}`;
        const lines = ANYWHERE.has(text) ? ["Internet", "0.0.0.0/0"] : end.kind === "cidr" ? ["Operator / range", text] : ["Outside this stack", text];
        return idOf.get(key) ?? add(key, { id: `ext${idOf.size}`, kind: "external", lines });
    };

    const edges: SceneEdge[] = [];
    const seen = new Set<string>();
    const link = (edge: SceneEdge) => {
        const key = `${edge.kind}|${edge.from}|${edge.to}|${edge.label}`;
        if (!seen.has(key)) edges.push(edge);
        seen.add(key);
    };
    // one arrow per source and target (known and unknown apart), listing every protocol/port it carries:
    // parallel arrows between the same two boxes would only repeat each other
    const arrows = new Map<string, SceneEdge>();
    for (const p of [...paths].sort((a, b) => (a.fromPort ?? -1) - (b.fromPort ?? -1))) {
        const from = nodeFor(p.from);
        const to = nodeFor(p.to);
        if (!from || !to || from === to) continue;
        const key = `${from}|${to}|${p.unknown === true}|${p.change ?? ""}`;
        const edge = arrows.get(key) ?? { from, to, kind: "admit" as const, label: "", unknown: p.unknown || undefined, change: p.change };
        const part = p.unknown ? `${portLabel(p)}?` : portLabel(p);
        if (!edge.label.split("\n").includes(part)) edge.label = edge.label === "" ? part : `${edge.label}\n${part}`;
        arrows.set(key, edge);
    }
    for (const edge of arrows.values()) link(edge);
    if ([...arrows.values()].some((e) => e.change)) add(undefined, { id: "legend", kind: "legend", lines: LEGEND });
    const igw = model.gateways.find((g) => g.kind === "igw");
    const igwId = igw ? idOf.get(igw.urn) : undefined;
    if (igwId) link({ from: nodeFor({ kind: "cidr", cidr: "0.0.0.0/0" }) as string, to: igwId, kind: "attach", label: "internet gateway" });
    for (const r of model.routes) {
        const from = idOf.get(r.subnetUrn);
        const to = idOf.get(r.gatewayUrn);
        if (from && to) link({ from, to, kind: "route", label: r.destination });
    }
    return { nodes, edges };
}

/** What the arrow styles mean, drawn only when the picture shows a change against a base. */
export const LEGEND = ["Legend", "orange: allowed path", "green, thick: added by this change", "red, dashed: removed by this change", "orange, dashed: not known until the update"];

/** A subnet's default route in a few words (`0.0.0.0/0 → NAT gateway`), or that it has none. */
function routeSummary(model: NetworkModel, subnetUrn: string): string | undefined {
    const routes = model.routes.filter((r) => r.subnetUrn === subnetUrn);
    if (routes.length === 0) return model.routes.length > 0 ? "no route out in this stack" : undefined;
    const kindOf = (urn: string) => (model.gateways.find((g) => g.urn === urn)?.kind === "nat" ? "NAT gateway" : "internet gateway");
    return routes.map((r) => `${r.destination} → ${kindOf(r.gatewayUrn)}`).join(", ");
}

/** A snapshot's scene, with the arrows the reachability model allows. */
export function sceneOf(snapshot: StackSnapshot): Scene {
    return buildScene(networkModel(snapshot), diagramPaths(snapshot));
}
