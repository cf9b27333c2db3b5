/**
 * Log lines from the plugin, through the engine's Log RPC when the engine gave its address (they then show
 * in `pulumi up` under the resource, like a real provider's), else on stderr, which the engine also keeps.
 */
import type { StandInLogger } from "./stand-in";

type Severity = "debug" | "info" | "warn";

/** The generated engine client and messages; the SDK ships them untyped, hence the narrow shapes. */
interface LogRequest { setSeverity(s: number): void; setMessage(m: string): void; setUrn(u: string): void }
interface EngineClient { log(req: LogRequest, cb: (err: Error | null) => void): void }

export function engineLogger(address: string | undefined): StandInLogger {
    let client: EngineClient | undefined;
    let messages: { LogRequest: new () => LogRequest; LogSeverity: Record<string, number> } | undefined;
    if (address) {
        /* eslint-disable @typescript-eslint/no-require-imports */
        const grpc = require("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
        const services = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineClient: new (addr: string, creds: unknown) => EngineClient };
        messages = require("@pulumi/pulumi/proto/engine_pb");
        /* eslint-enable @typescript-eslint/no-require-imports */
        client = new services.EngineClient(address, grpc.credentials.createInsecure());
    }
    const send = (severity: Severity, message: string, urn?: string) => {
        if (!client || !messages) {
            process.stderr.write(`${severity}: ${message}${urn ? ` (${urn})` : ""}\n`);
            return;
        }
        const req = new messages.LogRequest();
        req.setSeverity(messages.LogSeverity[severity === "warn" ? "WARNING" : severity.toUpperCase()]);
        req.setMessage(message);
        if (urn) req.setUrn(urn);
        // A lost log line must not fail the operation it describes.
        client.log(req, () => undefined);
    };
    return {
        info: (m, u) => send("info", m, u),
        debug: (m, u) => send("debug", m, u),
        warn: (m, u) => send("warn", m, u),
    };
}
