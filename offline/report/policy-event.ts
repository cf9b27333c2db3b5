/**
 * The report's view of a violation: the harness's own types (the fields of Pulumi's `policyEvent`).
 * Type-only imports, so the report stays usable without loading the harness and the policy SDK.
 */
import type { PolicyEvent, PolicyRunResult } from "../harness";

export type { PolicyEvent, PolicyRunResult };
export type EnforcementLevel = PolicyEvent["enforcementLevel"];

/** Mandatory first: the order in which an operator should read them. */
export const LEVEL_ORDER: EnforcementLevel[] = ["mandatory", "remediate", "advisory"];
