/**
 * What the twin needs from the machine, checked before anything is made. Each missing piece is one
 * line naming the Debian/Ubuntu package that provides it.
 */
import { spawnSync } from "child_process";
import { existsSync } from "fs";

export interface Requirement {
    what: string;
    ok: () => boolean;
    fix: string;
}

const works = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore", timeout: 5000 }).status === 0;
const found = (paths: string[]) => paths.some((p) => existsSync(p));

export const REQUIREMENTS: Requirement[] = [
    { what: "root", ok: () => process.getuid?.() === 0, fix: "run it as root (sudo npm run twin), it creates network namespaces" },
    { what: "ip netns (iproute2)", ok: () => works("ip", ["netns", "list"]), fix: "apt-get install iproute2" },
    { what: "nft (nftables)", ok: () => works("nft", ["--version"]), fix: "apt-get install nftables" },
    { what: "sshd (OpenSSH server)", ok: () => found(["/usr/sbin/sshd"]), fix: "apt-get install openssh-server" },
    { what: "ssh and ssh-keygen (OpenSSH client)", ok: () => found(["/usr/bin/ssh"]) && found(["/usr/bin/ssh-keygen"]), fix: "apt-get install openssh-client" },
    { what: "rsyslogd (the bastion's command log)", ok: () => found(["/usr/sbin/rsyslogd"]), fix: "apt-get install rsyslog" },
    { what: "unshare, mount, logger (util-linux, bsdutils)", ok: () => found(["/usr/bin/unshare"]) && found(["/usr/bin/logger", "/bin/logger"]), fix: "apt-get install util-linux bsdutils" },
    { what: "sysctl (procps)", ok: () => found(["/usr/sbin/sysctl", "/sbin/sysctl"]), fix: "apt-get install procps" },
];

/** The first thing missing, as the one line the CLI prints; undefined when the twin can run. */
export function missingRequirement(reqs: Requirement[] = REQUIREMENTS): string | undefined {
    for (const r of reqs) if (!r.ok()) return `the twin needs ${r.what}: ${r.fix}`;
    return undefined;
}

const PROBE_NS = "bntw-probe";

/**
 * Root is not always enough (a container without CAP_SYS_ADMIN/CAP_NET_ADMIN): make one namespace
 * with an nftables table in it and remove it again. Undefined when that works.
 */
export function namespaceProblem(): string | undefined {
    spawnSync("ip", ["netns", "del", PROBE_NS], { stdio: "ignore" });
    const add = spawnSync("ip", ["netns", "add", PROBE_NS], { encoding: "utf8", timeout: 5000 });
    try {
        if (add.status !== 0) return `the twin cannot create network namespaces here (${(add.stderr || "").trim().split("\n")[0]}); run it on a machine or VM where root may (a container needs --privileged)`;
        const nft = spawnSync("ip", ["netns", "exec", PROBE_NS, "nft", "add", "table", "inet", "bntw_probe"], { encoding: "utf8", timeout: 5000 });
        if (nft.status !== 0) return `nftables does not work in a network namespace here (${(nft.stderr || "").trim().split("\n")[0]}); the kernel needs nf_tables`;
        return undefined;
    } finally {
        spawnSync("ip", ["netns", "del", PROBE_NS], { stdio: "ignore" });
    }
}
