/**
 * The one shared helper for tests that run the stack program under mocks: runs a stack through the
 * offline mock runner (cached per stack, mode and overrides) and answers questions about what it registered.
 */
import { OfflineRun, runStackOffline } from "../../offline/mock-runner";
import { ResourceSnapshot } from "../../offline/snapshot";

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
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readStackFiles } = require("../../offline/stack-files") as typeof import("../../offline/stack-files");
    const base = JSON.parse(readStackFiles(`${__dirname}/../..`, stack).config["bastion-network:settings"]);
    return { ...base, ...changes };
}

export function ofType(run: OfflineRun, type: string): ResourceSnapshot[] {
    return run.snapshot.resources.filter((r) => r.type === type);
}

export function named(run: OfflineRun, name: string): ResourceSnapshot {
    const found = run.snapshot.resources.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name}; have ${run.snapshot.resources.map((r) => r.name).join(", ")}`);
    return found;
}

/** The resource a property of `r` was built from (its propertyDependencies), by name. */
export function dependencyName(run: OfflineRun, r: ResourceSnapshot, property: string): string | undefined {
    const urn = r.propertyDependencies[property]?.[0];
    return urn ? run.snapshot.resources.find((x) => x.urn === urn)?.name : undefined;
}

export function countByType(run: OfflineRun): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of run.snapshot.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    return counts;
}

export function tagsOf(r: ResourceSnapshot): Record<string, string> {
    return (r.inputs.tags ?? {}) as Record<string, string>;
}
