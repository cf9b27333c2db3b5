/**
 * Network ACLs as AWS applies them: stateless, numbered, first match wins, a final deny. The model
 * says which ACL a subnet uses (none: its VPC's default ACL as AWS makes it, which allows all).
 * Traffic within one subnet never crosses an ACL.
 */
import { Block, NaclEntry, NetworkAcl, NetworkModel, Subnet, Traffic, Verdict, covers, intersect, trafficLabel, within } from "../model";
import { InternetRemainder } from "../model/cidr-set";

export interface NaclDecision {
    verdict: Verdict;
    text: string;
    urn?: string;
}

/** Where traffic comes from or goes to, as the ACL sees it: an internet address no rule names, or blocks. */
export type NaclPeer = "internet" | Block[];

/** Does the ACL of `subnet` let `traffic` in from (or out to) `peer`? Some of the class getting through is a yes. */
export function decideNacl(model: NetworkModel, subnet: Subnet, direction: "ingress" | "egress", peer: NaclPeer, traffic: Traffic): NaclDecision {
    const where = `${direction === "ingress" ? "inbound" : "outbound"} ${trafficLabel(traffic)} at ${subnet.label}`;
    if (subnet.networkAcl === undefined) return { verdict: "yes", text: `default network ACL allows ${where}` };
    if (subnet.networkAcl === "unknown") return { verdict: "unknown", text: `which network ACL ${subnet.label} uses is not known yet` };
    const acl = model.byUrn.get(subnet.networkAcl) as NetworkAcl;
    const side = acl[direction];
    if (!side.known) return { verdict: "unknown", text: `the ${direction} entries of ${acl.label} are not known yet`, urn: acl.urn };
    let partial: NaclEntry | undefined;
    // The internet addresses no earlier entry matched: entries that share the internet between them
    // (`0.0.0.0/1` + `128.0.0.0/1`) match it as `0.0.0.0/0` does, and an allow for some of it lets some in.
    const rest = peer === "internet" ? new InternetRemainder() : undefined;
    for (const e of side.value) {
        if (!e.known) return { verdict: "unknown", text: `${e.label} is not known yet`, urn: acl.urn };
        if (!e.block) continue; // IPv6 entries never match an IPv4 path
        const match = rest ? (rest.meets(e.block) ? "yes" : "no") : within(peer as Block[], e.block);
        if (match === "no") continue;
        const overlap = intersect(e.traffic, traffic);
        if (!overlap) continue;
        if (match === "unknown") return { verdict: "unknown", text: `${e.label} (${e.block.cidr}) covers only some of the addresses`, urn: acl.urn };
        if (covers(e.traffic, traffic)) {
            if (e.allow) return { verdict: "yes", text: `${e.label} allows ${where}`, urn: acl.urn };
            if (rest) {
                rest.remove(e.block);
                if (!rest.empty) continue;
            }
            return partial
                ? { verdict: "yes", text: `${partial.label} allows part of ${where}`, urn: acl.urn }
                : { verdict: "no", text: `${e.label} denies ${where}`, urn: acl.urn };
        }
        if (e.allow) partial ??= e;
    }
    if (partial) return { verdict: "yes", text: `${partial.label} allows part of ${where}`, urn: acl.urn };
    return { verdict: "no", text: `${acl.label} denies ${where} (no entry allows it)`, urn: acl.urn };
}
