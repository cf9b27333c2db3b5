/**
 * Nothing in an internal subnet gets a public address: no `associatePublicIpAddress`, no Elastic IP
 * bound to it (`aws.ec2.Eip` instance/networkInterface, `aws.ec2.EipAssociation`), and no internal
 * subnet with `mapPublicIpOnLaunch`. A stack policy: the host's subnet is another resource.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { TagKeys } from "../vocabulary";
import { AwsTypes } from "../lib/aws-types";
import { Answer } from "../lib/group-role";
import { optionsOf, stringList } from "../lib/rule-config";
import { asBoolean, asList, asObject } from "../lib/shape";
import { StackIndex, indexStack, ofType, readSetting, resolveReference } from "../lib/stack-index";
import { SubnetTiers } from "../lib/subnet-tier";
import { Maybe, Unknowns, read } from "../lib/unknowns";

const configSchema = {
    properties: {
        tierTagKey: { type: "string" as const, minLength: 1, default: TagKeys.Tier, description: "Tag key holding a subnet's tier." },
        internalTiers: stringList("Tier values that mean internal.", ["internal"]),
        useRouteHeuristic: { type: "boolean" as const, default: true, description: "For untagged subnets: internal when their route tables have no internet-gateway route." },
    },
};

interface Options {
    tierTagKey: string;
    internalTiers: string[];
    useRouteHeuristic: boolean;
}

interface Ctx {
    index: StackIndex;
    tiers: SubnetTiers;
    unknowns: Unknowns;
    report: (r: PolicyResource, msg: string) => void;
}

/** Is the subnet that `holder.props[prop]` names internal? */
function subnetInternal(c: Ctx, holder: PolicyResource, depProp: string, value: Maybe<unknown>): Answer {
    const ref = resolveReference(c.index, holder, depProp, value, [AwsTypes.Subnet]);
    if (ref.candidates.length === 0) return ref.unknown ? "unknown" : "no"; // outside the stack: no claim
    const answers = new Set(ref.candidates.map((s) => c.tiers.isInternal(s)));
    return answers.size === 1 ? [...answers][0] : "unknown";
}

/** Is the instance or network interface that `holder.props[prop]` names in an internal subnet? */
function hostInternal(c: Ctx, holder: PolicyResource, prop: string): Answer {
    const value = read(() => holder.props[prop]);
    const ref = resolveReference(c.index, holder, prop, value, [AwsTypes.Instance, AwsTypes.NetworkInterface]);
    if (ref.candidates.length !== 1) return ref.unknown || ref.candidates.length > 1 ? "unknown" : "no";
    const host = ref.candidates[0];
    return subnetInternal(c, host, "subnetId", read(() => host.props.subnetId));
}

function asBool(m: Maybe<unknown>): Maybe<boolean | undefined> {
    return m.known ? { known: true, value: asBoolean(m.value) } : m;
}

function decide(c: Ctx, r: PolicyResource, internal: Answer, publicAddress: Maybe<boolean | undefined>, msg: string, path: string): void {
    const pub = c.unknowns.take(publicAddress);
    if (!publicAddress.known || pub !== true) return;
    if (internal === "yes") c.report(r, msg);
    else if (internal === "unknown") c.unknowns.unresolved(r.props, r.name, path);
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = optionsOf<Options>(configSchema, args.getConfig<Partial<Options>>());
    const index = indexStack(args.resources);
    const c: Ctx = { index, tiers: new SubnetTiers(index, opts), unknowns: new Unknowns(), report: (r, m) => reportViolation(m, r.urn) };
    const known = <T>(value: T): Maybe<T> => ({ known: true, value });

    for (const s of ofType(index, AwsTypes.Subnet)) {
        decide(c, s, c.tiers.isInternal(s), asBool(readSetting(s, "mapPublicIpOnLaunch")), `${s.name} is internal but sets mapPublicIpOnLaunch: true.`, "mapPublicIpOnLaunch");
    }
    for (const i of ofType(index, AwsTypes.Instance)) {
        const internal = subnetInternal(c, i, "subnetId", read(() => i.props.subnetId));
        decide(c, i, internal, asBool(readSetting(i, "associatePublicIpAddress")), `${i.name} is in an internal subnet but sets associatePublicIpAddress: true.`, "subnetId");
        // A deployed host's public IP is decisive; during a preview it is unknown for every new
        // instance and the settings above already decide, so an unknown one is not waited for.
        const ip = read(() => i.props.publicIp);
        if (ip.known && typeof ip.value === "string" && ip.value !== "") {
            decide(c, i, internal, known(true), `${i.name} is in an internal subnet but has public IP ${ip.value}.`, "publicIp");
        }
    }
    for (const lt of ofType(index, AwsTypes.LaunchTemplate)) {
        const nics = read(() => asList(lt.props.networkInterfaces));
        if (!nics.known) c.unknowns.note(nics);
        for (const [n, nic] of (nics.known ? nics.value : []).entries()) {
            const internal = subnetInternal(c, lt, "networkInterfaces", read(() => asObject(nic)?.subnetId));
            decide(c, lt, internal, read(() => asBoolean(asObject(nic)?.associatePublicIpAddress)), `${lt.name} networkInterfaces[${n}] is in an internal subnet but associates a public IP.`, "networkInterfaces");
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
    description: "Instances, launch templates and network interfaces in internal subnets must not get public addresses.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Remove associatePublicIpAddress / the Elastic IP from hosts in internal subnets and set mapPublicIpOnLaunch: false on internal subnets; " +
        "reach them through the bastion by private IP and give them outbound access through a NAT gateway.",
    configSchema,
    validateStack,
};
