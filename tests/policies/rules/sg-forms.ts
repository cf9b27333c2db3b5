/**
 * Builds the three ways a stack opens a security group (inline block, aws.ec2.SecurityGroupRule,
 * aws.vpc.SecurityGroupIngressRule) from one description, known or with ids unknown as in preview.
 * Shared by the specs of rules that read security group rules.
 */
import type { ResourceSnapshot } from "../../../offline/snapshot";
import { T, UNKNOWN, resource } from "../../helpers/harness";

export type Form = "inline" | "rule" | "vpc";
export const Forms: Form[] = ["inline", "rule", "vpc"];

export type SourceSpec =
    | { cidr4: string }
    | { cidr6: string }
    | { prefixList: string }
    | { group: string }
    | { self: true };

export interface OpenSpec {
    /** Logical name of the target group (one of the base groups). */
    target: string;
    source: SourceSpec;
    protocol: string;
    from?: number | string;
    to?: number | string;
    direction?: "ingress" | "egress";
    description?: string;
}

/** The base groups: name -> Role tag (undefined = untagged). */
export const BaseGroups: Record<string, string | undefined> = {
    bastion: "bastion",
    eic: "instance-connect-endpoint",
    web: "web",
    db: "db",
    other: undefined,
};

export interface BuildOptions {
    /** Ids unknown (preview): references resolve only through propertyDependencies. */
    preview?: boolean;
    /** Drop propertyDependencies of references (a foreign stack or hand-written snapshot). */
    noDeps?: boolean;
}

const idOf = (name: string, o: BuildOptions) => (o.preview ? UNKNOWN : `sg-${name}`);

function group(name: string, o: BuildOptions, extra: Record<string, unknown> = {}, deps: Record<string, string[]> = {}): ResourceSnapshot {
    const role = BaseGroups[name];
    const inputs: Record<string, unknown> = { name: `test-${name}`, description: `${name} group`, vpcId: "vpc-1", ...(role ? { tags: { Role: role } } : { tags: {} }), ...extra };
    return resource(T.SecurityGroup, name, inputs, { id: idOf(name, o), deps });
}

function inlineSource(s: SourceSpec, o: BuildOptions): [Record<string, unknown>, string[]] {
    if ("cidr4" in s) return [{ cidrBlocks: [s.cidr4] }, []];
    if ("cidr6" in s) return [{ ipv6CidrBlocks: [s.cidr6] }, []];
    if ("prefixList" in s) return [{ prefixListIds: [s.prefixList] }, []];
    if ("group" in s) return [{ securityGroups: [idOf(s.group, o)] }, [s.group]];
    return [{ self: true }, []];
}

/** The base groups plus the resources that open `spec`. */
export function build(spec: OpenSpec, o: BuildOptions = {}, form: Form = "vpc"): ResourceSnapshot[] {
    const dir = spec.direction ?? "ingress";
    const ports: Record<string, unknown> = {};
    if (spec.from !== undefined) ports.fromPort = spec.from;
    if (spec.to !== undefined) ports.toPort = spec.to;
    const desc = spec.description !== undefined ? { description: spec.description } : {};
    const groups = Object.keys(BaseGroups).filter((g) => !(form === "inline" && g === spec.target)).map((g) => group(g, o));
    if (form === "inline") {
        const [src, deps] = inlineSource(spec.source, o);
        const block = { protocol: spec.protocol, ...ports, ...src, ...desc };
        return [...groups, group(spec.target, o, { [dir]: [block] }, o.noDeps ? {} : { [dir]: deps })];
    }
    const target = { securityGroupId: idOf(spec.target, o) };
    const deps: Record<string, string[]> = o.noDeps ? {} : { securityGroupId: [spec.target] };
    let src: Record<string, unknown>;
    const s = spec.source;
    if (form === "rule") {
        if ("cidr4" in s) src = { cidrBlocks: [s.cidr4] };
        else if ("cidr6" in s) src = { ipv6CidrBlocks: [s.cidr6] };
        else if ("prefixList" in s) src = { prefixListIds: [s.prefixList] };
        else if ("group" in s) {
            src = { sourceSecurityGroupId: idOf(s.group, o) };
            if (!o.noDeps) deps.sourceSecurityGroupId = [s.group];
        } else src = { self: true };
        const r = resource(T.SecurityGroupRule, "the-rule", { type: dir, protocol: spec.protocol, ...ports, ...target, ...src, ...desc }, { id: o.preview ? UNKNOWN : "sgrule-1", deps });
        return [...groups, r];
    }
    if ("cidr4" in s) src = { cidrIpv4: s.cidr4 };
    else if ("cidr6" in s) src = { cidrIpv6: s.cidr6 };
    else if ("prefixList" in s) src = { prefixListId: s.prefixList };
    else if ("group" in s) {
        src = { referencedSecurityGroupId: idOf(s.group, o) };
        if (!o.noDeps) deps.referencedSecurityGroupId = [s.group];
    } else {
        // The vpc rule resources have no `self`: a group referencing itself is the same thing.
        src = { referencedSecurityGroupId: idOf(spec.target, o) };
        if (!o.noDeps) deps.referencedSecurityGroupId = [spec.target];
    }
    const type = dir === "ingress" ? T.IngressRule : T.EgressRule;
    return [...groups, resource(type, "the-rule", { ipProtocol: spec.protocol, ...ports, ...target, ...src, ...desc }, { id: o.preview ? UNKNOWN : "sgr-1", deps })];
}

/** The name of the resource that carries the opening in a given form. */
export function holderName(spec: OpenSpec, form: Form): string {
    return form === "inline" ? spec.target : "the-rule";
}
