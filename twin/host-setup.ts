/**
 * One host's sshd, as the cloud would run it but inside the twin: its own config file, host key,
 * PidFile and log in the run directory, started in the host's network namespace and in a private
 * mount namespace (`unshare --mount`) where bind mounts give it the login user, a home, and — on the
 * bastion — the rendered profile scripts, rsyslog rule and a private /dev for rsyslog's socket.
 * Nothing of the machine's own files changes.
 */
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { HardeningFiles } from "./hardening";

export interface HostSetup {
    ns: string;
    dir: string;
    user: string;
    uid: number;
    hostKey: string;
    authorizedKey: string;
    /** Only the bastion gets the rendered hardening. */
    hardening?: HardeningFiles;
}

/** A uid not used by the machine's accounts, for the login user that exists only in the twin. */
export function freeUid(passwd: string, user: string): number {
    const used = new Set(passwd.split("\n").filter((l) => !l.startsWith(`${user}:`)).map((l) => Number(l.split(":")[2])));
    let uid = 1000;
    while (used.has(uid)) uid++;
    return uid;
}

function withUser(file: string, user: string, line: string): string {
    const kept = readFileSync(file, "utf8").split("\n").filter((l) => l !== "" && !l.startsWith(`${user}:`));
    return [...kept, line, ""].join("\n");
}

function write(path: string, content: string, mode = 0o644): void {
    writeFileSync(path, content, { mode });
    chmodSync(path, mode);
}

function copyDir(from: string, to: string): void {
    mkdirSync(to, { recursive: true });
    if (!existsSync(from)) return;
    for (const name of readdirSync(from)) if (!name.startsWith(".")) copyFileSync(join(from, name), join(to, name));
}

/** Writes the host's directory and returns the script that the start command runs. */
export function prepareHost(h: HostSetup): string {
    const d = h.dir;
    for (const sub of ["etc", "home", "log", "rsyslog"]) mkdirSync(join(d, sub), { recursive: true });
    write(join(d, "etc/passwd"), withUser("/etc/passwd", h.user, `${h.user}:x:${h.uid}:${h.uid}:twin login user:/home/${h.user}:/bin/bash`));
    write(join(d, "etc/group"), withUser("/etc/group", h.user, `${h.user}:x:${h.uid}:`));
    // "*": no password, not locked, so sshd admits the key (UsePAM is off)
    write(join(d, "etc/shadow"), withUser("/etc/shadow", h.user, `${h.user}:*:19000:0:99999:7:::`), 0o640);
    const home = join(d, "home", h.user);
    mkdirSync(join(home, ".ssh"), { recursive: true, mode: 0o700 });
    const skel = existsSync("/etc/skel/.bashrc") ? readFileSync("/etc/skel/.bashrc", "utf8") : "";
    write(join(home, ".bashrc"), skel + (h.hardening?.skelBashrc ?? ""));
    if (existsSync("/etc/skel/.profile")) write(join(home, ".profile"), readFileSync("/etc/skel/.profile", "utf8"));
    write(join(home, ".ssh/authorized_keys"), h.authorizedKey, 0o600);
    for (const p of [home, join(home, ".ssh"), join(home, ".ssh/authorized_keys"), join(home, ".bashrc"), join(home, ".profile")]) {
        if (existsSync(p)) chownSync(p, h.uid, h.uid);
    }
    chmodSync(home, 0o750);
    chmodSync(join(home, ".ssh"), 0o700);
    mkdirSync(join(d, "sshd_config.d"), { recursive: true });
    for (const f of h.hardening?.sshd ?? []) write(join(d, "sshd_config.d", f.path.split("/").pop() as string), f.content);
    write(join(d, "sshd_config"), sshdConfig(d, h.user));
    const lines = [
        "#!/bin/sh",
        "# bastion-network twin: runs in the host's network namespace and its own mount namespace",
        "set -e",
        `D='${d}'`,
        'mount --bind "$D/etc/passwd" /etc/passwd',
        'mount --bind "$D/etc/group" /etc/group',
        'mount --bind "$D/etc/shadow" /etc/shadow',
        'mount --bind "$D/home" /home',
        'mount --bind "$D/log" /var/log',
        "mount -t tmpfs -o mode=0755,size=1m bntw-run /run",
        "mkdir -m 0755 /run/sshd",
    ];
    if (h.hardening) lines.push(...bastionMounts(d, h.hardening));
    lines.push('exec /usr/sbin/sshd -D -e -f "$D/sshd_config" 2>>"$D/sshd.log"', "");
    write(join(d, "start.sh"), lines.join("\n"), 0o700);
    return join(d, "start.sh");
}

