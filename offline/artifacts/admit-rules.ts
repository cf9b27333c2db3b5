import { ResourceSnapshot } from "../snapshot";
import { ResourceIndex } from "./resource-index";
import { list, num, record, str } from "./wire-value";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

/** Where admitted traffic comes from: another group (its members' private IPs), an address range, or a group outside the file. */
export type AdmitSource =
    | { kind: "sg"; sgUrn: string }
    | { kind: "cidr"; cidr: string }
    | { kind: "external"; label: string };

/** One thing a security group lets in: protocol and ports from one source. */
export interface AdmitRule {
    sgUrn: string;
    ruleUrn: string;
    protocol: string;
    fromPort?: number;
    toPort?: number;
    source: AdmitSource;
    description?: string;
}

/** `tcp 22`, `tcp 1025-65535`, `all traffic`: what an arrow's label says. */
export function portLabel(rule: Pick<AdmitRule, "protocol" | "fromPort" | "toPort">): string {
    const proto = rule.protocol === "-1" || rule.protocol === "all" ? "all" : rule.protocol;
    if (proto === "all") return "all traffic";
    if (rule.fromPort === undefined || (rule.fromPort === 0 && rule.toPort === 65535)) return `${proto} all ports`;
    if (rule.toPort === undefined || rule.toPort === rule.fromPort) return `${proto} ${rule.fromPort}`;
    return `${proto} ${rule.fromPort}-${rule.toPort}`;
}

/** Every ingress the snapshot declares: standalone vpc rules, legacy `SecurityGroupRule`s and inline `ingress` blocks. */
export function admitRules(idx: ResourceIndex): AdmitRule[] {
    const rules: AdmitRule[] = [];
    for (const r of idx.ofType(INGRESS_RULE)) {
        const target = idx.ref(r, "securityGroupId", [SG]);
        if (!target) continue;
        const base = ruleBase(r, target, str(r.inputs.ipProtocol) ?? "-1");
        const sourceSg = idx.ref(r, "referencedSecurityGroupId", [SG]);
        const source: AdmitSource | undefined = sourceSg
            ? { kind: "sg", sgUrn: sourceSg.urn }
            : cidrOrExternal(str(r.inputs.cidrIpv4) ?? str(r.inputs.cidrIpv6), str(r.inputs.referencedSecurityGroupId) ?? str(r.inputs.prefixListId));
        if (source) rules.push({ ...base, source });
    }
    for (const r of idx.ofType(LEGACY_RULE)) {
        if (str(r.inputs.type) !== "ingress") continue;
        const target = idx.ref(r, "securityGroupId", [SG]);
        if (!target) continue;
        const base = ruleBase(r, target, str(r.inputs.protocol) ?? "-1");
        rules.push(...sources(idx, r, target, r.inputs, "sourceSecurityGroupId").map((source) => ({ ...base, source })));
    }
    for (const sg of idx.ofType(SG)) {
        for (const raw of list(sg.inputs.ingress)) {
            const block = record(raw);
            const base = ruleBase(sg, sg, str(block.protocol) ?? "-1", block);
            rules.push(...sources(idx, sg, sg, block, "securityGroups").map((source) => ({ ...base, source })));
        }
    }
    return rules;
}

function ruleBase(r: ResourceSnapshot, target: ResourceSnapshot, protocol: string, props: Record<string, unknown> = r.inputs) {
    return {
        sgUrn: target.urn,
        ruleUrn: r.urn,
        protocol: protocol.toLowerCase(),
        fromPort: num(props.fromPort),
        toPort: num(props.toPort),
        description: str(props.description),
    };
}

function cidrOrExternal(cidr: string | undefined, other: string | undefined): AdmitSource | undefined {
    if (cidr) return { kind: "cidr", cidr };
    if (other) return { kind: "external", label: other };
    return undefined;
}

/** Sources of a legacy rule or inline block: CIDR lists, `self`, and groups by id (or by dependency in a preview). */
function sources(idx: ResourceIndex, owner: ResourceSnapshot, target: ResourceSnapshot, props: Record<string, unknown>, groupProp: string): AdmitSource[] {
    const out: AdmitSource[] = [];
    for (const c of [...list(props.cidrBlocks), ...list(props.ipv6CidrBlocks)]) if (typeof c === "string") out.push({ kind: "cidr", cidr: c });
    for (const p of list(props.prefixListIds)) if (typeof p === "string") out.push({ kind: "external", label: p });
    if (props.self === true) out.push({ kind: "sg", sgUrn: target.urn });
    const raw = props[groupProp];
    const ids = (Array.isArray(raw) ? list(raw) : [raw]).map(str).filter((x): x is string => x !== undefined);
    for (const id of ids) {
        const found = idx.withId(id, SG);
        out.push(found ? { kind: "sg", sgUrn: found.urn } : { kind: "external", label: id });
    }
    if (ids.length === 0 && owner !== target) {
        const deps = (owner.propertyDependencies[groupProp] ?? []).map((u) => idx.get(u)).filter((x) => x?.type === SG);
        for (const d of deps) if (d) out.push({ kind: "sg", sgUrn: d.urn });
    }
    return out;
}
