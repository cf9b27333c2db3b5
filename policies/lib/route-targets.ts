/**
 * Where a route table leads: to an internet gateway, to the internet through an inspection endpoint
 * (AWS Network Firewall or a Gateway Load Balancer endpoint), or nowhere public. Inline `routes` of
 * `aws.ec2.RouteTable` / `DefaultRouteTable` and standalone `aws.ec2.Route` resources read alike.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AwsTypes } from "../model";
import { Answer } from "./group-role";
import { parseRange } from "../model/cidr-set";
import { asList, asObject, asString } from "./shape";
import { StackIndex, resolveReference, setByProgram } from "./stack-index";
import { Maybe, read } from "./unknowns";

const igwTypes = [AwsTypes.InternetGateway];
const endpointTypes = [AwsTypes.VpcEndpoint, AwsTypes.NetworkFirewall];

/** One route, with the property its dependencies are recorded under (`routes` inline). */
export interface RouteView {
    holder: PolicyResource;
    depProp: (field: string) => string;
    shared: boolean;
    get: (field: string) => Maybe<unknown>;
}

export function inlineRoutes(rt: PolicyResource): { routes: RouteView[]; unknown: boolean } {
    const list = read(() => asList(rt.props.routes));
    // In a real preview a route list the program never set is an unknown computed output (pulumi-aws plans it
    // "known after apply"); only standalone routes, counted on their own, will fill it.
    if (!list.known) return { routes: [], unknown: setByProgram(rt, "routes") };
    const routes = list.value.map((route): RouteView => ({
        holder: rt, depProp: () => "routes", shared: true, get: (f) => read(() => asObject(route)?.[f]),
    }));
    return { routes, unknown: false };
}

export function standaloneRoute(r: PolicyResource): RouteView {
    return { holder: r, depProp: (f) => f, shared: false, get: (f) => read(() => r.props[f]) };
}

/** Does this route send traffic to an internet gateway? */
export function toInternetGateway(index: StackIndex, route: RouteView): Answer {
    const gw = route.get("gatewayId");
    if (gw.known && typeof gw.value === "string" && gw.value.startsWith("igw-")) return "yes";
    const ref = resolveReference(index, route.holder, route.depProp("gatewayId"), gw, igwTypes, route.shared);
    if (ref.candidates.length > 0) return "yes";
    return ref.unknown ? "unknown" : "no";
}

/** Is this a default route (0.0.0.0/0 or ::/0) through an inspection endpoint? */
export function defaultViaEndpoint(index: StackIndex, route: RouteView): Answer {
    const ep = route.get("vpcEndpointId");
    if (ep.known && (ep.value === undefined || ep.value === null || ep.value === "")) return "no";
    if (!ep.known && resolveReference(index, route.holder, route.depProp("vpcEndpointId"), ep, endpointTypes, route.shared).candidates.length === 0) return "unknown";
    return isDefaultDestination(route);
}

function isDefaultDestination(route: RouteView): Answer {
    let unknown = false;
    for (const f of ["destinationCidrBlock", "destinationIpv6CidrBlock", "cidrBlock", "ipv6CidrBlock"]) {
        const d = route.get(f);
        if (!d.known) unknown = true;
        else if (parseRange(d.value)?.prefix === 0) return "yes";
    }
    return unknown ? "unknown" : "no";
}

/** The known destination CIDRs of a route that goes to an inspection endpoint (edge tables route subnets back through one). */
export function endpointDestinations(route: RouteView): { cidrs: string[]; unknown: boolean } {
    const ep = route.get("vpcEndpointId");
    if (ep.known && (ep.value === undefined || ep.value === null || ep.value === "")) return { cidrs: [], unknown: false };
    const cidrs: string[] = [];
    let unknown = !ep.known;
    for (const f of ["destinationCidrBlock", "cidrBlock"]) {
        const d = route.get(f);
        if (!d.known) unknown = true;
        else if (asString(d.value)) cidrs.push(asString(d.value)!);
    }
    return { cidrs, unknown };
}
