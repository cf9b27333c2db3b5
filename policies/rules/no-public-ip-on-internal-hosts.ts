/**
 * Nothing in an internal subnet gets a public address: no `associatePublicIpAddress` (on the host,
 * or inherited from its launch template or launch configuration — instances, spot requests, auto
 * scaling groups), no Elastic IP bound to it (`aws.ec2.Eip` instance/networkInterface,
 * `aws.ec2.EipAssociation`), and no internal subnet with `mapPublicIpOnLaunch`. A stack policy: the
 * host's subnet is another resource (its own, its primary interface's, or its template's).
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { TagKeys } from "../vocabulary";
import { AwsTypes, Host, Link, Read, Verdict, stackModel } from "../model";
import { Answer } from "../lib/group-role";
import { flag, ruleOptions, stringList, text } from "../lib/rule-options";
import { asBoolean } from "../lib/shape";
import { StackIndex, indexStack, ofType, readSetting, resolveReference, stateMissing } from "../lib/stack-index";
import { launchTemplateOf, primaryEniOf, templateAssociatesPublicIp } from "../lib/launch-settings";
import { Maybe, Unknowns, read, unknownErrorAt } from "../lib/unknowns";

const options = ruleOptions({
    tierTagKey: text("Tag key holding a subnet's tier.", TagKeys.Tier),
    internalTiers: stringList("Tier values that mean internal.", ["internal"]),
    useRouteHeuristic: flag("For untagged subnets: internal when their route tables have no internet-gateway route.", true),
});

/** Whether a subnet is internal, as the network model decided it (tier tag, else its routes). */
interface SubnetTiers {
    isInternal(subnet: { urn: string }): Verdict;
}

interface Ctx {
    index: StackIndex;
    byUrn: Map<string, PolicyResource>;
    hosts: Map<string, Host>;
    tiers: SubnetTiers;
    unknowns: Unknowns;
    report: (r: PolicyResource, msg: string) => void;
}

const known = <T>(value: T): Maybe<T> => ({ known: true, value });
const instanceTypes = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest];

/** Several answers as one: internal when any is, unknown when none is and some are unknown. */
function anyOf(answers: Answer[]): Answer {
    if (answers.includes("yes")) return "yes";
    return answers.includes("unknown") ? "unknown" : "no";
}

/** A model value as this rule's Maybe: an unknown is raised through the proxy of the resource that holds it (`at`), else `holder`'s at `path`. */
function maybeOf<T>(v: Read<T>, holder: PolicyResource, path: string[], c?: Ctx): Maybe<T> {
    if (v.known) return { known: true, value: v.value };
    const owner = (v.at && c?.byUrn.get(v.at.urn)) || holder;
    return { known: false, error: unknownErrorAt(owner.props, v.at?.path ?? path) };
}

/** Is the subnet a link names internal? Several candidates that disagree: unknown; none: unknown only while the link is. */
function linkInternal(c: Ctx, link: Link): Answer {
    if (link.urns.length === 0) return link.unknown ? "unknown" : "no";
    const answers = new Set(link.urns.map((urn) => c.tiers.isInternal({ urn })));
    return answers.size === 1 ? [...answers][0] : "unknown";
}

/** Is the subnet that `holder.props[prop]` names internal? */
function subnetInternal(c: Ctx, holder: PolicyResource, depProp: string, value: Maybe<unknown>, shared = false): Answer {
    const ref = resolveReference(c.index, holder, depProp, value, [AwsTypes.Subnet], shared);
    if (ref.candidates.length === 0) return ref.unknown ? "unknown" : "no"; // outside the stack: no claim
    const answers = new Set(ref.candidates.map((s) => c.tiers.isInternal(s)));
    return answers.size === 1 ? [...answers][0] : "unknown";
}

