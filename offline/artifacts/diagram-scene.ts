import { trafficLabel } from "../../policies/model";
import type { Host, NetworkModel, Subnet } from "../../policies/model";
import { AllowedPath, PathEnd } from "../diagram/allowed-paths";
import { diagramPaths } from "../diagram/reachability-paths";
import { StackSnapshot } from "../snapshot";
import { natPublicIp, networkOf, routesOf, shown } from "../snapshot-network";

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

/** The one resource a link names, when it is certain. */
const only = (urns: string[]) => (urns.length === 1 ? urns[0] : undefined);
const hostsOf = (model: NetworkModel, ...kinds: Host["kind"][]) => model.hosts.filter((h) => kinds.includes(h.kind));

/** Where a subnet's traffic leaves for a gateway: its route table's routes to an internet or NAT gateway. */
interface RouteEdge { subnetUrn: string; gatewayUrn: string; destination: string }

function routeEdges(model: NetworkModel, subnet: Subnet): RouteEdge[] {
    return (routesOf(model, subnet) ?? []).flatMap((r) => {
        const gatewayUrn = r.target.kind === "igw" || r.target.kind === "nat" ? r.target.urn : undefined;
        const destination = shown(r.destination) ?? shown(r.destinationIpv6) ?? "?";
        return gatewayUrn ? [{ subnetUrn: subnet.urn, gatewayUrn, destination }] : [];
    });
}

/** `tcp 22`, `tcp 1025-65535`, `all traffic`: the reachability table's words for a path's traffic. */
function portLabel(p: AllowedPath): string {
    return trafficLabel({ protocol: p.protocol, ports: p.fromPort === undefined ? undefined : { from: p.fromPort, to: p.toPort ?? p.fromPort } });
}

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

    const vpcIds = model.vpcs.map((v, i) => add(v.urn, { id: `vpc${i}`, kind: "vpc", lines: [`VPC ${v.label}`, shown(v.cidr) ?? "CIDR unknown"] }));
    let orphanVpc: string | undefined;
    const vpcFor = (urn: string | undefined) => {
        if (urn && idOf.has(urn)) return idOf.get(urn) as string;
        if (vpcIds.length === 1) return vpcIds[0];
        orphanVpc ??= add(undefined, { id: "vpc-unknown", kind: "vpc", lines: ["VPC not in this stack"] });
        return orphanVpc;
    };

    const routes = model.subnets.flatMap((s) => routeEdges(model, s));
    const azIds = new Map<string, string>();
    for (const s of model.subnets) {
        const vpc = vpcFor(only(s.vpc.urns));
        const [az, cidr, tier] = [shown(s.az), shown(s.cidr), shown(s.tier.tier)];
        const azKey = `${vpc}|${az ?? "?"}`;
        if (!azIds.has(azKey)) azIds.set(azKey, add(undefined, { id: `az${azIds.size}`, kind: "az", lines: [az ?? "AZ unknown"], parent: vpc }));
        // short lines keep the subnet narrow: name, CIDR and tier, default route
        const lines = [s.label, tier ? `${cidr ?? "CIDR unknown"} · tier: ${tier}` : (cidr ?? "CIDR unknown")];
        const route = routeSummary(model, routes, s.urn);
        if (route) lines.push(route);
        add(s.urn, { id: `subnet${idOf.size}`, kind: "subnet", lines, parent: azIds.get(azKey), tier });
    }

    let outside: string | undefined;
    const subnetOr = (subnetUrn: string | undefined, fallback: () => string) => (subnetUrn && idOf.get(subnetUrn)) || fallback();
    const outsideBox = () => (outside ??= add(undefined, { id: "outside", kind: "outside", lines: ["outside this stack's subnets"] }));
    for (const [i, h] of hostsOf(model, "instance", "spot-request").entries()) {
        add(h.urn, { id: `host${i}`, kind: "host", lines: [h.label, `private IP ${h.privateIps[0] ?? "(known after update)"}`], parent: subnetOr(h.subnets.urns[0], outsideBox) });
    }
    for (const [i, e] of hostsOf(model, "instance-connect-endpoint").entries()) {
        add(e.urn, { id: `eice${i}`, kind: "endpoint", lines: ["Instance Connect endpoint", e.label], parent: subnetOr(e.subnets.urns[0], () => vpcFor(undefined)) });
    }
    const gateways = model.gateways.filter((g) => g.kind === "igw" || g.kind === "nat");
    for (const [i, g] of gateways.entries()) {
        if (g.kind === "igw") {
            add(g.urn, { id: `igw${i}`, kind: "igw", lines: ["Internet gateway", g.label], parent: vpcFor(only(g.vpc.urns)) });
        } else {
            const publicIp = natPublicIp(model, g);
            const lines = ["NAT gateway", g.label, publicIp ? `EIP ${publicIp}` : "EIP (known after update)"];
            add(g.urn, { id: `nat${i}`, kind: "nat", lines, parent: subnetOr(g.subnet.urns[0], () => vpcFor(undefined)) });
        }
    }
    for (const [i, lb] of hostsOf(model, "load-balancer").entries()) {
        const vpc = model.subnets.find((s) => lb.subnets.urns.includes(s.urn))?.vpc.urns[0];
        const internal = shown(lb.internal) === true;
        add(lb.urn, { id: `lb${i}`, kind: "lb", lines: [`Load balancer (${internal ? "internal" : "internet-facing"})`, lb.label], parent: vpcFor(vpc) });
    }

    const subnetByCidr = new Map(model.subnets.flatMap((s) => (shown(s.cidr) ? [[shown(s.cidr) as string, s.urn] as const] : [])));
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
    const igw = gateways.find((g) => g.kind === "igw");
    const igwId = igw ? idOf.get(igw.urn) : undefined;
    if (igwId) link({ from: nodeFor({ kind: "cidr", cidr: "0.0.0.0/0" }) as string, to: igwId, kind: "attach", label: "internet gateway" });
    for (const r of routes) {
        const from = idOf.get(r.subnetUrn);
        const to = idOf.get(r.gatewayUrn);
        if (from && to) link({ from, to, kind: "route", label: r.destination });
    }
    return { nodes, edges };
}

/** What the arrow styles mean, drawn only when the picture shows a change against a base. */
export const LEGEND = ["Legend", "orange: allowed path", "green, thick: added by this change", "red, dashed: removed by this change", "orange, dashed: not known until the update"];

/** A subnet's default route in a few words (`0.0.0.0/0 → NAT gateway`), or that it has none. */
function routeSummary(model: NetworkModel, all: RouteEdge[], subnetUrn: string): string | undefined {
    const routes = all.filter((r) => r.subnetUrn === subnetUrn);
    if (routes.length === 0) return all.length > 0 ? "no route out in this stack" : undefined;
    const kindOf = (urn: string) => (model.gateways.find((g) => g.urn === urn)?.kind === "nat" ? "NAT gateway" : "internet gateway");
    return routes.map((r) => `${r.destination} → ${kindOf(r.gatewayUrn)}`).join(", ");
}

/** A snapshot's scene, with the arrows the reachability model allows. */
export function sceneOf(snapshot: StackSnapshot): Scene {
    return buildScene(networkOf(snapshot), diagramPaths(snapshot));
}
