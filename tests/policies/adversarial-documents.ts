/**
 * Builds an adversarial case in both forms Pulumi writes, from one description of its resources: a
 * `pulumi stack export` (ids known, outputs = inputs plus what AWS computes, `tagsAll` merged with the
 * provider's defaultTags) and a `pulumi preview --json` (create steps whose inputs hold the unknown
 * sentinel wherever another resource's id goes, with that resource in `propertyDependencies`; no
 * `tagsAll`). Generated cases cover a CLASS of shapes (every way to split the internet, every rule
 * that asks about roles) that hand-written files would cover one instance at a time.
 */
import { createHash } from "crypto";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const STACK = "urn:pulumi:adv::adversarial::pulumi:pulumi:Stack::adversarial-adv";
const urnOf = (type: string, name: string) => `urn:pulumi:adv::adversarial::${type}::${name}`;

/** Where another resource's id (or an attribute of it) goes. */
export interface Ref {
    ref: string;
    attribute?: string;
}
export const ref = (name: string, attribute?: string): Ref => ({ ref: name, attribute });
const isRef = (v: unknown): v is Ref => v !== null && typeof v === "object" && typeof (v as Ref).ref === "string";

export interface CaseResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    /** What AWS computes on create, in the export only (private IPs, public IPs). */
    computed?: Record<string, unknown>;
    /** Logical name of an explicit `pulumi:providers:aws`. */
    provider?: string;
}

export interface CaseHeader {
    rule: string;
    verdict: "violation" | "clean" | "undecided";
    flagged?: string[];
    why: string;
    /** `--policy-pack-config` for the run (a stack that set the rule's options). */
    config?: Record<string, unknown>;
}

export interface GeneratedCase extends CaseHeader {
    /** `class/instance`, unique: the name the spec reports. */
    id: string;
    resources: CaseResource[];
    /** The verdict differs in preview (e.g. a value only known after apply). */
    previewVerdict?: Pick<CaseHeader, "verdict" | "flagged">;
    /** Explicit providers by logical name, with their `defaultTags` (`{ tags: {...} }`). */
    providers?: Record<string, unknown>;
}

const PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc", "aws:ec2/subnet:Subnet": "subnet", "aws:ec2/securityGroup:SecurityGroup": "sg", "aws:ec2/instance:Instance": "i",
    "aws:ec2/internetGateway:InternetGateway": "igw", "aws:ec2/routeTable:RouteTable": "rtb", "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr", "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule", "aws:ec2/launchTemplate:LaunchTemplate": "lt",
};
const TAGGABLE = new Set(["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/instance:Instance", "aws:ec2/internetGateway:InternetGateway", "aws:ec2/routeTable:RouteTable", "aws:ec2/launchTemplate:LaunchTemplate"]);

export function idOf(r: Pick<CaseResource, "type" | "name">): string {
    const hex = createHash("sha256").update(`${r.type}::${r.name}`).digest("hex").slice(0, 17);
    return `${PREFIX[r.type] ?? "res"}-${hex}`;
}

/** `value` with every Ref replaced; the URNs it referred to are collected in `deps`. */
function resolve(value: unknown, byName: Map<string, CaseResource>, known: boolean, deps: Set<string>): unknown {
    if (isRef(value)) {
        const target = byName.get(value.ref);
        if (!target) throw new Error(`reference to ${value.ref}, which the case does not hold`);
        deps.add(urnOf(target.type, target.name));
        return known ? (value.attribute ? target.computed?.[value.attribute] : idOf(target)) : UNKNOWN;
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, byName, known, deps));
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, byName, known, deps)]));
    return value;
}