/** Where an instance or spot request runs (the model's link: its subnetId, else its primary interface's, else its template's). */
function instanceInternal(c: Ctx, i: PolicyResource): Answer {
    const host = c.hosts.get(i.urn);
    return host ? linkInternal(c, host.subnets) : "no";
}

/** Does an instance get a public IP: its own flag, else (no primary interface of its own) its template's. */
function instancePublic(c: Ctx, i: PolicyResource): { value: Maybe<boolean | undefined>; via: string } {
    const flag = readSetting(i, "associatePublicIpAddress");
    if (!flag.known || asBoolean(flag.value) !== undefined) return { value: flag.known ? known(asBoolean(flag.value)) : flag, via: "sets associatePublicIpAddress: true" };
    if (primaryEniOf(c.index, i).kind !== "none") return { value: known(undefined), via: "" };
    const lt = launchTemplateOf(c.index, i);
    if (lt.kind === "unknown") return { value: { known: false, error: lt.error }, via: "" };
    if (lt.kind !== "found") return { value: known(undefined), via: "" };
    return { value: templateAssociatesPublicIp(lt.resource), via: `launches from '${lt.resource.name}', whose primary interface associates a public IP` };
}

/** Is the instance or network interface that `holder.props[prop]` names in an internal subnet? */
function hostInternal(c: Ctx, holder: PolicyResource, prop: string): Answer {
    const value = read(() => holder.props[prop]);
    const ref = resolveReference(c.index, holder, prop, value, [...instanceTypes, AwsTypes.NetworkInterface]);
    if (ref.candidates.length !== 1) return ref.unknown || ref.candidates.length > 1 ? "unknown" : "no";
    const host = ref.candidates[0];
    if (instanceTypes.includes(host.type as (typeof instanceTypes)[number])) return instanceInternal(c, host);
    return subnetInternal(c, host, "subnetId", read(() => host.props.subnetId));
}

function decide(c: Ctx, r: PolicyResource, internal: Answer, publicAddress: Maybe<boolean | undefined>, msg: string, path: string): void {
    const pub = c.unknowns.take(publicAddress);
    if (!publicAddress.known || pub !== true) return;
    if (internal === "yes") c.report(r, msg);
    else if (internal === "unknown") c.unknowns.unresolved(r.props, r.name, path);
}

function checkInstance(c: Ctx, i: PolicyResource): void {
    const internal = instanceInternal(c, i);
    if (internal === "no") return;
    const pub = instancePublic(c, i);
    decide(c, i, internal, pub.value, `${i.name} is in an internal subnet but ${pub.via}.`, "associatePublicIpAddress");
    // A deployed host's public IP is decisive; during a preview it is unknown for every new
    // instance and the settings above already decide, so an unknown one is not waited for.
    const ip = read(() => i.props.publicIp);
    if (ip.known && typeof ip.value === "string" && ip.value !== "" && !(pub.value.known && pub.value.value === true)) {
        decide(c, i, internal, known(true), `${i.name} is in an internal subnet but has public IP ${ip.value}.`, "publicIp");
    }
}

/**
 * An auto scaling group launches into every subnet of `vpcZoneIdentifiers` (the model's link: the ids,
 * and the subnets the list depends on, an internal one among them counting while ids are unknown)
 * with its launch template's or launch configuration's settings.
 */
