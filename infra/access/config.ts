/**
 * The access settings, validated on their own (tests and the cloud-init renderer use this); the schema and
 * the types live with the rest of the config in infra/config/access.ts.
 */
import { Validated } from "../config-problem";
import { AccessConfig, accessSchema } from "../config/access";
import { problemsFrom } from "../config/problems";
import { show } from "../config/fields";

export { ACCESS_DEFAULTS, defaultPemPath, HostRoles } from "../config/access";
export type { AccessConfig, HostRole, InstanceConnectConfig, KeyPairConfig, RecoveryConfig } from "../config/access";

/** Validates `raw` (the `access` object of the stack config); pure, returns every problem at once. */
export function validateAccessConfig(raw: unknown, keyPath = "access"): Validated<AccessConfig> {
    if (raw === undefined) return { problems: [{ key: keyPath, message: `is required: give at least keyPair: { name, publicKey }; found nothing.` }] };
    const parsed = accessSchema.safeParse(raw);
    if (parsed.success) return { value: parsed.data, problems: [] };
    return { problems: problemsFrom(parsed.error.issues, accessSchema, keyPath) };
}

export { show };
