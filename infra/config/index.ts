/**
 * The stack's config: one zod schema (schema.ts, access.ts) for the `<project>:settings` object, validated
 * with every problem at once (validate.ts, stack-config.ts) and read once, by `loadSettings`.
 */
export { ACCESS_DEFAULTS, defaultPemPath, HostRoles } from "./access";
export type { AccessConfig, HostRole, InstanceConnectConfig, KeyPairConfig, RecoveryConfig } from "./access";
export { loadSettings } from "./load";
export { DEFAULTS, LOG_RETENTION_DAYS, NatStrategies, settingsSchema, WebAccessModes } from "./schema";
export type { HostSpec, NatStrategy, SettingsInput, WebAccessMode } from "./schema";
export { validateStackConfig } from "./stack-config";
export type { StackSettings } from "./stack-config";
export type { AwsProviderSettings } from "./aws-provider-settings";
export { SETTINGS_KEY, validateSettings } from "./validate";
export type { Settings, ValidatedSettings } from "./validate";
export type { ConfigProblem } from "../config-problem";
