/**
 * The one shared helper for tests that run Pulumi code under mocks, all through the offline mock runner:
 * `runStack` runs a whole stack (cached per stack, mode and overrides), `runComponents` runs a few
 * components; the rest answers questions about what they registered. Values come back in wire form,
 * as the engine sees them: a secret is `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`, an unknown is `UNKNOWN`.
 */
import type { InvokeAnswer } from "../../offline/fake-cloud";
import { OfflineRun, ProgramRun, ProgramRunOptions, runProgramOffline, runStackOffline } from "../../offline/mock-runner";
import { readStackFiles } from "../../offline/stack-files";
import { ResourceSnapshot, SECRET_SIG, SECRET_SIG_KEY, StackSnapshot } from "../../offline/snapshot";

const cache = new Map<string, Promise<OfflineRun>>();

export interface RunOptions {
    preview?: boolean;
    /** Replaces keys of the stack file's `bastion-network:settings` object. */
    settings?: Record<string, unknown>;
}

export function runStack(stack: string, options: RunOptions = {}): Promise<OfflineRun> {
    const key = JSON.stringify([stack, options]);
    let run = cache.get(key);
    if (!run) {
        const configOverrides = options.settings ? { "bastion-network:settings": JSON.stringify(withSettings(stack, options.settings)) } : undefined;
        run = runStackOffline({ stack, preview: options.preview ?? false, configOverrides });
        cache.set(key, run);
    }
    return run;
}

function withSettings(stack: string, changes: Record<string, unknown>): Record<string, unknown> {
    return { ...stackSettings(stack), ...changes };
}

/** The `bastion-network:settings` object of a committed Pulumi.<stack>.yaml. */
export function stackSettings(stack: string): Record<string, unknown> {
    return JSON.parse(readStackFiles(`${__dirname}/../..`, stack).config["bastion-network:settings"]) as Record<string, unknown>;
}

/** The committed dev stack's access block. */
export function devAccess(): { keyPair: { name: string; publicKey: string } } & Record<string, unknown> {
    return stackSettings("dev").access as { keyPair: { name: string; publicKey: string } } & Record<string, unknown>;
}

/** The region component runs place their fake ARNs in (the project's own). */
export const COMPONENT_REGION = "ap-northeast-2";

export interface ComponentRunOptions {
    preview?: boolean;
    /** Config besides `aws:region` (`namespace:key` -> string). */
    config?: Record<string, string>;
    /** Answers the program's invokes (e.g. `aws:ec2/getInstance:getInstance`); throw to fail one. */
    calls?: InvokeAnswer;
}

/**
 * Runs `program` as a stack of its own: it constructs components and returns the values to check, which
 * come back as the run's `outputs` in wire form once every registration has been answered.
 */
export function runComponents(program: ProgramRunOptions["program"], options: ComponentRunOptions = {}): Promise<ProgramRun> {
    return runProgramOffline({
        project: "bastion-network",
        stack: "components",
        preview: options.preview ?? false,
        config: { "aws:region": COMPONENT_REGION, ...options.config },
        program,
        calls: options.calls,
    });
}

/** Anything that recorded a snapshot: a stack run or a component run. */
type Recorded = { snapshot: StackSnapshot };

export function ofType(run: Recorded, type: string): ResourceSnapshot[] {
    return run.snapshot.resources.filter((r) => r.type === type);
}

/** The only resource of `type`; fails when there are none or several. */
export function one(run: Recorded, type: string): ResourceSnapshot {
    const found = ofType(run, type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    return found[0];
}

export function named(run: Recorded, name: string): ResourceSnapshot {
    const found = run.snapshot.resources.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name}; have ${run.snapshot.resources.map((r) => r.name).join(", ")}`);
    return found;
}

/** The resource a property of `r` was built from (its propertyDependencies), by name. */
export function dependencyName(run: Recorded, r: ResourceSnapshot, property: string): string | undefined {
    const urn = r.propertyDependencies[property]?.[0];
    return urn ? run.snapshot.resources.find((x) => x.urn === urn)?.name : undefined;
}

export function countByType(run: Recorded): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of run.snapshot.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    return counts;
}

export function tagsOf(r: ResourceSnapshot): Record<string, string> {
    return (r.inputs.tags ?? {}) as Record<string, string>;
}

/** Whether a wire value is marked secret. */
export function isSecretValue(value: unknown): value is { [SECRET_SIG_KEY]: typeof SECRET_SIG; value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** The plaintext of a wire value that must be a secret; fails when it is not one. */
export function secretValue(value: unknown): unknown {
    if (!isSecretValue(value)) throw new Error(`expected a secret, got ${JSON.stringify(value)}`);
    return value.value;
}
