/** The one place that reads the program's config: the whole map, validated, placeholders reported. */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { ConfigError } from "../config-problem";
import { findPlaceholders, placeholdersStopDeployment } from "./placeholders";
import { validateStackConfig } from "./stack-config";
import { ValidatedSettings } from "./validate";

/**
 * Reads `<project>:settings` and the rest of the config map (secrets arrive decrypted from the CLI); throws a
 * `ConfigError` listing every problem, before any resource is registered.
 */
export function loadSettings(): ValidatedSettings {
    const result = validateStackConfig(pulumi.runtime.allConfig(), pulumi.getProject(), pulumi.getStack());
    for (const w of result.warnings) warnOnce(`config ${w.key}: ${w.message}`);
    if (!result.value) throw new ConfigError(result.problems);
    const placeholders = findPlaceholders(result.value.settings);
    const mocked = pulumi.runtime.getMonitor() instanceof MockMonitor;
    if (placeholders.length > 0 && placeholdersStopDeployment({ dryRun: pulumi.runtime.isDryRun(), mocked })) {
        throw new ConfigError(placeholders.map((p) => ({ key: p.key, message: `${p.message} (An example value: \`pulumi up\` stops until it is replaced.)` })));
    }
    for (const p of placeholders) warnOnce(`config ${p.key}: ${p.message} (Fine for a preview; \`pulumi up\` will stop until it is replaced.)`);
    return result.value;
}

// A process that runs the program many times (the test suite, the offline runner) says each thing once.
const said = new Set<string>();
function warnOnce(message: string): void {
    if (said.has(message)) return;
    said.add(message);
    pulumi.log.warn(message);
}