function providerResource(name: string, defaultTags: unknown, known: boolean) {
    const inputs: Record<string, unknown> = { region: "eu-west-1", version: "7.48.0" };
    // The engine stores a provider's object-valued config as JSON text.
    if (defaultTags !== undefined) inputs.defaultTags = JSON.stringify(defaultTags);
    const id = known ? createHash("sha256").update(name).digest("hex").slice(0, 32) : UNKNOWN;
    return { urn: urnOf("pulumi:providers:aws", name), custom: true, id, type: "pulumi:providers:aws", inputs, ...(known ? { outputs: inputs } : {}), parent: STACK };
}

/** The two documents of a case. */
export function caseDocuments(c: GeneratedCase): { export: object; preview: object } {
    const providers = c.providers ?? {};
    const byName = new Map(c.resources.map((r) => [r.name, r]));
    const providerRef = (r: CaseResource, known: boolean) => {
        const p = providerResource(r.provider ?? "default_7_48_0", r.provider ? providers[r.provider] : undefined, known);
        return `${p.urn}::${p.id}`;
    };
    const state = (r: CaseResource, known: boolean) => {
        const propertyDependencies: Record<string, string[] | null> = {};
        const dependencies = new Set<string>();
        const inputs: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r.inputs)) {
            const deps = new Set<string>();
            inputs[k] = resolve(v, byName, known, deps);
            propertyDependencies[k] = deps.size > 0 ? [...deps] : null;
            deps.forEach((d) => dependencies.add(d));
        }
        const out: Record<string, unknown> = { urn: urnOf(r.type, r.name), custom: true, type: r.type, inputs };
        if (known) {
            const tags = inputs.tags as Record<string, string> | undefined;
            const defaults = (providers[r.provider ?? ""] as { tags?: Record<string, string> } | undefined)?.tags;
            const outputs: Record<string, unknown> = { ...inputs, ...(r.computed ?? {}), id: idOf(r) };
            if (TAGGABLE.has(r.type)) outputs.tagsAll = { ...(defaults ?? {}), ...(tags ?? {}) };
            if (r.type === "aws:ec2/securityGroup:SecurityGroup") {
                outputs.ingress ??= [];
                outputs.egress ??= [];
            }
            Object.assign(out, { id: idOf(r), outputs });
        }
        return { ...out, parent: STACK, provider: providerRef(r, known), ...(dependencies.size > 0 ? { dependencies: [...dependencies] } : {}), propertyDependencies };
    };
    const explicit = [...new Set(c.resources.map((r) => r.provider).filter((p): p is string => p !== undefined))];
    const header = (form: "export" | "preview") => {
        const v = form === "preview" && c.previewVerdict ? c.previewVerdict : c;
        return { rule: c.rule, form, verdict: v.verdict, ...(v.flagged ? { flagged: v.flagged } : {}), why: c.why, ...(c.config ? { config: c.config } : {}) };
    };
    const stack = { urn: STACK, custom: false, type: "pulumi:pulumi:Stack" };
    const providersOf = (known: boolean) => ["default_7_48_0", ...explicit].map((p) => providerResource(p, providers[p], known));
    const exportDoc = {
        adversarial: header("export"),
        version: 3,
        deployment: {
            manifest: { time: "2026-12-04T10:00:00.000000Z", magic: "", version: "v3.248.0" },
            secrets_providers: { type: "passphrase", state: { salt: "v1:adv:v1:adv:adv" } },
            resources: [{ ...stack, outputs: {} }, ...providersOf(true), ...c.resources.map((r) => state(r, true))],
        },
    };
    const states: Record<string, unknown>[] = [stack, ...providersOf(false), ...c.resources.map((r) => state(r, false))];
    // A resource's step names its provider; the provider steps and the stack have none.
    const steps = states.map((s) => ({ op: "create", urn: s.urn, ...(s.type !== "pulumi:providers:aws" && "provider" in s ? { provider: s.provider } : {}), newState: s }));
    const previewDoc = { adversarial: header("preview"), steps, diagnostics: [], duration: 1200000000, changeSummary: { create: steps.length } };
    return { export: exportDoc, preview: previewDoc };
}
