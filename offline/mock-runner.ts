/**
 * Runs the stack program in this process under `pulumi.runtime.setMocks` (the real SDK, no CLI, no
 * cloud) and records every registration as the engine would see it: inputs as sent (unknowns as
 * Pulumi's sentinel during a preview), outputs as answered, parent, dependencies, property
 * dependencies and provider. Ids, ARNs and IPs are fakes derived from names (see fake-cloud.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { resolve } from "node:path";
import { FAKE_OPENSSH_PUBLIC_KEY, FAKE_PRIVATE_KEY, fakeArn, fakeId, fakePrivateIp, fakePublicIp } from "./fake-cloud";
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
    const projectDir = options.projectDir ?? PROJECT_DIR;
    const files = readStackFiles(projectDir, options.stack);
    Object.assign(files.config, options.configOverrides);
    const region = files.config["aws:region"] ?? "us-east-1";
    pulumi.runtime.setAllConfig(files.config, []);

    const subnetCidrs = new Map<string, string>();
    const fakeState = (type: string, name: string, inputs: Record<string, unknown>): pulumi.runtime.MockResourceResult => {
        if (options.preview) return { id: undefined, state: inputs };
        const id = fakeId(type, name);
        const state: Record<string, unknown> = { ...inputs, id, arn: fakeArn(type, region, id, inputs), tagsAll: inputs.tags };
        switch (type) {
            case "aws:ec2/subnet:Subnet":
                subnetCidrs.set(id, String(inputs.cidrBlock));
                break;
            case "aws:ec2/instance:Instance": {
                const cidr = subnetCidrs.get(String(inputs.subnetId));
                state.privateIp = inputs.privateIp ?? (cidr ? fakePrivateIp(cidr, name) : "10.0.0.10");
                state.privateDns = `ip-${String(state.privateIp).replace(/\./g, "-")}.${region}.compute.internal`;
                state.publicIp = "";
                break;
            }
            case "aws:ec2/eip:Eip":
                state.allocationId = id;
                state.publicIp = fakePublicIp(name);
                break;
            case "aws:ec2/keyPair:KeyPair":
                state.keyName = inputs.keyName ?? name;
                state.fingerprint = `SHA256:${fakeId("fingerprint", name).slice(-17)}`;
                break;
            case "tls:index/privateKey:PrivateKey":
                state.privateKeyOpenssh = FAKE_PRIVATE_KEY;
                state.privateKeyPem = FAKE_PRIVATE_KEY;
                state.publicKeyOpenssh = FAKE_OPENSSH_PUBLIC_KEY;
                break;
        }
        return { id, state };
    };

    await pulumi.runtime.setMocks({
        newResource: (args) => fakeState(args.type, args.name, args.inputs),
        call: (args) => (args.token === "aws:ec2/getAmi:getAmi" ? { id: "ami-0offlinepreview00", architecture: "x86_64", name: "ubuntu-jammy-22.04 (offline preview)" } : args.inputs),
    }, files.project, files.stack, options.preview);

    const recorded = recordRegistrations();
    const { loadSettings } = await import("../infra/config");
    const { buildStack } = await import("../infra/stack");
    let config: ValidatedSettings | undefined;
    // The real runtime runs the program inside the root Stack resource; so do we, to get the same URNs.
    await pulumi.runtime.runInPulumiStack(async () => {
        config = loadSettings();
        return buildStack(config);
    });
    await waitForRegistrations();

    const resources = recorded.finish(options.preview);
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    return {
        snapshot: { project: files.project, stack: files.stack, source: options.preview ? "offline-preview" : "offline-update", resources },
        outputs: root?.outputs ?? {},
        config: config as ValidatedSettings,
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

/** The SDK's own wait for outstanding RPCs (what `pulumi up` does before it exits); internal, hence untyped. */
function waitForRegistrations(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
    return settings.waitForRPCs();
}
