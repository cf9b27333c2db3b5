import { AdmitRule } from "../artifacts/admit-rules";
import { NetworkModel } from "../artifacts/network-model";

/** One end of a path: a resource of the snapshot, or an address range / prefix list outside it. */
export type PathEnd = { kind: "resource"; urn: string } | { kind: "cidr"; cidr: string } | { kind: "external"; label: string };

/** Traffic the network lets through: the diagram draws one arrow for each. */
export interface AllowedPath {
    from: PathEnd;
    to: PathEnd;
    protocol: string;
    fromPort?: number;
    toPort?: number;
    /** True when whether it gets through is not known yet (a preview): drawn dashed. */
    unknown?: boolean;
}

/** Who sits behind a security group: hosts, Instance Connect endpoints and load balancers alike. */
export function membersOf(model: NetworkModel, sgUrn: string): string[] {
    return [...model.hosts, ...model.endpoints, ...model.loadBalancers].filter((m) => m.sgUrns.includes(sgUrn)).map((m) => m.urn);
}

function sourceEnds(model: NetworkModel, rule: AdmitRule): PathEnd[] {
    const source = rule.source;
    if (source.kind === "sg") return membersOf(model, source.sgUrn).map((urn) => ({ kind: "resource", urn }));
    if (source.kind === "cidr") return [{ kind: "cidr", cidr: source.cidr }];
    return [{ kind: "external", label: source.label }];
}

/**
 * What the security groups admit, member to member: the arrows a diagram can draw from the rules alone,
 * used when no reachability result is given (it ignores routes and public addresses, so it can only
 * over-draw, never hide a rule).
 */
export function pathsFromAdmits(model: NetworkModel): AllowedPath[] {
    const paths: AllowedPath[] = [];
    const seen = new Set<string>();
    for (const rule of model.admits) {
        for (const to of membersOf(model, rule.sgUrn)) {
            for (const from of sourceEnds(model, rule)) {
                if (from.kind === "resource" && from.urn === to) continue;
                const path: AllowedPath = { from, to: { kind: "resource", urn: to }, protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort };
                const key = JSON.stringify(path);
                if (!seen.has(key)) paths.push(path);
                seen.add(key);
            }
        }
    }
    return paths;
}
