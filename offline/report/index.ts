/** The report's public surface. */
export { buildReport, describeSource, exitCodeFor } from "./report";
export type { PolicyReport, ReportResource, ReportSummary } from "./report";
export type { PolicyEvent, PolicyRunResult, EnforcementLevel } from "./policy-event";
export { renderText } from "./render-text";
export { subnetRows, usableAddresses } from "./subnet-rows";
export type { SubnetRow } from "./subnet-rows";
