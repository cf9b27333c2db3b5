import { portLabel } from "./admit-rules";
import { NetworkModel } from "./network-model";

export type NodeKind = "vpc" | "az" | "subnet" | "host" | "nat" | "igw" | "external" | "sg" | "outside";

/** A box of the picture; `parent` nests it (subnet in AZ in VPC). Labels are plain text lines. */
export interface SceneNode {
    id: string;
    kind: NodeKind;
    lines: string[];
    parent?: string;
    tier?: string;
}

/** `admit`: what a security group lets in (port and source); `route`: where a subnet's traffic leaves. */
export interface SceneEdge {
    from: string;
    to: string;
    kind: "admit" | "route";
    label: string;
}

export interface Scene {
    nodes: SceneNode[];
    edges: SceneEdge[];
}

const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);

/**
 * The picture the seed's author drew by hand, as data both diagram writers share: containers
 * (VPC > AZ > subnet > host/NAT), the internet gateway, the sources outside the VPC, and arrows.
 * Ids are positional, so the same snapshot always gives the same ids.
 */
export function buildScene(model: NetworkModel): Scene {
    const nodes: SceneNode[] = [];
    const edges: SceneEdge[] = [];
    const idOf = new Map<string, string>();
    const add = (urn: string | undefined, node: SceneNode) => {
        nodes.push(node);
        if (urn) idOf.set(urn, node.id);
        return node.id;
    };

    const vpcIds = model.vpcs.map((v, i) => add(v.urn, { id: `vpc${i}`, kind: "vpc", lines: [`VPC ${v.label}`, v.cidr ?? ""] }));
    let orphanVpc: string | undefined;
    const vpcFor = (urn: string | undefined) => {
        if (urn && idOf.has(urn)) return idOf.get(urn);
        if (vpcIds.length === 1) return vpcIds[0];
        orphanVpc ??= add(undefined, { id: "vpc-unknown", kind: "vpc", lines: ["VPC not in this stack"] });
        return orphanVpc;
    };

    const azIds = new Map<string, string>();
    for (const s of model.subnets) {
        const vpc = vpcFor(s.vpcUrn);
        const azKey = `${vpc}|${s.az ?? "?"}`;
        if (!azIds.has(azKey)) azIds.set(azKey, add(undefined, { id: `az${azIds.size}`, kind: "az", lines: [s.az ?? "AZ unknown"], parent: vpc }));
        const lines = [s.label, s.cidr ?? "CIDR unknown"];
        if (s.tier) lines.push(`tier: ${s.tier}`);
        add(s.urn, { id: `subnet${idOf.size}`, kind: "subnet", lines, parent: azIds.get(azKey), tier: s.tier });
    }

    let outside: string | undefined;
    for (const [i, h] of model.hosts.entries()) {
        let parent = h.subnetUrn ? idOf.get(h.subnetUrn) : undefined;
        parent ??= outside ??= add(undefined, { id: "outside", kind: "outside", lines: ["hosts outside this stack's subnets"] });
        add(h.urn, { id: `host${i}`, kind: "host", lines: [h.label, `private IP ${h.privateIp ?? "(known after update)"}`], parent });
    }
    for (const [i, g] of model.gateways.entries()) {
        if (g.kind === "igw") {
            add(g.urn, { id: `igw${i}`, kind: "igw", lines: [`Internet gateway ${g.label}`], parent: vpcFor(g.vpcUrn) });
        } else {
            const parent = (g.subnetUrn && idOf.get(g.subnetUrn)) || vpcFor(undefined);
            add(g.urn, { id: `nat${i}`, kind: "nat", lines: [`NAT gateway ${g.label}`, g.publicIp ? `EIP ${g.publicIp}` : "EIP"], parent });
        }
    }

    const membersOf = (sgUrn: string): string[] => {
        const members = model.hosts.filter((h) => h.sgUrns.includes(sgUrn)).map((h) => idOf.get(h.urn) as string);
        if (members.length > 0) return members;
        const sg = model.securityGroups.find((g) => g.urn === sgUrn);
        if (!idOf.has(sgUrn)) add(sgUrn, { id: `sg${idOf.size}`, kind: "sg", lines: [`security group ${sg?.label ?? "?"}`, "(no host in it)"], parent: vpcFor(sg?.vpcUrn) });
        return [idOf.get(sgUrn) as string];
    };
    const external = (label: string): string => {
        const key = `external:${ANYWHERE.has(label) ? "anywhere" : label}`;
        if (!idOf.has(key)) {
            const lines = ANYWHERE.has(label) ? ["Internet", "0.0.0.0/0"] : [label];
            add(key, { id: `ext${idOf.size}`, kind: "external", lines });
        }
        return idOf.get(key) as string;
    };
    const subnetByCidr = new Map(model.subnets.filter((s) => s.cidr).map((s) => [s.cidr as string, s.urn]));

    const labels = new Map<string, { edge: SceneEdge; parts: string[] }>();
    const link = (from: string, to: string, kind: SceneEdge["kind"], part: string) => {
        const key = `${kind}|${from}|${to}`;
        const entry = labels.get(key) ?? { edge: { from, to, kind, label: "" }, parts: [] };
        if (!entry.parts.includes(part)) entry.parts.push(part);
        labels.set(key, entry);
    };
    for (const rule of model.admits) {
        const targets = membersOf(rule.sgUrn);
        let sources: string[];
        let from: string;
        if (rule.source.kind === "sg") {
            sources = membersOf(rule.source.sgUrn);
            from = model.securityGroups.find((g) => g.urn === (rule.source as { sgUrn: string }).sgUrn)?.label ?? "group";
        } else if (rule.source.kind === "cidr") {
            const subnetUrn = subnetByCidr.get(rule.source.cidr);
            sources = [subnetUrn ? (idOf.get(subnetUrn) as string) : external(rule.source.cidr)];
            from = rule.source.cidr;
        } else {
            sources = [external(rule.source.label)];
            from = rule.source.label;
        }
        for (const s of sources) for (const t of targets) if (s !== t) link(s, t, "admit", `${portLabel(rule)} from ${from}`);
    }
    for (const r of model.routes) {
        const from = idOf.get(r.subnetUrn);
        const to = idOf.get(r.gatewayUrn);
        if (from && to) link(from, to, "route", r.destination);
    }
    for (const { edge, parts } of labels.values()) edges.push({ ...edge, label: parts.join("\n") });
    return { nodes, edges };
}
