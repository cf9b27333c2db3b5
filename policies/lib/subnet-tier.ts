/**
 * "Is this subnet internal?" — by its `Tier` tag, or, for stacks without our tags, by routing:
 * a subnet whose associated route tables (all visible in the stack) have no route to an internet
 * gateway. Built once per stack run; each question is then a map lookup.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AwsTypes } from "./aws-types";
import { Answer, tagOf } from "./group-role";
import { StackIndex, ofType, resolveReference } from "./stack-index";
import { Maybe, read } from "./unknowns";
import { asList, asObject } from "./shape";

export interface TierOptions {
    tierTagKey: string;
    internalTiers: readonly string[];
    useRouteHeuristic: boolean;
}

/** Does this route table (inline routes plus standalone routes) lead to an internet gateway? */
function routesToIgw(index: StackIndex, rt: PolicyResource, standalone: PolicyResource[]): Answer {
    const igwTypes = [AwsTypes.InternetGateway];
    let unknown = false;
    const viaGateway = (holder: PolicyResource, depProp: string, gw: Maybe<unknown>): Answer => {
        if (gw.known && typeof gw.value === "string" && gw.value.startsWith("igw-")) return "yes";
        const ref = resolveReference(index, holder, depProp, gw, igwTypes);
        if (ref.candidates.length > 0) return "yes";
        return ref.unknown ? "unknown" : "no";
    };
    const routes = read(() => asList(rt.props.routes));
    if (!routes.known) unknown = true;
    else {
        for (const route of routes.value) {
            const a = viaGateway(rt, "routes", read(() => asObject(route)?.gatewayId));
            if (a === "yes") return "yes";
            if (a === "unknown") unknown = true;
        }
    }
    for (const r of standalone) {
        const a = viaGateway(r, "gatewayId", read(() => r.props.gatewayId));
        if (a === "yes") return "yes";
        if (a === "unknown") unknown = true;
    }
    return unknown ? "unknown" : "no";
}

export class SubnetTiers {
    private readonly routeTablesOf = new Map<string, PolicyResource[]>();
    private readonly routesOf = new Map<string, PolicyResource[]>();
    private unresolvedAssociation = false;

    constructor(private readonly index: StackIndex, private readonly opts: TierOptions) {
        if (!opts.useRouteHeuristic) return;
        for (const a of ofType(index, AwsTypes.RouteTableAssociation)) {
            const subnet = resolveReference(index, a, "subnetId", read(() => a.props.subnetId), [AwsTypes.Subnet]);
            const rt = resolveReference(index, a, "routeTableId", read(() => a.props.routeTableId), [AwsTypes.RouteTable]);
            if (subnet.candidates.length !== 1 || rt.candidates.length !== 1) {
                this.unresolvedAssociation ||= subnet.unknown !== undefined || rt.unknown !== undefined;
                continue;
            }
            const list = this.routeTablesOf.get(subnet.candidates[0].urn) ?? [];
            list.push(rt.candidates[0]);
            this.routeTablesOf.set(subnet.candidates[0].urn, list);
        }
        for (const r of ofType(index, AwsTypes.Route)) {
            const rt = resolveReference(index, r, "routeTableId", read(() => r.props.routeTableId), [AwsTypes.RouteTable]);
            for (const c of rt.candidates) this.routesOf.set(c.urn, [...(this.routesOf.get(c.urn) ?? []), r]);
        }
    }

    isInternal(subnet: PolicyResource): Answer {
        const tier = tagOf(subnet.props, this.opts.tierTagKey);
        if (!tier.known) return "unknown";
        if (tier.value !== undefined) return this.opts.internalTiers.includes(tier.value) ? "yes" : "no";
        if (!this.opts.useRouteHeuristic) return "no";
        const tables = this.routeTablesOf.get(subnet.urn);
        // Without a visible association the subnet uses a main route table we cannot see: no claim.
        if (!tables) return this.unresolvedAssociation ? "unknown" : "no";
        const answers = tables.map((t) => routesToIgw(this.index, t, this.routesOf.get(t.urn) ?? []));
        if (answers.includes("yes")) return "no";
        return answers.includes("unknown") ? "unknown" : "yes";
    }
}