function checkGroup(c: Ctx, g: PolicyResource, h: Host): void {
    const answers: Answer[] = h.subnets.urns.map((urn) => c.tiers.isInternal({ urn }));
    if (h.subnets.unknown) answers.push("unknown");
    const internal = anyOf(answers);
    if (internal === "no") return;
    const flag = h.associatePublicIp;
    // An unknown setting is raised through the proxy of the resource that holds it (the template), else the group's.
    const holder = (!flag.known && flag.at && c.byUrn.get(flag.at.urn)) || g;
    const pub: Maybe<boolean | undefined> = flag.known ? { known: true, value: flag.value } : { known: false, error: unknownErrorAt(holder.props, flag.at?.path ?? ["launchTemplate"]) };
    decide(c, g, internal, pub, `${g.name} launches instances into an internal subnet, and its ${h.publicAddress.via} associates a public IP.`, "vpcZoneIdentifiers");
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const index = indexStack(args.resources);
    const model = stackModel(args.resources, { tierTagKey: opts.tierTagKey, internalTiers: opts.internalTiers, useRouteHeuristic: opts.useRouteHeuristic });
    const tierOf = new Map(model.subnets.map((s) => [s.urn, s.tier.internal]));
    // A subnet outside the snapshot: no claim.
    const tiers: SubnetTiers = { isInternal: (s) => tierOf.get(s.urn) ?? "no" };
    const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
    const c: Ctx = { index, byUrn, hosts: new Map(model.hosts.map((h) => [h.urn, h])), tiers, unknowns: new Unknowns(), report: (r, m) => reportViolation(m, r.urn) };

    // A host whose state is not visible yet decides nothing, and says so.
    for (const r of ofType(index, AwsTypes.Subnet, ...instanceTypes, AwsTypes.AutoscalingGroup, AwsTypes.LaunchTemplate, AwsTypes.Eip, AwsTypes.EipAssociation)) {
        if (stateMissing(r)) c.unknowns.unresolved(r.props, r.name);
    }
    for (const s of model.subnets) {
        const r = byUrn.get(s.urn);
        if (!r) continue;
        // An unknown setting is raised through the proxy that built the subnet's props.
        const map: Maybe<boolean | undefined> = s.mapPublicIpOnLaunch.known ? { known: true, value: s.mapPublicIpOnLaunch.value } : { known: false, error: unknownErrorAt(r.props, ["mapPublicIpOnLaunch"]) };
        decide(c, r, s.tier.internal, map, `${s.name} is internal but sets mapPublicIpOnLaunch: true.`, "mapPublicIpOnLaunch");
    }
    for (const i of ofType(index, ...instanceTypes)) checkInstance(c, i);
    for (const h of model.hosts) {
        const g = h.kind === "autoscaling-group" ? byUrn.get(h.urn) : undefined;
        if (g) checkGroup(c, g, h);
    }
    for (const lt of model.launchTemplates) {
        const r = byUrn.get(lt.urn);
        if (!r) continue;
        const nics = lt.networkInterfaces;
        if (!nics.known) c.unknowns.note(maybeOf(nics, r, ["networkInterfaces"]));
        for (const nic of nics.known ? nics.value : []) {
            decide(c, r, linkInternal(c, nic.subnet), maybeOf(nic.associatePublicIp, r, ["networkInterfaces"]), `${lt.name} networkInterfaces[${nic.index}] is in an internal subnet but associates a public IP.`, "networkInterfaces");
        }
    }
    for (const e of ofType(index, AwsTypes.Eip, AwsTypes.EipAssociation)) {
        const props = e.type === AwsTypes.Eip ? ["instance", "networkInterface"] : ["instanceId", "networkInterfaceId"];
        for (const p of props) {
            const bound = readSetting(e, p);
            if (bound.known && (bound.value === undefined || bound.value === null || bound.value === "")) continue;
            decide(c, e, hostInternal(c, e, p), known(true), `${e.name} binds an Elastic IP to a host in an internal subnet (${p}).`, p);
        }
    }
    c.unknowns.settle();
}

export const noPublicIpOnInternalHosts: StackValidationPolicy = {
    name: "no-public-ip-on-internal-hosts",
    description: "Instances, spot requests, auto scaling groups, launch templates and network interfaces in internal subnets must not get public addresses.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Remove associatePublicIpAddress / the Elastic IP from hosts in internal subnets and set mapPublicIpOnLaunch: false on internal subnets; " +
        "reach them through the bastion by private IP and give them outbound access through a NAT gateway.",
    configSchema: options.configSchema,
    validateStack,
};
