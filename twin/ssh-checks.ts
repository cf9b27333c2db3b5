/**
 * The operator's experience with the real ssh client and the stack's own ssh config: the three host
 * aliases work (web and db through ProxyJump by private IP), nothing else does, and the key file's
 * mode matters exactly as the instructions warn.
 */
import { CheckRow, lastLine, row } from "./check-row";
import { Operator, setKeyMode, sshArgv } from "./operator";
import { run } from "./system";
import { Topology, TwinHost } from "./topology";

const SSH_TIMEOUT_MS = 10000;

export interface SshTargets {
    prefix: string;
    bastion: TwinHost;
    /** Hosts reached through the bastion (web, db...), with their ssh config alias. */
    inner: { alias: string; host: TwinHost }[];
}

function said(stdout: string): string {
    // SSH_CONNECTION: client ip, client port, server ip, server port
    const [from, , to] = stdout.trim().split(/\s+/);
    return from && to ? `logged in; sshd saw ${from} -> ${to}` : "logged in";
}

async function login(op: Operator, alias: string, expectFrom: string, extra: string[] = []) {
    const r = await run(sshArgv(op, [...extra, alias, 'echo "$SSH_CONNECTION"']), SSH_TIMEOUT_MS);
    const from = r.stdout.trim().split(/\s+/)[0];
    const ok = r.code === 0 && from === expectFrom;
    const observed = r.code === 0 ? said(r.stdout) : `failed: ${lastLine(r.stderr) || (r.timedOut ? "timed out" : `exit ${r.code}`)}`;
    return { ok, observed };
}

async function refused(op: Operator, args: string[]) {
    const r = await run(sshArgv(op, [...args, "true"]), SSH_TIMEOUT_MS);
    return { ok: r.code !== 0, observed: r.code === 0 ? "logged in" : `refused: ${lastLine(r.stderr) || (r.timedOut ? "timed out" : `exit ${r.code}`)}` };
}

export async function sshChecks(t: Topology, op: Operator, s: SshTargets): Promise<CheckRow[]> {
    // the internet gateway translates only the destination: the bastion sees the operator's own address
    const bastionSeen = t.operatorIp;
    const logins = [
        login(op, `${s.prefix}-bastion`, bastionSeen).then((r) => row("ssh", `ssh ${s.prefix}-bastion (operator)`, "logged in", r.observed, r.ok)),
        ...s.inner.map(({ alias, host }) =>
            login(op, alias, s.bastion.privateIp).then((r) =>
                row("ssh", `ssh ${alias} (ProxyJump, private IP ${host.privateIp})`, `logged in from ${s.bastion.privateIp}`, r.observed, r.ok),
            ),
        ),
        ...s.inner.flatMap(({ alias, host }) => [
            refused(op, ["-o", "ProxyJump=none", alias]).then((r) => row("ssh", `ssh ${alias} directly (no jump, ${host.privateIp})`, "refused", r.observed, r.ok)),
            ...(host.publicIp
                ? [refused(op, ["-o", "ProxyJump=none", "-o", `HostName=${host.publicIp}`, alias]).then((r) => row("ssh", `ssh ${alias} directly at its public IP ${host.publicIp}`, "refused", r.observed, r.ok))]
                : []),
        ]),
        refused(op, ["-b", t.clientIp, `${s.prefix}-bastion`]).then((r) => row("ssh", `ssh ${s.prefix}-bastion from an unrelated client ${t.clientIp}`, "refused", r.observed, r.ok)),
    ];
    const rows = await Promise.all(logins);
    // the key mode changes what every ssh run sees, so these two run alone, last
    setKeyMode(op, 0o644);
    const open = await run(sshArgv(op, [`${s.prefix}-bastion`, "true"]), SSH_TIMEOUT_MS);
    const warned = open.stderr.includes("UNPROTECTED PRIVATE KEY FILE");
    rows.push(row("key", "key file at 0644", "refused: UNPROTECTED PRIVATE KEY FILE", open.code === 0 ? "logged in" : warned ? "refused: UNPROTECTED PRIVATE KEY FILE" : `refused otherwise: ${lastLine(open.stderr)}`, open.code !== 0 && warned));
    setKeyMode(op, op.keyMode);
    const fixed = await login(op, `${s.prefix}-bastion`, bastionSeen);
    rows.push(row("key", `key file at 0${op.keyMode.toString(8)} (as instructed)`, "logged in", fixed.observed, fixed.ok));
    return rows;
}
