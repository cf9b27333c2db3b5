import { stringify } from "yaml";
import { AccessConfig, HostRole } from "./config";
import { AUDIT_LOG_FILE, auditdRules, auditScript, bashrcHook, logrotateRule, rsyslogRule, sessionScript } from "./shell-audit";

export { AUDIT_LOG_FILE };

/** Everything one host's user data depends on. Nothing secret goes in: user data sits in state in plain text. */
export interface CloudInitOptions {
    role: HostRole;
    /** Stack environment shown in the prompt, e.g. `dev`. */
    environment: string;
    /** Owner prefix shown in the prompt, e.g. `mhson`. */
    prefix: string;
    /** The command audit log (forced on for the bastion). */
    auditLog: boolean;
    /** Bastion idle-session timeout; ignored elsewhere. */
    idleTimeoutSeconds: number;
    /** `host:port` to forward the audit log to (UDP), bastion only. */
    remoteSyslog?: string;
    /** Install the ec2-instance-connect package (always on the bastion). */
    instanceConnect: boolean;
    /**
     * The host reaches out through an Elastic IP attached only once it runs: first boot waits (bounded)
     * until the metadata service reports the public address, so apt does not fail before it exists.
     */
    waitForPublicAddress?: boolean;
}

/** The options for one role from the validated access config. */
export function cloudInitOptionsFor(role: HostRole, access: AccessConfig, environment: string, prefix: string): CloudInitOptions {
    return {
        role,
        environment,
        prefix,
        auditLog: role === "bastion" ? true : access.auditLog[role],
        idleTimeoutSeconds: access.bastion.idleTimeoutSeconds,
        remoteSyslog: role === "bastion" ? access.bastion.remoteSyslog : undefined,
        instanceConnect: role === "bastion" || access.instanceConnect.enabled,
    };
}

export const SESSION_PROFILE = "/etc/profile.d/bastion-network-session.sh";
export const AUDIT_PROFILE = "/etc/profile.d/bastion-network-audit.sh";
export const SSHD_DROP_IN = "/etc/ssh/sshd_config.d/10-bastion-network.conf";
export const RSYSLOG_DROP_IN = "/etc/rsyslog.d/40-command-audit.conf";
export const LOGROTATE_FILE = "/etc/logrotate.d/command-audit";
export const AUDITD_RULES = "/etc/audit/rules.d/50-bastion-network.rules";

export interface WriteFile {
    path: string;
    content: string;
    owner?: string;
    permissions?: string;
    append?: boolean;
}

/** sh for bootcmd: wait up to ~3 minutes for the metadata service to report a public IPv4 (IMDSv2). */
export const WAIT_FOR_PUBLIC_ADDRESS =
    "i=0; while [ \"$i\" -lt 45 ]; do " +
    "t=$(curl -fsS -m 2 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token) && " +
    "curl -fsS -m 2 -H \"X-aws-ec2-metadata-token: $t\" http://169.254.169.254/latest/meta-data/public-ipv4 >/dev/null && break; " +
    "i=$((i + 1)); sleep 2; done";

/**
 * Ubuntu's skeleton ~/.bashrc sets HISTCONTROL=ignoreboth and HISTSIZE, which the audit makes readonly;
 * commented out before cloud-init creates the default user from it (bootcmd runs before users_groups),
 * so no login prints "readonly variable".
 */
export const SKEL_HISTORY_OFF = "sed -i -e 's/^HISTCONTROL=/#&/' -e 's/^HISTSIZE=/#&/' /etc/skel/.bashrc";

/** Renders the `#cloud-config` user data for one host. Pure; the YAML comes from the yaml library. */
export function renderCloudInit(o: CloudInitOptions): string {
    const bastion = o.role === "bastion";
    const audit = bastion || o.auditLog;
    const files: WriteFile[] = [promptFile(o)];
    const profiles = [...(bastion ? [SESSION_PROFILE] : []), ...(audit ? [AUDIT_PROFILE] : [])];
    if (bastion) files.push(rootFile(SESSION_PROFILE, sessionScript(o.idleTimeoutSeconds)));
    if (audit) {
        files.push(
            rootFile(AUDIT_PROFILE, auditScript()),
            rootFile(RSYSLOG_DROP_IN, rsyslogRule(bastion ? o.remoteSyslog : undefined)),
            rootFile(LOGROTATE_FILE, logrotateRule()),
        );
    }
    if (profiles.length) files.push({ path: "/etc/bash.bashrc", append: true, content: bashrcHook(profiles) });
    if (bastion) files.push({ ...rootFile(AUDITD_RULES, auditdRules()), permissions: "0640" });
    files.push(sshdFile());

    const packages = [
        ...(audit ? ["rsyslog", "logrotate"] : []),
        ...(bastion ? ["auditd"] : []),
        ...(bastion || o.instanceConnect ? ["ec2-instance-connect"] : []),
    ];
    const bootcmd = [...(audit ? [SKEL_HISTORY_OFF] : []), ...(o.waitForPublicAddress ? [WAIT_FOR_PUBLIC_ADDRESS] : [])];
    const runcmd: string[][] = [];
    if (audit) runcmd.push(["systemctl", "enable", "--now", "rsyslog"], ["systemctl", "restart", "rsyslog"]);
    if (bastion) runcmd.push(["systemctl", "enable", "--now", "auditd"], ["augenrules", "--load"]);
    // Validate before reloading, so a bad drop-in cannot lock everyone out.
    runcmd.push(["sh", "-c", "sshd -t && systemctl reload ssh"]);

    const doc: Record<string, unknown> = {
        ...(bootcmd.length ? { bootcmd } : {}),
        package_update: packages.length > 0,
        ...(packages.length > 0 ? { packages } : {}),
        ssh_pwauth: false,
        disable_root: true,
        write_files: files,
        runcmd,
    };
    return `#cloud-config\n${stringify(doc, { lineWidth: 0 })}`;
}

/** Role and environment in every prompt, so nobody types into prod thinking it is dev. */
export function promptLine(o: Pick<CloudInitOptions, "prefix" | "role" | "environment">): string {
    return `PS1='[\\u@${o.prefix}-${o.role} (${o.environment})] \\w \\$ '`;
}

function promptFile(o: CloudInitOptions): WriteFile {
    // Ubuntu's ~/.bashrc sets PS1 itself, so the prompt goes where it runs last: appended to the skeleton
    // .bashrc, which write_files reaches before cloud-init creates the default user from it.
    return {
        path: "/etc/skel/.bashrc",
        append: true,
        content: `\n# bastion-network: show role and environment in the prompt\n${promptLine(o)}\n`,
    };
}

function rootFile(path: string, content: string): WriteFile {
    return { path, permissions: "0644", owner: "root:root", content };
}

function sshdFile(): WriteFile {
    // 10- sorts before cloud-init's 50-cloud-init.conf; sshd keeps the first value it reads.
    return rootFile(SSHD_DROP_IN, ["# bastion-network: keys only, never root", "PermitRootLogin no", "PasswordAuthentication no", "KbdInteractiveAuthentication no", ""].join("\n"));
}
