/**
 * Real TCP: listeners on the hosts' ports and connection attempts from any namespace, each with a
 * short timeout, all attempts of one source in one Node process (the run stays well under a minute).
 */
import { spawn } from "child_process";
import { run, StepError } from "./system";

const LISTENER = `
const net = require("net");
const ports = JSON.parse(process.argv[1]);
let ready = 0;
for (const port of ports) {
    const server = net.createServer((c) => { c.on("error", () => {}); c.end("bastion-network twin " + port + " from " + c.remoteAddress + "\\n"); });
    server.listen(port, "0.0.0.0", () => { if (++ready === ports.length) process.stdout.write("ready\\n"); });
}
`;

const PROBE = `
const net = require("net");
const { timeoutMs, targets } = JSON.parse(process.argv[1]);
const attempt = (t) => new Promise((resolve) => {
    const s = net.connect({ host: t.ip, port: t.port, localAddress: t.source || undefined });
    let done = false;
    const finish = (r) => { if (!done) { done = true; clearTimeout(timer); s.destroy(); resolve(r); } };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    s.on("connect", () => { if (!t.read) finish("open"); });
    s.on("data", (d) => finish("open " + d.toString().trim()));
    s.on("error", (e) => finish(e.code === "ECONNREFUSED" ? "refused" : (e.code || "error")));
});
Promise.all(targets.map(attempt)).then((r) => process.stdout.write(JSON.stringify(r)));
`;

export interface ProbeTarget {
    ip: string;
    port: number;
    /** Source address to bind (the internet namespace holds the operator and the unrelated client). */
    source?: string;
    /** Wait for the listener's greeting, which names the address the connection came from. */
    read?: boolean;
}

/** `open`: the handshake completed; `timeout`: dropped; `refused`, `EHOSTUNREACH`, `ENETUNREACH`...: turned away. */
export type ProbeOutcome = string;

export const CONNECT_TIMEOUT_MS = 1500;

/** Starts a listener on `ports` in `ns` and resolves once all accept connections. */
export function startListeners(ns: string, ports: number[]): Promise<void> {
    if (ports.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
        const child = spawn("ip", ["netns", "exec", ns, process.execPath, "-e", LISTENER, JSON.stringify(ports)], { stdio: ["ignore", "pipe", "pipe"], detached: true });
        child.unref();
        let err = "";
        const timer = setTimeout(() => reject(new StepError(`listeners on ${ns} ports ${ports.join(",")} did not start within 10 s`)), 10000);
        child.stdout.on("data", (d: Buffer) => {
            if (d.toString().includes("ready")) {
                clearTimeout(timer);
                child.stdout.destroy();
                child.stderr.destroy();
                resolve();
            }
        });
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new StepError(`listeners on ${ns} exited (${code}): ${err.trim().split("\n")[0]}`));
        });
    });
}

/** Connects from `ns` to every target at once; one outcome per target, in order. */
export async function probe(ns: string, targets: ProbeTarget[], timeoutMs = CONNECT_TIMEOUT_MS): Promise<ProbeOutcome[]> {
    if (targets.length === 0) return [];
    const r = await run(["ip", "netns", "exec", ns, process.execPath, "-e", PROBE, JSON.stringify({ timeoutMs, targets })], timeoutMs + 8000);
    try {
        const parsed = JSON.parse(r.stdout) as ProbeOutcome[];
        if (Array.isArray(parsed) && parsed.length === targets.length) return parsed;
    } catch {
        // fall through
    }
    return targets.map(() => `probe failed: ${(r.stderr || "no output").trim().split("\n")[0]}`);
}
