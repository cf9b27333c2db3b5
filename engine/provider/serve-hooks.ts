/**
 * What the Node.js provider server of @pulumi/pulumi 3.248.0 does not pass to a `Provider`, added around its
 * gRPC handlers as they are registered (before `main` starts the server):
 * - Configure: the server answers without reading the request; a real AWS provider needs its region and
 *   defaultTags, and refuses an account its allowed/forbidden lists rule out.
 * - Previews: the server neither declares preview support nor tells `create`/`update` that the call is a
 *   preview. Without preview support the engine previews an update with the new inputs as the outputs, so
 *   computed values such as an ARN turn unknown and dependents show spurious replacements; a real pulumi-aws
 *   keeps them. So the hook declares support and answers preview Create/Update itself, calling nothing.
 */
import { dirname } from "node:path";
import type { Props } from "./wire";

/** The parts of the generated protobuf messages read here (the SDK ships them untyped). */
interface Struct { toJavaScript(): Props }
interface ConfigureRequest { getArgs(): Struct | undefined; getVariablesMap(): { toObject(): [string, string][] } }
interface CreateRequest { getPreview(): boolean; getUrn(): string; getProperties(): Struct | undefined }
interface UpdateRequest { getPreview(): boolean; getUrn(): string; getId(): string; getOlds(): Struct | undefined; getNews(): Struct | undefined }
type Callback = (err: unknown, resp?: unknown) => void;
type Handler<R> = (call: { request: R }, callback: Callback) => unknown;

export interface ServerHooks {
    /** Takes the provider's settings; a message refuses them (the engine then stops, showing it). */
    onConfigure(args: Props, variables: Record<string, string>): string | undefined;
    /** The outputs a preview shows for a resource about to be created. */
    previewCreate(urn: string, inputs: Props): Props;
    /** The outputs a preview shows for a resource about to be updated. */
    previewUpdate(id: string, urn: string, olds: Props, news: Props): Props;
}

export function hookServer(hooks: ServerHooks): void {
    // The same @grpc/grpc-js and protobuf modules the SDK serves with (resolved from @pulumi/pulumi's folder).
    const sdkDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
    /* eslint-disable @typescript-eslint/no-require-imports */
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] })) as {
        Server: { prototype: { addService(service: object, impl: Record<string, unknown>): void } };
    };
    const proto = require("@pulumi/pulumi/proto/provider_pb") as {
        CreateResponse: new () => { setId(id: string): void; setProperties(s: unknown): void };
        UpdateResponse: new () => { setProperties(s: unknown): void };
    };
    const struct = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [sdkDir] })) as { Struct: { fromJavaScript(v: Props): unknown } };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (this: unknown, service: object, impl: Record<string, unknown>) {
        if (typeof impl.configure === "function" && typeof impl.create === "function" && typeof impl.update === "function") {
            const configure = impl.configure as Handler<ConfigureRequest>;
            const create = impl.create as Handler<CreateRequest>;
            const update = impl.update as Handler<UpdateRequest>;
            impl.configure = (call: { request: ConfigureRequest }, callback: Callback) => {
                const refusal = hooks.onConfigure(call.request.getArgs()?.toJavaScript() ?? {}, Object.fromEntries(call.request.getVariablesMap().toObject()));
                if (refusal) {
                    callback(new Error(refusal));
                    return undefined;
                }
                return configure.call(impl, call, (err, resp) => {
                    (resp as { setSupportspreview?(v: boolean): void } | undefined)?.setSupportspreview?.(true);
                    callback(err, resp);
                });
            };
            impl.create = (call: { request: CreateRequest }, callback: Callback) => {
                if (!call.request.getPreview()) return create.call(impl, call, callback);
                const resp = new proto.CreateResponse();
                resp.setId("");
                resp.setProperties(struct.Struct.fromJavaScript(hooks.previewCreate(call.request.getUrn(), call.request.getProperties()?.toJavaScript() ?? {})));
                callback(null, resp);
                return undefined;
            };
            impl.update = (call: { request: UpdateRequest }, callback: Callback) => {
                if (!call.request.getPreview()) return update.call(impl, call, callback);
                const r = call.request;
                const resp = new proto.UpdateResponse();
                resp.setProperties(struct.Struct.fromJavaScript(hooks.previewUpdate(r.getId(), r.getUrn(), r.getOlds()?.toJavaScript() ?? {}, r.getNews()?.toJavaScript() ?? {})));
                callback(null, resp);
                return undefined;
            };
        }
        return addService.call(this, service, impl);
    };
}

/** The engine's address: the first argument that is not a flag (as the SDK's own parser reads it). */
export function engineAddress(args: string[]): string | undefined {
    for (let i = 0; i < args.length; i++) {
        if (args[i] === "--tracing") { i++; continue; }
        if (args[i].startsWith("-")) continue;
        return args[i];
    }
    return undefined;
}
