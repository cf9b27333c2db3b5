/**
 * Runs a Pulumi program in this process under `pulumi.runtime.setMocks` (the real SDK, no CLI, no
 * cloud) and records every registration as the engine would see it: inputs as sent (unknowns as
 * Pulumi's sentinel during a preview), outputs as answered, parent, dependencies, property
 * dependencies and provider. Ids, ARNs and IPs are fakes derived from names (see fake-cloud.ts).
 * `runStackOffline` runs this project's stack; tests run components through `runProgramOffline`.
 */
import * as pulumi from "@pulumi/pulumi";
import { resolve } from "node:path";
import { createFakeCloud, InvokeAnswer } from "./fake-cloud";
import { nameFromUrn, ResourceSnapshot, StackSnapshot, UNKNOWN } from "./snapshot";
import { readStackFiles } from "./stack-files";
import type { ValidatedSettings } from "../infra/config";

export interface OfflineRunOptions {
    stack: string;
    /** Leave computed values unknown, as `pulumi preview` does. */
    preview: boolean;
    projectDir?: string;
    /** Config values that replace the stack file's (`namespace:key` -> string, objects as JSON). */
    configOverrides?: Record<string, string>;
}

export interface OfflineRun {
    snapshot: StackSnapshot;
    /** Stack outputs in wire form (unknown ones are `UNKNOWN`). */
    outputs: Record<string, unknown>;
    config: ValidatedSettings;
}

export interface ProgramRunOptions {
    project: string;
    stack: string;
    /** Leave computed values unknown, as `pulumi preview` does. */
    preview: boolean;
    /** The whole config (`namespace:key` -> string, objects as JSON); `aws:region` also places fake ARNs. */
    config: Record<string, string>;
    /** Runs inside the root Stack resource; what it returns becomes the stack's outputs. */
    program: () => Promise<Record<string, unknown>> | Record<string, unknown>;
    /** Answers invokes first; `undefined` falls through to the fake cloud, then to echoing the inputs. */
    calls?: InvokeAnswer;
}

export interface ProgramRun {
    snapshot: StackSnapshot;
    /** The program's outputs in wire form (unknown ones are `UNKNOWN`, secrets signed). */
    outputs: Record<string, unknown>;
}

const PROJECT_DIR = resolve(__dirname, "..");

/** Minimal shape of the SDK's protobuf messages that we read. */
interface Struct { toJavaScript(): Record<string, unknown> }
interface RegisterRequest {
    getType(): string; getName(): string; getParent(): string; getCustom(): boolean; getProvider(): string;
    getObject(): Struct | undefined; getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void };
}
interface RegisterResponse { getUrn(): string; getId(): string; getObject(): Struct | undefined }
type Callback<T> = (err: Error | null, resp?: T) => void;

export async function runStackOffline(options: OfflineRunOptions): Promise<OfflineRun> {
    const files = readStackFiles(options.projectDir ?? PROJECT_DIR, options.stack);
    let config: ValidatedSettings | undefined;
    const run = await runProgramOffline({
        project: files.project,
        stack: files.stack,
        preview: options.preview,
        config: { ...files.config, ...options.configOverrides },
        // Loaded only once the mocks are in place, as the real runtime loads the program after its setup.
        program: async () => {
            const { loadSettings } = await import("../infra/config");
            const { buildStack } = await import("../infra/stack");
            config = loadSettings();
            return buildStack(config);
        },
    });
    return { ...run, config: config as ValidatedSettings };
}

// The SDK's runtime state (mocks, config, monitor) is global: runs take turns instead of interleaving.
let previousRun: Promise<unknown> = Promise.resolve();

export function runProgramOffline(options: ProgramRunOptions): Promise<ProgramRun> {
    const run = previousRun.catch(() => undefined).then(() => runProgramAlone(options));
    previousRun = run;
    return run;
}

