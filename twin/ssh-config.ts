/**
 * Reading what the stack tells the operator — the generated ssh_config and the written instructions —
 * so the twin follows them as a person would: the same host aliases, key path, chmod and Include line.
 */
export interface SshHostEntry {
    alias: string;
    hostName?: string;
    user?: string;
    identityFile?: string;
    proxyJump?: string;
}

/** `Host` blocks of an ssh_config, keywords case-insensitive as ssh reads them. */
export function parseSshConfig(text: string): SshHostEntry[] {
    const entries: SshHostEntry[] = [];
    let current: SshHostEntry | undefined;
    for (const raw of text.split("\n")) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#")) continue;
        const m = /^(\S+)\s*(?:=\s*|\s+)(.*)$/.exec(line);
        if (!m) continue;
        const key = m[1].toLowerCase();
        const value = m[2].trim();
        if (key === "host") {
            current = { alias: value };
            entries.push(current);
        } else if (current) {
            if (key === "hostname") current.hostName = value;
            else if (key === "user") current.user = value;
            else if (key === "identityfile") current.identityFile = value;
            else if (key === "proxyjump") current.proxyJump = value;
        }
    }
    return entries;
}

export interface OperatorSetup {
    /** Where the instructions save the ssh config, e.g. `~/.ssh/mhson.config`. */
    configPath: string;
    /** The line the instructions add at the top of `~/.ssh/config`. */
    includeLine: string;
    /** The private key's path and the mode the instructions give it. */
    keyPath: string;
    keyMode: number;
}

/**
 * The operator's files as the instructions describe them; where the instructions say nothing (an
 * export without them), the ssh config's own IdentityFile and a `~/.ssh/<prefix>.config` file.
 */
export function operatorSetup(instructions: string | undefined, entries: SshHostEntry[], prefix: string): OperatorSetup {
    const text = instructions ?? "";
    const saved = /sshConfig\s*>\s*(\S+)/.exec(text)?.[1];
    const include = /'(Include\s+[^']+)'/.exec(text)?.[1] ?? /^(Include\s+\S+)/m.exec(text)?.[1];
    const chmod = /chmod\s+([0-7]{3,4})\s+(\S+)/.exec(text);
    const identity = entries.find((e) => e.alias === `${prefix}-bastion`)?.identityFile;
    const keyPath = chmod?.[2] ?? identity;
    if (!keyPath) throw new Error(`neither the instructions nor the ssh config name the private key of ${prefix}-bastion`);
    const configPath = saved ?? `~/.ssh/${prefix}.config`;
    return { configPath, includeLine: include ?? `Include ${configPath}`, keyPath, keyMode: chmod ? parseInt(chmod[1], 8) : 0o400 };
}

/** `~/x` relative to a home directory; other paths as they are. */
export function expandHome(path: string, home: string): string {
    return path === "~" ? home : path.startsWith("~/") ? `${home}/${path.slice(2)}` : path;
}
