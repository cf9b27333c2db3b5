/**
 * Nothing in an internal subnet gets a public address: no `associatePublicIpAddress` (on the host,
 * or inherited from its launch template or launch configuration — instances, spot requests, auto
 * scaling groups), no Elastic IP bound to it (`aws.ec2.Eip` instance/networkInterface,
 * `aws.ec2.EipAssociation`), and no internal subnet with `mapPublicIpOnLaunch`. A stack policy: the
 * host's subnet is another resource (its own, its primary interface's, or its template's).
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { EipBinding, Entity, Host, Link, Read, Verdict, linkVerdict, stackModel } from "../model";
import { ruleOptions, tierOptions } from "../lib/rule-options";
import { Maybe, Unknowns, unknownErrorAt } from "../lib/unknowns";

const options = ruleOptions(tierOptions("a subnet's"));

interface Ctx {
    /** The resources as the SDK handed them: an unknown is raised through their proxies. */
    byUrn: Map<string, PolicyResource>;
    hosts: Map<string, Host>;
    /** Each subnet's tier as the model decided it (tier tag, else its routes). */
    tierOf: Map<string, Verdict>;
    unknowns: Unknowns;
    report: (r: PolicyResource, msg: string) => void;
}

const known = <T>(value: T): Maybe<T> => ({ known: true, value });

/** Several answers as one: internal when any is, unknown when none is and some are unknown. */
function anyOf(answers: Verdict[]): Verdict {
    if (answers.includes("yes")) return "yes";
    return answers.includes("unknown") ? "unknown" : "no";
}

/** A model value as this rule's Maybe: an unknown is raised through the proxy of the resource that holds it (`at`), else `holder`'s at `path`. */
function maybeOf<T>(c: Ctx, v: Read<T>, holder: PolicyResource, path: string[]): Maybe<T> {
    if (v.known) return { known: true, value: v.value };
    const owner = (v.at && c.byUrn.get(v.at.urn)) || holder;
    return { known: false, error: unknownErrorAt(owner.props, v.at?.path ?? path) };
}

/** Is the subnet a link names internal? Several candidates that disagree: unknown; none: unknown only while the link is (a subnet outside the snapshot: no claim). */
function linkInternal(c: Ctx, link: Link): Verdict {
    return linkVerdict(link, (urn) => c.tierOf.get(urn) ?? "no");
}

/**
 * Is the instance or network interface an Elastic IP binding names in an internal subnet? Several
 * candidates (an id that only shared dependencies tell) decide when they all agree; none: unknown
 * only while the binding is (a host outside the snapshot: no claim).
 */
function boundHostInternal(c: Ctx, b: EipBinding): Verdict {
    return linkVerdict(b.host, (urn) => {
        const host = c.hosts.get(urn);
        return host ? linkInternal(c, host.subnets) : "no";
    });
}

function decide(c: Ctx, r: PolicyResource, internal: Verdict, publicAddress: Maybe<boolean | undefined>, msg: string, path: string): void {
    const pub = c.unknowns.take(publicAddress);
    if (!publicAddress.known || pub !== true) return;
    if (internal === "yes") c.report(r, msg);
    else if (internal === "unknown") c.unknowns.unresolved(r.props, r.name, path);
}

/**
 * An instance or spot request: its own `associatePublicIpAddress`, else (no primary interface of its
 * own) its launch template's; and a deployed host's own public IP.
 */
function checkInstance(c: Ctx, i: PolicyResource, h: Host): void {
    const internal = linkInternal(c, h.subnets);
    if (internal === "no") return;
    const flag = maybeOf(c, h.associatePublicIp, i, ["associatePublicIpAddress"]);
    decide(c, i, internal, flag, `${i.name} is in an internal subnet but ${h.associatePublicIpFrom.via}.`, "associatePublicIpAddress");
    // A deployed host's public IP is decisive; during a preview it is unknown for every new
    // instance and the settings above already decide, so an unknown one is not waited for.
    if (h.ownPublicIp !== undefined && !(flag.known && flag.value === true)) {
        decide(c, i, internal, known(true), `${i.name} is in an internal subnet but has public IP ${h.ownPublicIp}.`, "publicIp");
    }
}

/**
 * An auto scaling group launches into every subnet of `vpcZoneIdentifiers` (the model's link: the ids,
 * and the subnets the list depends on, an internal one among them counting while ids are unknown)
 * with its launch template's or launch configuration's settings.
 */
function checkGroup(c: Ctx, g: PolicyResource, h: Host): void {
    const answers = h.subnets.urns.map((urn) => c.tierOf.get(urn) ?? "no");
    if (h.subnets.unknown) answers.push("unknown");
    const internal = anyOf(answers);
    if (internal === "no") return;
    decide(c, g, internal, maybeOf(c, h.associatePublicIp, g, ["launchTemplate"]), `${g.name} launches instances into an internal subnet, and its ${h.publicAddress.via} associates a public IP.`, "vpcZoneIdentifiers");
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const model = stackModel(args.resources, { tierTagKey: opts.tierTagKey, internalTiers: opts.internalTiers, useRouteHeuristic: opts.useRouteHeuristic });
    const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
    const c: Ctx = {
        byUrn, hosts: new Map(model.hosts.map((h) => [h.urn, h])), tierOf: new Map(model.subnets.map((s) => [s.urn, s.tier.internal])),
        unknowns: new Unknowns(), report: (r, m) => reportViolation(m, r.urn),
    };
    const launchingHosts = model.hosts.filter((h) => h.kind === "instance" || h.kind === "spot-request" || h.kind === "autoscaling-group");
    const checked: Entity[][] = [model.subnets, launchingHosts, model.launchTemplates, model.elasticIps, model.eipAssociations];
    // A resource whose state is not visible yet decides nothing, and says so.
    for (const list of checked) {
        for (const e of list) {
            const r = byUrn.get(e.urn);
            if (r && e.stateMissing) c.unknowns.unresolved(r.props, r.name);
        }
    }
    for (const s of model.subnets) {
        const r = byUrn.get(s.urn);
        if (r) decide(c, r, s.tier.internal, maybeOf(c, s.mapPublicIpOnLaunch, r, ["mapPublicIpOnLaunch"]), `${s.name} is internal but sets mapPublicIpOnLaunch: true.`, "mapPublicIpOnLaunch");
    }
    for (const h of launchingHosts) {
        const r = byUrn.get(h.urn);
        if (!r) continue;
        if (h.kind === "autoscaling-group") checkGroup(c, r, h);
        else checkInstance(c, r, h);
    }
    for (const lt of model.launchTemplates) {
        const r = byUrn.get(lt.urn);
        if (!r) continue;
        const nics = lt.networkInterfaces;
        if (!nics.known) c.unknowns.note(maybeOf(c, nics, r, ["networkInterfaces"]));
        for (const nic of nics.known ? nics.value : []) {
            decide(c, r, linkInternal(c, nic.subnet), maybeOf(c, nic.associatePublicIp, r, ["networkInterfaces"]), `${lt.name} networkInterfaces[${nic.index}] is in an internal subnet but associates a public IP.`, "networkInterfaces");
        }
    }
    for (const e of [...model.elasticIps, ...model.eipAssociations]) {
        const r = byUrn.get(e.urn);
        for (const b of r ? e.bindings : []) {
            decide(c, r!, boundHostInternal(c, b), known(true), `${e.name} binds an Elastic IP to a host in an internal subnet (${b.property}).`, b.property);
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