async function runProgramAlone(options: ProgramRunOptions): Promise<ProgramRun> {
    const cloud = createFakeCloud(options.config["aws:region"] ?? "us-east-1", options.preview);
    pulumi.runtime.setAllConfig(options.config, []);
    await pulumi.runtime.setMocks({
        newResource: (args) => cloud.newResource(args.type, args.name, args.inputs),
        call: (args) => options.calls?.(args.token, args.inputs) ?? cloud.call(args.token, args.inputs) ?? args.inputs,
    }, options.project, options.stack, options.preview);

    const recorded = recordRegistrations();
    await failOnUnhandledError(async () => {
        // The real runtime runs the program inside the root Stack resource; so do we, to get the same URNs.
        await pulumi.runtime.runInPulumiStack(async () => options.program());
        await waitForRegistrations();
    });

    const resources = recorded.finish(options.preview);
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    return {
        snapshot: { project: options.project, stack: options.stack, source: options.preview ? "offline-preview" : "offline-update", resources },
        outputs: root?.outputs ?? {},
    };
}

/** Wraps the mock monitor so every RegisterResource request and response is kept. */
function recordRegistrations() {
    // The monitor is the SDK's MockMonitor; its methods are called with protobuf messages (untyped here).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const monitor = (pulumi.runtime as any).getMonitor();
    // The SDK's mock names children after their parent's last type only, and prefixes the stack's
    // children with the Stack type; the engine qualifies by the whole parent chain and omits the root.
    monitor.newUrn = (parent: string, type: string, name: string) => {
        const qualified = parent ? parent.split("::")[2] : "";
        const t = qualified && qualified !== "pulumi:pulumi:Stack" ? `${qualified}$${type}` : type;
        return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${t}::${name}`;
    };
    const byUrn = new Map<string, ResourceSnapshot>();
    const order: string[] = [];
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterRequest, cb: Callback<RegisterResponse>) =>
        register(req, (err: Error | null, resp?: RegisterResponse) => {
            if (!err && resp) {
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((deps, key) => {
                    if (deps.getUrnsList().length) propertyDependencies[key] = deps.getUrnsList();
                });
                const urn = resp.getUrn();
                const snap: ResourceSnapshot = {
                    urn,
                    type: req.getType(),
                    name: nameFromUrn(urn),
                    custom: req.getCustom(),
                    inputs: req.getObject()?.toJavaScript() ?? {},
                    outputs: resp.getObject()?.toJavaScript() ?? {},
                    dependencies: [...new Set(req.getDependenciesList())],
                    propertyDependencies,
                };
                if (req.getCustom()) snap.id = resp.getId() || UNKNOWN;
                if (req.getParent()) snap.parent = req.getParent();
                if (req.getProvider()) snap.provider = req.getProvider();
                byUrn.set(urn, snap);
                order.push(urn);
            }
            cb(err, resp);
        });
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: { getUrn(): string; getOutputs(): Struct | undefined }, cb: Callback<unknown>) => {
        const snap = byUrn.get(req.getUrn());
        if (snap) snap.outputs = req.getOutputs()?.toJavaScript() ?? {};
        return registerOutputs(req, cb);
    };
    return {
        finish(preview: boolean): ResourceSnapshot[] {
            const list = order.map((u) => byUrn.get(u) as ResourceSnapshot);
            // Custom resources' outputs in a preview are their inputs plus unknown computed values,
            // which the SDK leaves out of the response: the id is the one every policy may read.
            if (preview) for (const r of list) if (r.custom) r.outputs = { ...r.inputs, ...r.outputs, id: UNKNOWN };
            return list;
        },
    };
}

/**
 * The real language host fails the update on an error nobody handled (one thrown inside an `apply`, say);
 * under mocks the run would instead wait forever for a registration that never comes.
 */
async function failOnUnhandledError(run: () => Promise<void>): Promise<void> {
    let fail: (reason: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => { fail = reject; });
    process.on("unhandledRejection", fail);
    try {
        await Promise.race([run(), failed]);
    } finally {
        process.off("unhandledRejection", fail);
    }
}

/** The SDK's own wait for outstanding RPCs (what `pulumi up` does before it exits); internal, hence untyped. */
function waitForRegistrations(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
    return settings.waitForRPCs();
}
