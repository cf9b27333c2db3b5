/**
 * VPCs, subnets and their tier. A subnet is internal by its tier tag (`Tier`), or — untagged, with
 * the route heuristic on — when the route table it uses (its explicit association, else its VPC's
 * main table) has no route to an internet gateway, nor a default route through an inspection endpoint
 * (Network Firewall, GWLB) that the gateway's edge table routes the subnet's addresses back through.
 */
import { AwsTypes, VPC_TYPES } from "./aws-types";
import { ModelContext } from "./context";
import { block } from "./ipv4-block";
import { readString, settingBoolean } from "./resource-index";
import { Routing } from "./routing";
import { ModelResource } from "./snapshot";
import { Route, Subnet, TierVerdict, Verdict, Vpc } from "./types";
import { Read } from "./wire";

export function readVpcs(c: ModelContext): Vpc[] {
    return c.idx.ofType(...VPC_TYPES).map((v) => {
        const cidr = readString(v, "cidrBlock");
        return Object.assign(c.entity(v), { cidr, block: cidr.known && cidr.value ? block(cidr.value) : undefined });
    });
}

/** Is `cidr` the default route (`/0`, IPv4 or IPv6)? */
const isDefaultRoute = (cidr: string) => /\/0\s*$/.test(cidr);

function isDefaultDestination(r: Route): Verdict {
    let unknown = false;
    for (const d of [r.destination, r.destinationIpv6]) {
        if (!d.known) unknown = true;
        else if (d.value && isDefaultRoute(d.value)) return "yes";
    }
    return unknown ? "unknown" : "no";
}

/** Is a subnet's CIDR one the edge table sends back through an inspection endpoint? */
function inspectedInternet(routing: Routing, cidr: Read<string | undefined>): Verdict {
    const own = cidr.known && cidr.value ? block(cidr.value) : undefined;
    if (own && routing.edgeCidrs.some((e) => {
        const b = block(e);
        return b !== undefined && own.start >= b.start && own.end <= b.end;
    })) return "yes";
    return routing.edgeUnknown || !cidr.known ? "unknown" : "no";
}

/** Does any of these routes lead to the internet for this subnet? */
function toInternet(routing: Routing, routes: Read<Route[]>, cidr: Read<string | undefined>): Verdict {
    if (!routes.known) return "unknown";
    let unknown = false;
    for (const r of routes.value) {
        if (r.target.kind === "igw") return "yes";
        if (r.target.kind === "unknown" && r.target.could?.includes("igw")) unknown = true;
        const endpoint = r.target.kind === "endpoint" ? "yes" : r.target.kind === "unknown" && r.target.could?.includes("endpoint") ? "unknown" : "no";
        if (endpoint === "no") continue;
        const viaEndpoint = endpoint === "yes" ? isDefaultDestination(r) : "unknown";
        const inspected = viaEndpoint === "no" ? "no" : inspectedInternet(routing, cidr);
        if (viaEndpoint === "yes" && inspected === "yes") return "yes";
        if (inspected !== "no") unknown = true;
    }
    return unknown ? "unknown" : "no";
}

function tierOf(c: ModelContext, routing: Routing, s: ModelResource, vpcUrn: string | undefined, cidr: Read<string | undefined>): TierVerdict {
    const tier = c.tag(s, c.opts.tierTagKey);
    if (!tier.known) return { tier, internal: "unknown", decidedBy: "tag" };
    if (tier.value !== undefined) return { tier, internal: c.opts.internalTiers.includes(tier.value) ? "yes" : "no", decidedBy: "tag" };
    if (!c.opts.useRouteHeuristic) return { tier, internal: "no", decidedBy: "none" };
    const table = routing.tableOf(s, vpcUrn);
    if (table.kind === "unknown") return { tier, internal: "unknown", decidedBy: "routes" };
    const routes = routing.routes(table);
    // A main table of a VPC outside the snapshot cannot be seen: no claim.
    if (!routes) return { tier, internal: "no", decidedBy: "none" };
    const out = toInternet(routing, routes, cidr);
    return { tier, internal: out === "yes" ? "no" : out === "no" ? "yes" : "unknown", decidedBy: "routes" };
}

/** The zone's name, else its id (`apne2-az1`): some programs give only the id. */
function availabilityZone(s: ModelResource): Read<string | undefined> {
    const name = readString(s, "availabilityZone");
    return name.known && name.value === undefined ? readString(s, "availabilityZoneId") : name;
}

export function readSubnets(c: ModelContext, routing: Routing, networkAclOf: (subnet: ModelResource, vpcUrn: string | undefined) => Subnet["networkAcl"]): Subnet[] {
    return c.idx.ofType(AwsTypes.Subnet).map((s) => {
        const vpc = c.ref(s, "vpcId", VPC_TYPES);
        const vpcUrn = vpc.urns.length === 1 ? vpc.urns[0] : undefined;
        const cidr = readString(s, "cidrBlock");
        return Object.assign(c.entity(s), {
            vpc,
            cidr,
            block: cidr.known && cidr.value ? block(cidr.value) : undefined,
            ipv6Cidr: readString(s, "ipv6CidrBlock"),
            az: availabilityZone(s),
            mapPublicIpOnLaunch: settingBoolean(s, "mapPublicIpOnLaunch"),
            tier: tierOf(c, routing, s, vpcUrn, cidr),
            routeTable: routing.tableOf(s, vpcUrn),
            networkAcl: networkAclOf(s, vpcUrn),
        });
    });
}
