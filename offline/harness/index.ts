/**
 * Runs a CrossGuard policy pack over a stack snapshot the way the Pulumi engine and the
 * @pulumi/policy analyzer server do, without either: resource policies see each resource's inputs,
 * stack policies see every resource's outputs with parent and dependencies resolved to objects;
 * props go through @pulumi/policy's own deserializer and unknown-checking proxy; a read of an
 * unknown becomes the advisory "can't run ... during preview"; config is reconciled and validated
 * as the CLI does; levels resolve config > policy > pack.
 */
import type { EnforcementLevel, Policies, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { ResourceSnapshot, StackSnapshot } from "../snapshot";
import { NotApplicableError, freezeTags, isTypeOf, providerResource, providerUrn, resourceOptions, throwNotApplicable } from "./args";
import { checkPackDefinition, reconcilePolicyPackConfig } from "./config";
import { UnknownValueError, engineProps, getPulumiType, isResourcePolicy, isStackPolicy, remediationProps, serializeRemediated } from "./policy-internals";
import { toEngineProperties } from "./wire";
import { Context, memo, memoWire } from "./context";
import { sharedFields, stackResources } from "./stack-resource";

export { PolicyConfigError } from "./config";

export interface PackUnderTest {
    name: string;
    version: string;
    enforcementLevel?: EnforcementLevel;
    policies: Policies;
}

export interface HarnessOptions {
    /** The same JSON object `pulumi preview --policy-pack-config <file>` reads. */
    config?: Record<string, unknown>;
    stackTags?: Record<string, string>;
}

/** Field names as in the `policyEvent` of `pulumi preview --json`. */
export interface PolicyEvent {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    resourceUrn?: string;
    message: string;
    enforcementLevel: "advisory" | "mandatory" | "remediate";
    severity?: string;
}

export interface NotApplicable {
    policyName: string;
    resourceUrn?: string;
    reason: string;
}

export interface PolicyRunResult {
    violations: PolicyEvent[];
    notApplicable: NotApplicable[];
}

type ReportedLevel = PolicyEvent["enforcementLevel"];

/** `makeReportViolationFun`: a string message is appended to the description; an object overrides. */
function reporter(ctx: Context, p: ResourceValidationPolicy | StackValidationPolicy, level: ReportedLevel, defaultUrn: string | undefined): ReportViolation {
    const { pack, result } = ctx;
    return ((message?: unknown, urn?: string) => {
        if (message !== null && typeof message === "object") {
            const info = message as { name?: string; message?: string; description?: string; urn?: string; enforcementLevel?: ReportedLevel; severity?: string };
            result.violations.push(event(info.name || p.name, pack, info.message || info.description || p.description, info.urn || defaultUrn, info.enforcementLevel || level, info.severity || p.severity));
        } else {
            const text = message ? `${p.description}\n${String(message)}` : p.description;
            result.violations.push(event(p.name, pack, text, urn || defaultUrn, level, p.severity));
        }
    }) as ReportViolation;
}

function event(policyName: string, pack: PackUnderTest, message: string, resourceUrn: string | undefined, enforcementLevel: ReportedLevel, severity: string | undefined): PolicyEvent {
    const e: PolicyEvent = { policyName, policyPackName: pack.name, policyPackVersion: pack.version, message, enforcementLevel };
    if (resourceUrn) e.resourceUrn = resourceUrn;
    if (severity) e.severity = severity;
    return e;
}

/** What the server does with an exception from a validation. */
function handleError(ctx: Context, p: ResourceValidationPolicy | StackValidationPolicy, e: unknown, urn: string | undefined, what: string): void {
    const policyFrom = `policy '${p.name}' from policy pack '${ctx.pack.name}@v${ctx.pack.version}'`;
    if (e instanceof UnknownValueError) {
        ctx.result.violations.push(event(p.name, ctx.pack, `can't run ${policyFrom} during preview: ${e.message}`, urn, "advisory", p.severity));
    } else if (e instanceof NotApplicableError) {
        ctx.result.notApplicable.push(naEntry(p.name, urn, e.reason));
    } else {
        const err = new Error(`Error validating ${what} with ${policyFrom}:\n${e instanceof Error ? e.stack : String(e)}`);
        (err as Error & { cause?: unknown }).cause = e;
        throw err;
    }
}

function naEntry(policyName: string, resourceUrn: string | undefined, reason: string | undefined): NotApplicable {
    const na: NotApplicable = { policyName, reason: reason ?? "" };
    if (resourceUrn) na.resourceUrn = resourceUrn;
    return na;
}

function levelOf(ctx: Context, name: string): EnforcementLevel {
    return ctx.config.get(name)!.enforcementLevel;
}

function getConfigFor(ctx: Context, name: string): <T extends object>() => T {
    return <T extends object>() => ({ ...ctx.config.get(name)!.properties }) as T;
}

/**
 * `props` are deserialized on first read and then fixed (an own enumerable accessor, so spreading
 * the args copies them): a policy sees exactly what the server's eager deserialization gives, while
 * the many policies that only look at `type` cost nothing on a large stack.
 */
function resourceArgs(ctx: Context, r: ResourceSnapshot, makeProps: () => Record<string, unknown>, policyName: string): ResourceValidationArgs {
    let props: Record<string, unknown> | undefined;
    const args: ResourceValidationArgs = {
        type: r.type,
        get props() { return (props ??= makeProps()); },
        set props(v) { props = v; },
        urn: r.urn,
        name: r.name,
        opts: undefined as unknown as ResourceValidationArgs["opts"],
        stackTags: ctx.stackTags,
        isType: (cls: unknown) => isTypeOf(r.type, cls),
        asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? args.props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: getConfigFor(ctx, policyName),
        notApplicable: throwNotApplicable,
    };
    sharedFields(args, r, ctx);
    return args;
}


/** The remediate RPC: policies at level `remediate` may rewrite inputs before analysis sees them. */
async function remediate(ctx: Context, r: ResourceSnapshot): Promise<Record<string, unknown>> {
    let wire = ctx.inputsOf(r);
    for (const p of ctx.pack.policies) {
        if (levelOf(ctx, p.name) !== "remediate" || !isResourcePolicy(p) || !p.remediateResource) continue;
        const t = getPulumiType(p.remediateResource);
        if (t && t !== r.type) continue;
        try {
            const out = await Promise.resolve(p.remediateResource(resourceArgs(ctx, r, () => remediationProps(wire), p.name)));
            if (out) wire = toEngineProperties(await serializeRemediated(out));
        } catch (e) {
            // A remediation that cannot run in preview leaves the inputs as they are, as in the engine.
            if (!(e instanceof UnknownValueError) && !(e instanceof NotApplicableError)) handleError(ctx, p, e, r.urn, "resource");
        }
    }
    return wire;
}

async function analyzeResource(ctx: Context, r: ResourceSnapshot, hasRemediations: boolean): Promise<void> {
    // Converted from the snapshot only when a policy reads props (most check `type` first).
    const remediated = hasRemediations ? await remediate(ctx, r) : undefined;
    const wire = () => remediated ?? ctx.inputsOf(r);
    for (const p of ctx.pack.policies) {
        let level = levelOf(ctx, p.name);
        if (level === "disabled" || !isResourcePolicy(p)) continue;
        if (!p.validateResource) {
            ctx.result.notApplicable.push(naEntry(p.name, r.urn, "Policy does not implement validateResource"));
            continue;
        }
        if (level === "remediate") level = "mandatory";
        if (!Array.isArray(p.validateResource)) {
            const t = getPulumiType(p.validateResource);
            if (t && t !== r.type) {
                ctx.result.notApplicable.push(naEntry(p.name, r.urn, `Policy only applies to resources of type '${t}'`));
                continue;
            }
        }
        const report = reporter(ctx, p, level, r.urn);
        const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
        for (const validation of validations) {
            try {
                // Fresh props per validation, as the server deserializes per call: no policy sees another's writes.
                const out = validation(resourceArgs(ctx, r, () => engineProps(wire()), p.name), report);
                if (out && typeof (out as Promise<void>).then === "function") await out;
            } catch (e) {
                handleError(ctx, p, e, r.urn, "resource");
            }
        }
    }
}

async function analyzeStack(ctx: Context, snapshot: StackSnapshot): Promise<void> {
    // Each AnalyzeStack is a gRPC request of its own, sent after the previous one was answered: a new turn of
    // the event loop. A pack may share a value between its stack policies for one turn; so does this run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const p of ctx.pack.policies) {
        let level = levelOf(ctx, p.name);
        if (level === "disabled" || !isStackPolicy(p)) continue;
        if (level === "remediate") level = "mandatory";
        const t = getPulumiType(p.validateStack);
        if (t && !snapshot.resources.some((r) => r.type === t)) {
            ctx.result.notApplicable.push(naEntry(p.name, undefined, `Policy only applies to resources of type '${t}'`));
            continue;
        }
        try {
            const args = { resources: stackResources(ctx, snapshot.resources), getConfig: getConfigFor(ctx, p.name), stackTags: ctx.stackTags, notApplicable: throwNotApplicable };
            await Promise.resolve(p.validateStack(args, reporter(ctx, p, level, undefined)));
        } catch (e) {
            handleError(ctx, p, e, undefined, "stack");
        }
    }
}

