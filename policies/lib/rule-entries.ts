/**
 * Every way an AWS stack can open a security group, reduced to one shape: inline `ingress`/`egress`
 * blocks of `aws.ec2.SecurityGroup` / `DefaultSecurityGroup`, `aws.ec2.SecurityGroupRule`, and the
 * `aws.vpc.SecurityGroupIngressRule` / `EgressRule` resources. Each field is read separately so an
 * unknown in one does not hide what the others already decide.
 */
import { Maybe, read } from "./unknowns";
import { PortRange, Protocol, normalizeProtocol, portRange } from "./ports";
import { Props, asBoolean, asObject } from "./shape";
import { AwsTypes, RULE_BEARING_TYPES } from "../model";

export const SecurityGroupType: string = AwsTypes.SecurityGroup;
export const DefaultSecurityGroupType: string = AwsTypes.DefaultSecurityGroup;
export const SecurityGroupRuleType: string = AwsTypes.SecurityGroupRule;
export const IngressRuleType: string = AwsTypes.SecurityGroupIngressRule;
export const EgressRuleType: string = AwsTypes.SecurityGroupEgressRule;

export const RuleBearingTypes: string[] = [...RULE_BEARING_TYPES];

export type SourceKind = "cidr" | "prefixList" | "sg" | "self";

export interface Source {
    kind: SourceKind;
    /** The property it came from (for messages and for `propertyDependencies`). */
    prop: string;
    value: Maybe<unknown>;
}

export type Direction = "ingress" | "egress";

export interface RuleEntry {
    /** `ingress[1]` for an inline block, the resource itself otherwise. */
    where: string;
    inline: boolean;
    direction: Maybe<Direction | undefined>;
    protocol: Maybe<Protocol | undefined>;
    range: Maybe<PortRange>;
    sources: Source[];
    /** A whole source list that is unknown: it may hold anything. */
    unknownSources: Error[];
    description: Maybe<unknown>;
}

function sourcesFrom(block: Props, spec: [string, SourceKind][], entry: RuleEntry): void {
    for (const [prop, kind] of spec) {
        const v = read(() => block[prop]);
        if (!v.known) {
            // An unknown reference may still be resolved through propertyDependencies, so it stays a
            // source; an unknown `self` flag can only be reported as unknown.
            if (kind === "self") entry.unknownSources.push(v.error);
            else entry.sources.push({ kind, prop, value: v });
            continue;
        }
        if (v.value === undefined || v.value === null || v.value === "") continue;
        if (kind === "self") {
            if (asBoolean(v.value) === true) entry.sources.push({ kind, prop, value: v });
            continue;
        }
        if (Array.isArray(v.value)) {
            const list = v.value as unknown[];
            const n = read(() => list.length);
            const len = n.known && typeof n.value === "number" ? n.value : 0;
            for (let i = 0; i < len; i++) {
                const e = read(() => list[i]);
                if (e.known && (e.value === null || e.value === undefined || e.value === "")) continue;
                entry.sources.push({ kind, prop, value: e });
            }
        } else {
            entry.sources.push({ kind, prop, value: v });
        }
    }
}

function entry(where: string, inline: boolean, block: Props, protocolProp: string, direction: Maybe<Direction | undefined>): RuleEntry {
    const e: RuleEntry = {
        where,
        inline,
        direction,
        protocol: read(() => normalizeProtocol(block[protocolProp])),
        range: read(() => portRange(block.fromPort, block.toPort)),
        sources: [],
        unknownSources: [],
        description: read(() => block.description),
    };
    return e;
}

const inlineSources: [string, SourceKind][] = [
    ["cidrBlocks", "cidr"], ["ipv6CidrBlocks", "cidr"], ["prefixListIds", "prefixList"], ["securityGroups", "sg"], ["self", "self"],
];

/** Inline blocks; `unknownBlocks` collects a whole list (or one block) that is unknown. */
function inlineEntries(props: Props, dir: Direction, out: RuleEntry[], unknownBlocks: Error[], setByProgram: (prop: string) => boolean): void {
    const list = read(() => props[dir]);
    // During a preview the provider leaves a group's inline lists unknown when the program set none:
    // rules added by separate resources land there, and those are checked as resources of their own.
    if (!list.known && !setByProgram(dir)) return;
    if (!list.known) {
        unknownBlocks.push(list.error);
        return;
    }
    const blocks = Array.isArray(list.value) ? (list.value as unknown[]) : list.value === undefined || list.value === null ? [] : [list.value];
    for (let i = 0; i < blocks.length; i++) {
        const b = read(() => blocks[i]);
        if (!b.known) {
            unknownBlocks.push(b.error);
            continue;
        }
        const block = asObject(b.value);
        if (!block) continue;
        const e = entry(`${dir}[${i}]`, true, block, "protocol", { known: true, value: dir });
        sourcesFrom(block, inlineSources, e);
        out.push(e);
    }
}

export interface RuleEntries {
    entries: RuleEntry[];
    /** Inline lists or blocks that are unknown as a whole. */
    unknownBlocks: Error[];
}

/**
 * All rule entries of a resource of a rule-bearing type; other types yield none. `setByProgram`
 * (stack policies, which read outputs) says whether the program gave an inline list itself.
 */
export function ruleEntries(type: string, props: Props, setByProgram: (prop: string) => boolean = () => true): RuleEntries {
    const entries: RuleEntry[] = [];
    const unknownBlocks: Error[] = [];
    switch (type) {
        case SecurityGroupType:
        case DefaultSecurityGroupType:
            inlineEntries(props, "ingress", entries, unknownBlocks, setByProgram);
            inlineEntries(props, "egress", entries, unknownBlocks, setByProgram);
            break;
        case SecurityGroupRuleType: {
            const dir = read(() => {
                const t = props.type;
                return t === "ingress" || t === "egress" ? (t as Direction) : undefined;
            });
            const e = entry("rule", false, props, "protocol", dir);
            sourcesFrom(props, [["cidrBlocks", "cidr"], ["ipv6CidrBlocks", "cidr"], ["prefixListIds", "prefixList"], ["sourceSecurityGroupId", "sg"], ["self", "self"]], e);
            entries.push(e);
            break;
        }
        case IngressRuleType:
        case EgressRuleType: {
            const dir: Direction = type === IngressRuleType ? "ingress" : "egress";
            const e = entry("rule", false, props, "ipProtocol", { known: true, value: dir });
            sourcesFrom(props, [["cidrIpv4", "cidr"], ["cidrIpv6", "cidr"], ["prefixListId", "prefixList"], ["referencedSecurityGroupId", "sg"]], e);
            entries.push(e);
            break;
        }
    }
    return { entries, unknownBlocks };
}

/** The property naming the group a standalone rule attaches to. */
export const TargetGroupProp = "securityGroupId";
