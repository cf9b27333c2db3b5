/**
 * Brings a topology up: the network (namespaces, links, tables, rulesets), then an sshd per host and
 * TCP listeners on the ports the checks will try. Returns once every sshd accepts connections.
 */
import { spawn } from "child_process";
import { mkdirSync, readFileSync } from "fs";
import { join } from "path";
import { HardeningFiles } from "./hardening";
import { freeUid, prepareHost } from "./host-setup";
import { networkPlan } from "./network-plan";
import { hostKey, Operator, prepareOperator, publicKeyOf } from "./operator";
import { probe, startListeners } from "./probe";
import { OperatorSetup } from "./ssh-config";
import { must, StepError } from "./system";
import { Topology, TwinHost } from "./topology";

export interface BringUpOptions {
    runDir: string;
    topology: Topology;
    sshConfig: string;
    setup: OperatorSetup;
    /** The login user of each host (the ssh config's `User`), by namespace. */
    users: Map<string, string>;
    /** The rendered hardening, for the bastion's namespace. */
    bastion?: { ns: string; files: HardeningFiles };
    /** TCP ports to listen on, by namespace (22 is sshd's). */
    ports: Map<string, number[]>;
}

export interface Running {
    operator: Operator;
    hostDirs: Map<string, string>;
}

function startSshd(ns: string, script: string): void {
    const child = spawn("ip", ["netns", "exec", ns, "unshare", "--mount", "--propagation", "private", "/bin/sh", script], { stdio: "ignore", detached: true });
    child.unref();
}

async function waitForSshd(h: TwinHost, dir: string): Promise<void> {
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline) {
        const [outcome] = await probe(h.ns, [{ ip: h.privateIp, port: 22 }], 500);
        if (outcome === "open") return;
        await new Promise((r) => setTimeout(r, 150));
    }
    let log = "";
    try {
        log = readFileSync(join(dir, "sshd.log"), "utf8").trim().split("\n").pop() ?? "";
    } catch {
        // no log yet
    }
    throw new StepError(`sshd in ${h.ns} (${h.label}) did not start within 10 s${log ? `: ${log}` : ""}`);
}

export async function bringUp(o: BringUpOptions): Promise<Running> {
    for (const step of networkPlan(o.topology)) must(step.argv, step.stdin);
    const hostDirs = new Map<string, string>();
    const known: string[] = [];
    for (const h of o.topology.hosts) {
        const dir = join(o.runDir, "hosts", h.ns);
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        hostDirs.set(h.ns, dir);
        const key = hostKey(join(dir, "ssh_host_ed25519_key"));
        known.push(`${[h.privateIp, h.publicIp].filter(Boolean).join(",")} ${key}`);
    }
    const operator = prepareOperator(o.runDir, o.setup, o.sshConfig, known.join("\n") + "\n");
    const authorizedKey = publicKeyOf(operator);
    const passwd = readFileSync("/etc/passwd", "utf8");
    for (const h of o.topology.hosts) {
        const dir = hostDirs.get(h.ns) as string;
        const user = o.users.get(h.ns) ?? "ubuntu";
        const script = prepareHost({
            ns: h.ns,
            dir,
            user,
            uid: freeUid(passwd, user),
            hostKey: join(dir, "ssh_host_ed25519_key"),
            authorizedKey,
            hardening: o.bastion?.ns === h.ns ? o.bastion.files : undefined,
        });
        startSshd(h.ns, script);
    }
    await Promise.all([...o.ports].map(([ns, ports]) => startListeners(ns, ports.filter((p) => p !== 22))));
    await Promise.all(o.topology.hosts.map((h) => waitForSshd(h, hostDirs.get(h.ns) as string)));
    return { operator, hostDirs };
}
