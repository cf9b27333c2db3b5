/**
 * The operator's machine inside the twin: a home of its own (bound over root's home in a private
 * mount namespace, because ssh expands `~` from the password database, not from $HOME), holding the
 * files the instructions tell a person to create, and the real `ssh` client run from the internet
 * namespace.
 */
import { chmodSync, mkdirSync, writeFileSync } from "fs";
import { userInfo } from "os";
import { dirname, join } from "path";
import { NS } from "./network-plan";
import { expandHome, OperatorSetup } from "./ssh-config";
import { must } from "./system";

export interface Operator {
    home: string;
    /** The home ssh thinks it has (root's, from the password database). */
    realHome: string;
    keyPath: string;
    keyMode: number;
}

/**
 * Writes `~/.ssh/config` (the Include line first), the stack's ssh config verbatim where the
 * instructions save it, a fresh key where the ssh config looks for it (chmod as instructed) and
 * known_hosts with the twin's host keys (what checking the fingerprint at first connection gives).
 */
export function prepareOperator(runDir: string, setup: OperatorSetup, sshConfig: string, knownHosts: string): Operator {
    const home = join(runDir, "operator-home");
    const realHome = userInfo().homedir;
    mkdirSync(join(home, ".ssh"), { recursive: true, mode: 0o700 });
    const configPath = expandHome(setup.configPath, home);
    mkdirSync(dirname(configPath), { recursive: true, mode: 0o700 });
    writeFileSync(configPath, sshConfig, { mode: 0o644 });
    writeFileSync(join(home, ".ssh/config"), `${setup.includeLine}\n`, { mode: 0o644 });
    writeFileSync(join(home, ".ssh/known_hosts"), knownHosts, { mode: 0o644 });
    const keyPath = expandHome(setup.keyPath, home);
    mkdirSync(dirname(keyPath), { recursive: true, mode: 0o700 });
    must(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bastion-network-twin operator (throwaway)", "-f", keyPath]);
    chmodSync(keyPath, setup.keyMode);
    return { home, realHome, keyPath, keyMode: setup.keyMode };
}

/** The public half of the operator's key: what AWS's key pair would put in authorized_keys. */
export function publicKeyOf(op: Operator): string {
    return must(["ssh-keygen", "-y", "-f", op.keyPath]);
}

/** `ssh <args>` as the operator, from the internet namespace, with the operator's home in place. */
export function sshArgv(op: Operator, args: string[]): string[] {
    return [
        "ip", "netns", "exec", NS.inet,
        "unshare", "--mount", "--propagation", "private",
        "sh", "-c", 'mount --bind "$0" "$1" && shift && exec "$@"', op.home, op.realHome,
        "ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=3", ...args,
    ];
}

export function setKeyMode(op: Operator, mode: number): void {
    chmodSync(op.keyPath, mode);
}

/** Host key pair for one twin host; the public line goes to the operator's known_hosts. */
export function hostKey(path: string): string {
    must(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bastion-network-twin host (throwaway)", "-f", path]);
    return must(["ssh-keygen", "-y", "-f", path]).trim();
}
