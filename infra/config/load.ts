/** The one place that reads the program's config: the whole map, validated, placeholders reported. */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { ConfigError } from "../config-problem";
import { placeholdersStopDeployment } from "./placeholders";
import { StackSettings, validateStackConfig } from "./stack-config";

/**
 * Reads `<project>:settings` and the rest of the config map (secrets arrive decrypted from the CLI); throws a
 * `ConfigError` listing every problem, before any resource is registered.
 */
export function loadSettings(): StackSettings {
    const config = pulumi.runtime.allConfig();
    const result = validateStackConfig(config, pulumi.getProject(), pulumi.getStack(), Object.keys(config).filter(isSecret));
    for (const w of result.warnings) warnOnce(`config ${w.key}: ${w.message}`);
    // The example values stop a real deployment; they are said with the config's other problems, not after them.
    const placeholders = result.examples ?? [];
    const mocked = pulumi.runtime.getMonitor() instanceof MockMonitor;
    const stops = placeholdersStopDeployment({ dryRun: pulumi.runtime.isDryRun(), mocked });
    const refused = stops ? placeholders.map((p) => ({ key: p.key, message: `${p.message} (An example value: \`pulumi up\` stops until it is replaced.)` })) : [];
    if (!result.value || refused.length > 0) throw new ConfigError([...result.problems, ...refused]);
    for (const p of placeholders) warnOnce(`config ${p.key}: ${p.message} (Fine for a preview; \`pulumi up\` will stop until it is replaced.)`);
    return result.value;
}

/** Whether the CLI decrypted `key` (set with `--secret`): the runtime knows, though its typings leave it out. */
function isSecret(key: string): boolean {
    const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
    return runtime.isConfigSecret?.(key) ?? false;
}

// A process that runs the program many times (the test suite, the offline runner) says each thing once.
const said = new Set<string>();
function warnOnce(message: string): void {
    if (said.has(message)) return;
    said.add(message);
    pulumi.log.warn(message);
}
