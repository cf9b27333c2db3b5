/**
 * `npm run bench -- --server-decoding`: what a pack costs when every validation pays the decoding that
 * @pulumi/policy 1.21's server does up front, and what a pack of the same shape costs when its rules do nothing.
 *
 * The harness decodes a resource's props the first time a policy reads them (the same values, built later),
 * so a rule that never reads props pays nothing for them. The server decodes before it calls a validation
 * (server.js, `makeAnalyzeRpcFun` and `makeAnalyzeStackRpcFun`): a resource's props for every resource
 * validation function on every `Analyze` — except a single function typed to another resource type, which it
 * skips — and every resource's props for every stack policy on `AnalyzeStack`, unless the policy is typed to a
 * type the stack does not hold. `asServerDecodes` wraps a pack's validations so that each first reads exactly
 * those props through the harness, which then decodes them as the server would; nothing else changes.
 */
import type { Policy, ReportViolation, ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy, StackValidation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { PackDescription } from "./awsguard-pack";


/** The server filters on the Pulumi type attached to a validation function: a wrapper keeps it. */
function sameType<F extends object>(wrapper: F, original: object): F {
    const t = (original as { __pulumiType?: unknown }).__pulumiType;
    if (t !== undefined) Object.defineProperty(wrapper, "__pulumiType", { value: t });
    return wrapper;
}

const isStack = (p: Policy): p is StackValidationPolicy => typeof (p as { validateStack?: unknown }).validateStack === "function";

function decodingResource(fn: ResourceValidation): ResourceValidation {
    return sameType((args: ResourceValidationArgs, report: ReportViolation) => {
        void args.props;
        return fn(args, report);
    }, fn);
}

function decodingStack(fn: StackValidation): StackValidation {
    return sameType((args: StackValidationArgs, report: ReportViolation) => {
        for (const r of args.resources) void r.props;
        return fn(args, report);
    }, fn);
}

/** The pack with each validation function replaced: `resource(f)` for a resource validation, `stack(f)` for a stack one. */
function mapValidations(pack: PackDescription, resource: (f: ResourceValidation) => ResourceValidation, stack: (f: StackValidation) => StackValidation): PackDescription {
    const policies = pack.policies.map((p): Policy => {
        if (isStack(p)) return { ...p, validateStack: stack(p.validateStack) } as StackValidationPolicy;
        const v = (p as ResourceValidationPolicy).validateResource;
        if (!v) return p;
        // A single function keeps its attached type, so the harness still skips it for other types as the server does.
        return { ...p, validateResource: Array.isArray(v) ? (v as ResourceValidation[]).map((f) => resource(f)) : resource(v as ResourceValidation) } as Policy;
    });
    return { ...pack, policies };
}

/** The pack with each validation reading first what the server would have decoded for it. */
export function asServerDecodes(pack: PackDescription): PackDescription {
    return mapValidations(pack, decodingResource, decodingStack);
}

/** The same rules — names, kinds, attached types, levels, config — with validations that do nothing. */
export function sameShapedNoOps(pack: PackDescription): PackDescription {
    // A new function each time: the attached type is a property of the function.
    const nothing = () => () => undefined;
    return { ...mapValidations(pack, (f) => sameType(nothing(), f), (f) => sameType(nothing(), f)), name: `${pack.name}-no-ops` };
}