function sshdConfig(d: string, user: string): string {
    return [
        "# bastion-network twin: this sshd's own config; the machine's sshd and its files are untouched",
        `Include ${d}/sshd_config.d/*.conf`,
        "ListenAddress 0.0.0.0:22",
        `HostKey ${d}/ssh_host_ed25519_key`,
        `PidFile ${d}/sshd.pid`,
        "AuthorizedKeysFile .ssh/authorized_keys",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin no",
        "UsePAM no",
        "StrictModes yes",
        "UseDNS no",
        "PrintMotd no",
        "PrintLastLog no",
        "AllowTcpForwarding yes",
        `AllowUsers ${user}`,
        "LogLevel ERROR",
        "",
    ].join("\n");
}

/** The bastion's rendered files in private copies, and rsyslogd with a /dev of its own for /dev/log. */
function bastionMounts(d: string, hf: HardeningFiles): string[] {
    const lines: string[] = [];
    for (const [dir, files] of hf.byDirectory) {
        const copy = join(d, "bind", dir.replace(/\//g, "_"));
        // profile.d keeps the machine's own scripts beside ours, as on a real host; rsyslog.d holds only ours
        if (dir === "/etc/profile.d") copyDir(dir, copy);
        else mkdirSync(copy, { recursive: true });
        for (const f of files) {
            const target = join(copy, f.path.split("/").pop() as string);
            write(target, (f.append && existsSync(target) ? readFileSync(target, "utf8") : "") + f.content);
        }
        lines.push(`mount --bind '${copy}' '${dir}'`);
    }
    for (const f of hf.appends) {
        const copy = join(d, "bind", f.path.replace(/\//g, "_"));
        mkdirSync(join(d, "bind"), { recursive: true });
        write(copy, (f.append && existsSync(f.path) ? readFileSync(f.path, "utf8") : "") + f.content);
        lines.push(`mount --bind '${copy}' '${f.path}'`);
    }
    write(
        join(d, "rsyslog.conf"),
        [`global(workDirectory="${d}/rsyslog")`, 'module(load="imuxsock")', "$IncludeConfig /etc/rsyslog.d/*.conf", ""].join("\n"),
    );
    lines.push(
        // a private /dev: rsyslogd creates /dev/log, which must not appear in the machine's /dev
        'mkdir "$D/olddev"',
        'mount --rbind /dev "$D/olddev"',
        "mount -t tmpfs -o mode=0755,size=1m bntw-dev /dev",
        'for n in null zero full random urandom tty; do touch "/dev/$n"; mount --bind "$D/olddev/$n" "/dev/$n"; done',
        'umount -l "$D/olddev"',
        // ptys from a devpts instance of its own: a bound /dev/ptmx cannot find the machine's /dev/pts
        "mkdir /dev/pts && mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 bntw-devpts /dev/pts && ln -s pts/ptmx /dev/ptmx",
        '/usr/sbin/rsyslogd -n -f "$D/rsyslog.conf" -i "$D/rsyslogd.pid" >>"$D/rsyslogd.log" 2>&1 &',
        'i=0; while [ ! -S /dev/log ] && [ "$i" -lt 60 ]; do sleep 0.05; i=$((i+1)); done',
    );
    return lines;
}
