import * as pulumi from "@pulumi/pulumi";

/** One thing wrong with the stack's config: the key (a dotted path, e.g. `subnets[2].size`) and what to do. */
export interface ConfigProblem {
    key: string;
    message: string;
}

/** A validator's answer: the typed value when there is no problem, and every problem found. */
export interface Validated<T> {
    value?: T;
    problems: ConfigProblem[];
}

/**
 * Thrown (before any resource is registered) when the config has problems; carries them all.
 * A RunError, so the Pulumi CLI prints the message without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: ConfigProblem[]) {
        super(
            `The stack config has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
                problems.map((p) => `  - ${p.key}: ${p.message}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}
