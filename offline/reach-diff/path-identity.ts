/**
 * What makes two reachability rows "the same path" across two snapshots of one stack, and what makes
 * the reason a `yes` carries "the same". Both are logical: resource URNs without their stack, endpoint
 * blocks, rule / route / address names and kinds — never the ids or addresses a provider made up, so a
 * `pulumi stack export` and a `pulumi preview --json` of the same config compare equal.
 */
import { cidrSet, containsRange } from "../../policies/model/cidr-set";
import { Endpoint, ReachabilityRow } from "../../policies/reachability";

/** `urn:pulumi:<stack>::<project>::<type>::<name>` -> `<project>::<type>::<name>`: one resource, whichever stack or snapshot it is read from. */
export function logicalUrn(urn: string): string {
    const m = /^urn:pulumi:[^:]*::(.*)$/.exec(urn);
    return m ? m[1] : urn;
}

/** An endpoint's identity: `internet`, `cidr:<block>` (an operator range is its block), or its resource's logical URN. */
export function endpointKey(e: Pick<Endpoint, "id" | "urn">): string {
    return e.urn ? logicalUrn(e.urn) : e.id;
}

/** A path's identity: source, target, protocol and port range. */
export function pathKey(row: ReachabilityRow, keyOf: (endpointId: string) => string): string {
    const ports = row.ports ? `${row.ports.from}-${row.ports.to}` : "*";
    return `${keyOf(row.from)} -> ${keyOf(row.to)} ${row.protocol} ${ports}`;
}

const ADDRESS_KINDS = ["private", "public-ip", "elastic-ip", "load-balancer"] as const;

/** `10.0.0.54 (private)`, `its elastic-ip address`, `its private address in 10.0.0.0/26` -> the kind of address. */
export function addressKind(text: string): string {
    return ADDRESS_KINDS.find((k) => new RegExp(`(^|[ (])${k}([ )]|$)`).test(text)) ?? "public";
}

/**
 * A text with what a provider or Pulumi assigns masked: single addresses (not blocks: `10.0.0.0/24` is config),
 * AWS resource ids (`igw-0a1b2c3d`, `sg-…`) and auto-naming suffixes. A route the model could not name by resource is compared this way.
 */
export function withoutAssignedValues(text: string): string {
    return text
        .replace(/\b(\d{1,3}(?:\.\d{1,3}){3})(?!\/|\d)/g, "<address>")
        .replace(/\b[a-z]{2,10}-[0-9a-f]{8,17}\b/g, "<id>")
        // Pulumi's auto-naming suffix (`acme-sg-web-1a2b3c4`): a replacement draws a new one
        .replace(/\b([a-z][a-z0-9-]*)-[0-9a-f]{7}\b/g, "$1-<suffix>");
}

/**
 * What carries a `yes`, logically: the kind of address it goes to and which resource gives it, the route
 * (its resource, and its text with assigned values masked), the ingress rule and the source's egress rule
 * (by resource; by masked text when the model names none). Two rows with equal carriers differ only in ids
 * and addresses the provider made up.
 */
export function carrierOf(row: ReachabilityRow): string[] {
    const via = row.via;
    if (!via) return [];
    const stepUrn = (stage: string) => {
        const urn = row.steps.find((s) => s.stage === stage)?.urn;
        return urn ? logicalUrn(urn) : "";
    };
    return [
        `address ${addressKind(via.address)} ${stepUrn("address")}`,
        `route ${stepUrn("route")} ${withoutAssignedValues(via.route)}`,
        // a rule named by its resource is that resource: its text also names the groups by their physical names,
        // which a replaced group changes without changing what the rule admits
        `rule ${via.ruleUrn ? logicalUrn(via.ruleUrn) : withoutAssignedValues(via.rule)}`,
        `egress ${via.egressRuleUrn ? logicalUrn(via.egressRuleUrn) : withoutAssignedValues(via.egressRule ?? "")}`,
    ];
}

/** Which parts of the carrier differ, in words: `address`, `route`, `rule`, `egress rule`. */
export function carrierChanges(before: ReachabilityRow, after: ReachabilityRow): string[] {
    const a = carrierOf(before);
    const b = carrierOf(after);
    const names = ["address", "route", "rule", "egress rule"];
    return names.filter((_, i) => a[i] !== b[i]);
}

/** Does traffic from `outer` include traffic from `inner`: the internet holds every public range, a block every block inside it. */
export function sourceCovers(outer: Pick<Endpoint, "kind" | "cidr">, inner: Pick<Endpoint, "kind" | "cidr" | "internetAddress">): boolean {
    if (outer.kind === "internet") return inner.kind === "cidr" && inner.internetAddress;
    if (outer.kind !== "cidr" || inner.kind !== "cidr" || !outer.cidr || !inner.cidr) return false;
    return containsRange(cidrSet([outer.cidr]), inner.cidr);
}
