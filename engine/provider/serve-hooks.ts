/**
 * Two things the Node.js provider server of @pulumi/pulumi 3.248.0 does not pass to a `Provider`: the
 * provider's configuration (its `configure` answers without reading the request) and the engine's address
 * for log messages. A real AWS provider needs its region and defaultTags, so this wraps the server's
 * `configure` handler as gRPC registers it, before `main` starts the server.
 */
import { dirname } from "node:path";
import type { Props } from "./wire";

/** The part of a ConfigureRequest read here (the generated protobuf class, untyped in the SDK). */
interface ConfigureRequest {
    getArgs(): { toJavaScript(): Props } | undefined;
    getVariablesMap(): { toObject(): [string, string][] };
}
type Handler = (call: { request: ConfigureRequest }, callback: unknown) => void;

/** Calls `onConfigure(args, variables)` whenever the engine configures this provider. */
export function hookConfigure(onConfigure: (args: Props, variables: Record<string, string>) => void): void {
    // The same @grpc/grpc-js instance the SDK serves with (resolved from @pulumi/pulumi's folder).
    const sdkDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] })) as {
        Server: { prototype: { addService(service: object, impl: Record<string, unknown>): void } };
    };
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (this: unknown, service: object, impl: Record<string, unknown>) {
        const configure = impl.configure as Handler | undefined;
        if (typeof configure === "function") {
            impl.configure = (call: { request: ConfigureRequest }, callback: unknown) => {
                const args = call.request.getArgs()?.toJavaScript() ?? {};
                const variables = Object.fromEntries(call.request.getVariablesMap().toObject());
                onConfigure(args, variables);
                return configure.call(impl, call, callback);
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
