/**
 * The network model (policies/model) of a snapshot, built once per snapshot: the report's tables, the
 * artifacts, the diagram and the twin all read this one model, never the snapshot's raw props.
 */
import { buildNetworkModel, covers, ElasticIp, Gateway, NetworkModel, Read, Route, Subnet } from "../policies/model";
import { tableOf } from "../policies/reachability/routes";
import { Role } from "../policies/vocabulary";
import { StackSnapshot } from "./snapshot";

// A snapshot is not edited once read (whoever changes resources makes a new snapshot), so its
// resource list is key enough, and the model goes when the snapshot does.
const built = new WeakMap<readonly object[], NetworkModel>();

export function networkOf(snapshot: Pick<StackSnapshot, "resources">): NetworkModel {
    let model = built.get(snapshot.resources);
    if (!model) built.set(snapshot.resources, (model = buildNetworkModel(snapshot)));
    return model;
}

/** A value to show or use: undefined when a preview leaves it unknown or a secret cannot be read. */
export const shown = <T>(r: Read<T | undefined> | undefined): T | undefined => (r?.known ? r.value : undefined);

/** A NAT gateway's public address: its own, else that of the one Elastic IP it is allocated. */
export function natPublicIp(model: NetworkModel, g: Gateway): string | undefined {
    const allocation = g.allocation?.urns ?? [];
    const eip = allocation.length === 1 ? (model.byUrn.get(allocation[0]) as ElasticIp | undefined) : undefined;
    return shown(g.publicIp) ?? shown(eip?.publicIp);
}

/**
 * The routes a subnet's traffic follows: its explicit table's, else its VPC's main table's (for a VPC made
 * in the stack without one: the routes naming the VPC). Undefined when not known (a preview, a VPC outside).
 */
export function routesOf(model: NetworkModel, subnet: Subnet): Route[] | undefined {
    const t = tableOf(model, subnet);
    return "unknown" in t ? undefined : t.entries;
}

const BASTION: Role = "bastion";
const SSH = { protocol: "tcp", ports: { from: 22, to: 22 } };

/**
 * The operator's ranges: IPv4 ranges, narrower than the whole internet, that the bastion's groups (tagged
 * Role=bastion, or those of a host with that role) admit SSH from. Read from the rules, not the config, so
 * a stack export names them too.
 */
export function operatorCidrsOf(model: NetworkModel): string[] {
    const role = (r: { known: boolean; value?: string }) => r.known && r.value === BASTION;
    const groups = new Set([
        ...model.securityGroups.filter((g) => g.tags[model.options.roleTagKey] === BASTION).map((g) => g.urn),
        ...model.hosts.filter((h) => role(h.role)).flatMap((h) => h.groupKeys),
    ]);
    const out: string[] = [];
    for (const rule of model.rules) {
        const ingress = rule.direction.known && rule.direction.value === "ingress";
        if (!ingress || rule.groupKey === undefined || !groups.has(rule.groupKey) || !covers(rule.traffic, SSH)) continue;
        for (const p of rule.peers) if (p.kind === "cidr" && p.block && p.block.prefix > 0) out.push(p.cidr);
    }
    return [...new Set(out)];
}
