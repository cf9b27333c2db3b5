/**
 * A violation as the report carries it: the fields of Pulumi's own `policyEvent` (what `pulumi preview
 * --json` prints), which is also what the harness returns. Declared here structurally so the report
 * stays usable (and testable) without loading the harness and the policy SDK behind it.
 */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate";

export interface PolicyEvent {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    resourceUrn?: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity?: string;
}

/** What the harness hands back for one run. */
export interface PolicyRunResult {
    violations: PolicyEvent[];
    notApplicable: { policyName: string; resourceUrn?: string; reason: string }[];
}

/** Mandatory first: the order in which an operator should read them. */
export const LEVEL_ORDER: EnforcementLevel[] = ["mandatory", "remediate", "advisory"];
