/**
 * One twin run: plan from the snapshot, bring the network and the hosts up, run every check, and
 * always take everything down again.
 */
import { mkdtempSync } from "fs";
import { join } from "path";
import { bringUp } from "./bring-up";
import { CheckRow, row, skipped } from "./check-row";
import { hardeningFiles } from "./hardening";
import { egressChecks, INTERNET_SERVER_PORT } from "./egress-checks";
import { buildModel, modelChecks, modelPlan, ModelPlan } from "./model-checks";
import { NS_PREFIX, RUN_DIR_PARENT, RUN_DIR_PREFIX } from "./names";
import { NS } from "./network-plan";
import { sessionChecks } from "./session-check";
import { operatorSetup, parseSshConfig } from "./ssh-config";
import { sshChecks } from "./ssh-checks";
import { TwinSource } from "./source";
import { cleanupAll, must } from "./system";
import { expectationAttempts, portsFrom, Roles, tcpChecks } from "./tcp-checks";
import { buildTopology, Topology, TopologyError } from "./topology";
import { networkOf, operatorCidrsOf } from "../offline/snapshot-network";

export interface TwinResult {
    topology: Topology;
    rows: CheckRow[];
    notes: string[];
}

function rolesOf(t: Topology): Roles {
    const one = (role: string) => t.hosts.find((h) => h.role === role);
    return { web: one("web"), db: one("db"), bastion: one("bastion") };
}

/** The rsyslog rule's target file for facility local0, e.g. `/var/log/command.log`. */
function auditLogFile(content: string): string | undefined {
    return /^\s*local0\.\*\s+(\/\S+)/m.exec(content)?.[1];
}

export async function runTwin(source: TwinSource, progress: (line: string) => void): Promise<TwinResult> {
    const operatorCidrs = source.operatorCidrs ?? operatorCidrsOf(networkOf(source.snapshot));
    const topology = buildTopology(source.snapshot, operatorCidrs);
    const roles = rolesOf(topology);
    if (!roles.bastion) throw new TopologyError("the snapshot has no host tagged Role=bastion; the twin checks access through one");
    if (!source.sshConfig) throw new TopologyError("the snapshot has no sshConfig stack output; the twin uses the stack's own ssh config");
    const entries = parseSshConfig(source.sshConfig);
    const bastionEntry = entries.find((e) => e.hostName === roles.bastion?.publicIp && e.proxyJump === undefined && !e.alias.endsWith("-eic"));
    if (!bastionEntry || !bastionEntry.alias.endsWith("-bastion")) throw new TopologyError(`the ssh config has no plain entry for the bastion's address ${roles.bastion.publicIp ?? "(none)"}`);
    const prefix = bastionEntry.alias.slice(0, -"-bastion".length);
    const setup = operatorSetup(source.sshInstructions, entries, prefix);
    const behind = topology.hosts
        .filter((h) => h !== roles.bastion)
        .map((host) => ({ host, alias: entries.find((e) => e.hostName === host.privateIp && e.proxyJump && !e.alias.endsWith("-eic"))?.alias }));
    const inner = behind.filter((x): x is { host: typeof x.host; alias: string } => x.alias !== undefined);
    // a host the ssh config does not reach through the bastion is a gap in what the operator was given
    const unreached = behind
        .filter((x) => x.alias === undefined)
        .map((x) => row("ssh", `ssh config entry for ${x.host.label} (${x.host.privateIp}) through the bastion`, "present", "missing", false));
    const users = new Map(topology.hosts.map((h) => [h.ns, entries.find((e) => e.hostName === h.privateIp || e.hostName === h.publicIp)?.user ?? "ubuntu"]));
    // the user data as the model decoded it (`userData`, else `userDataBase64`, gzip too): the files the bastion would get
    const userData = roles.bastion ? networkOf(source.snapshot).launchSettings.find((s) => s.urn === roles.bastion!.urn)?.userData : undefined;
    const files = hardeningFiles(userData?.known ? userData.value : undefined);
    const logFile = [...(files.byDirectory.get("/etc/rsyslog.d") ?? [])].map((f) => auditLogFile(f.content)).find(Boolean);

    let model: ModelPlan | undefined;
    const notes = [...topology.notes];
    let modelError: string | undefined;
    try {
        model = modelPlan(buildModel(source.snapshot, operatorCidrs), topology);
    } catch (e) {
        modelError = e instanceof Error ? e.message : String(e);
    }
    const ports = new Map<string, number[]>(model?.ports ?? []);
    for (const a of expectationAttempts(topology, roles).attempts) {
        const host = topology.hosts.find((h) => h.privateIp === a.target.ip || h.publicIp === a.target.ip);
        if (host) ports.set(host.ns, [...new Set([...(ports.get(host.ns) ?? []), a.target.port])]);
    }
    for (const h of topology.hosts) ports.set(h.ns, [...new Set([...(ports.get(h.ns) ?? []), ...portsFrom(h, "0.0.0.0/0")])]);
    // a server on the internet side that tells each host which address it came from
    ports.set(NS.inet, [INTERNET_SERVER_PORT]);

    cleanupAll();
    const runDir = mkdtempSync(join(RUN_DIR_PARENT, RUN_DIR_PREFIX));
    progress(`bringing up ${topology.hosts.length} hosts, ${topology.subnets.length} subnets, ${topology.nats.length} NAT gateway(s) in namespaces ${NS_PREFIX}*`);
    try {
        const running = await bringUp({
            runDir,
            topology,
            sshConfig: source.sshConfig,
            setup,
            users,
            bastion: { ns: roles.bastion.ns, files },
            ports,
        });
        for (const ip of model?.extraSources ?? []) must(["ip", "-n", NS.inet, "addr", "add", `${ip}/32`, "dev", "lo"]);
        progress("checking");
        const [ssh, tcp, egress, modelRows] = await Promise.all([
            sshChecks(topology, running.operator, { prefix, bastion: roles.bastion, inner }),
            tcpChecks(topology, roles),
            egressChecks(topology),
            model ? modelChecks(model) : Promise.resolve([row("model", "every row of the reachability model", "rows to try", `the model could not be built: ${modelError}`, false)]),
        ]);
        const session = logFile
            ? await sessionChecks({ op: running.operator, alias: `${prefix}-bastion`, dir: running.hostDirs.get(roles.bastion.ns) as string, user: users.get(roles.bastion.ns) ?? "ubuntu", operatorIp: topology.operatorIp, logFile })
            : { rows: [skipped("hardening", "command log over a real login", "the bastion's user data has no rsyslog rule for local0")], loginErrors: [] };
        for (const e of session.loginErrors) notes.push(`the bastion's login shell printed: ${e}`);
        if (files.skipped.length > 0) notes.push(`bastion files not installed in the twin: ${files.skipped.join(", ")}`);
        return { topology, rows: [...unreached, ...ssh, ...tcp, ...egress, ...session.rows, ...modelRows], notes };
    } finally {
        cleanupAll();
    }
}
