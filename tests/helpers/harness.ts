/**
 * The one shared helper for tests that run policies through the offline harness: builds snapshots
 * in wire form, runs a pack (ours by default), and picks findings out of the result.
 */
import type { Policies } from "@pulumi/policy";
import { HarnessOptions, PackUnderTest, PolicyEvent, PolicyRunResult, runPolicyPack } from "../../offline/harness";
import { readSnapshotFile } from "../../offline/readers/read-snapshot-file";
import { ResourceSnapshot, SECRET_SIG, SECRET_SIG_KEY, SnapshotSource, StackSnapshot, UNKNOWN, nameFromUrn } from "../../offline/snapshot";
import { packName, packVersion, policies as ourPolicies } from "../../policies/pack";

export { UNKNOWN };

export const T = {
    SecurityGroup: "aws:ec2/securityGroup:SecurityGroup",
    DefaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    SecurityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    IngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    EgressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    Instance: "aws:ec2/instance:Instance",
    LaunchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    Volume: "aws:ec2/volume:Volume",
    KeyPair: "aws:ec2/keyPair:KeyPair",
    Eip: "aws:ec2/eip:Eip",
    EipAssociation: "aws:ec2/eipAssociation:EipAssociation",
    NetworkInterface: "aws:ec2/networkInterface:NetworkInterface",
    Subnet: "aws:ec2/subnet:Subnet",
    RouteTable: "aws:ec2/routeTable:RouteTable",
    Route: "aws:ec2/route:Route",
    RouteTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    InternetGateway: "aws:ec2/internetGateway:InternetGateway",
    NatGateway: "aws:ec2/natGateway:NatGateway",
    Vpc: "aws:ec2/vpc:Vpc",
    FlowLog: "aws:ec2/flowLog:FlowLog",
    TlsPrivateKey: "tls:index/privateKey:PrivateKey",
    Provider: "pulumi:providers:aws",
} as const;

export function urnOf(type: string, name: string, stack = "dev", project = "bastion-network"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

export interface ResourceOptions {
    /** Outputs; defaults to the inputs (plus `id` when given), as after an update. */
    outputs?: Record<string, unknown>;
    id?: string;
    /** Input property -> logical names (same-stack URNs are built from `refTypes`) or full URNs. */
    deps?: Record<string, string[]>;
    dependencies?: string[];
    parent?: string;
    provider?: string;
    custom?: boolean;
}

/** Registry of names -> URNs so tests can refer to resources by name in `deps`. */
const names = new Map<string, string>();

export function resource(type: string, name: string, inputs: Record<string, unknown>, o: ResourceOptions = {}): ResourceSnapshot {
    const urn = urnOf(type, name);
    names.set(name, urn);
    const resolve = (n: string) => (n.startsWith("urn:") ? n : names.get(n) ?? urnOf("unknown:index:Missing", n));
    const propertyDependencies: Record<string, string[]> = {};
    for (const k of Object.keys(inputs)) propertyDependencies[k] = [];
    for (const [k, list] of Object.entries(o.deps ?? {})) propertyDependencies[k] = list.map(resolve);
    const r: ResourceSnapshot = {
        urn,
        type,
        name,
        custom: o.custom ?? true,
        inputs,
        outputs: o.outputs ?? (o.id !== undefined ? { ...inputs, id: o.id } : inputs),
        dependencies: (o.dependencies ?? []).map(resolve),
        propertyDependencies,
    };
    if (o.id !== undefined) r.id = o.id;
    if (o.parent) r.parent = resolve(o.parent);
    if (o.provider) r.provider = o.provider;
    return r;
}

export function snapshot(resources: ResourceSnapshot[], source: SnapshotSource = "offline-update"): StackSnapshot {
    return { project: "bastion-network", stack: "dev", source, resources };
}

export function secret(value: unknown): Record<string, unknown> {
    return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** A secret as a passphrase-encrypted export holds it: content unreadable offline. */
export function cipherSecret(): Record<string, unknown> {
    return { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: "v1:abcd:efgh" };
}

export const ourPack: PackUnderTest = { name: packName, version: packVersion, policies: ourPolicies };

export function runPack(resources: ResourceSnapshot[] | StackSnapshot, options?: HarnessOptions, pack: PackUnderTest = ourPack): Promise<PolicyRunResult> {
    return runPolicyPack(pack, Array.isArray(resources) ? snapshot(resources) : resources, options);
}

/** Runs only the named policies of our pack (levels and config as usual). */
export function runPolicies(only: Policies, resources: ResourceSnapshot[], options?: HarnessOptions): Promise<PolicyRunResult> {
    return runPolicyPack({ ...ourPack, policies: only }, snapshot(resources), options);
}

export function findings(result: PolicyRunResult, policyName: string): PolicyEvent[] {
    return result.violations.filter((v) => v.policyName === policyName && !v.message.startsWith("can't run"));
}

/** The engine's advisory for a policy that read an unknown value. */
export function cantRun(result: PolicyRunResult, policyName: string): PolicyEvent[] {
    return result.violations.filter((v) => v.policyName === policyName && v.message.startsWith(`can't run policy '${policyName}'`));
}

export function namesOf(events: PolicyEvent[]): string[] {
    return events.map((e) => (e.resourceUrn ? nameFromUrn(e.resourceUrn) : "<stack>"));
}

/** A tiny reader for `pulumi stack export` files (the real readers live in offline/readers). */
/** A `pulumi stack export` file, read by the product's own reader. */
export function readExport(file: string): StackSnapshot {
    return readSnapshotFile(file).snapshot;
}