/**
 * Runs `pack` over `snapshot`. Throws `PolicyConfigError` (naming policy and key) for invalid config,
 * and an Error for a policy that throws anything but an unknown-value or not-applicable error.
 */
export async function runPolicyPack(pack: PackUnderTest, snapshot: StackSnapshot, options: HarnessOptions = {}): Promise<PolicyRunResult> {
    checkPackDefinition(pack.name, pack.policies);
    const byUrn = new Map(snapshot.resources.map((r) => [r.urn, r]));
    const inputsOf = memoWire("inputs");
    const ctx: Context = {
        pack,
        config: reconcilePolicyPackConfig(pack.policies, pack.enforcementLevel || "advisory", options.config),
        stackTags: freezeTags(options.stackTags),
        byUrn,
        inputsOf,
        outputsOf: memoWire("outputs"),
        optsOf: memo((r) => resourceOptions(r)),
        providerOf: memo((r) => (providerUrn(r.provider) ? providerResource(r, byUrn, inputsOf) : undefined)),
        result: { violations: [], notApplicable: [] },
    };
    const hasRemediations = pack.policies.some((p) => levelOf(ctx, p.name) === "remediate" && isResourcePolicy(p) && !!p.remediateResource);
    for (const r of snapshot.resources) await analyzeResource(ctx, r, hasRemediations);
    await analyzeStack(ctx, snapshot);
    return ctx.result;
}
