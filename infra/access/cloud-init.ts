import { stringify } from "yaml";
import { AccessConfig, HostRole } from "./config";

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

export const AUDIT_LOG_FILE = "/var/log/command.log";
export const SESSION_PROFILE = "/etc/profile.d/bastion-network-session.sh";
export const AUDIT_PROFILE = "/etc/profile.d/bastion-network-audit.sh";
export const SSHD_DROP_IN = "/etc/ssh/sshd_config.d/10-bastion-network.conf";
export const RSYSLOG_DROP_IN = "/etc/rsyslog.d/40-command-audit.conf";
export const LOGROTATE_FILE = "/etc/logrotate.d/command-audit";

interface WriteFile {
    path: string;
    content: string;
    owner?: string;
    permissions?: string;
    append?: boolean;
}

/** Renders the `#cloud-config` user data for one host. Pure; the YAML comes from the yaml library. */
export function renderCloudInit(o: CloudInitOptions): string {
    const bastion = o.role === "bastion";
    const audit = bastion || o.auditLog;
    const files: WriteFile[] = [promptFile(o)];
    if (bastion) files.push(sessionFile(o.idleTimeoutSeconds));
    if (audit) files.push(auditProfileFile(), auditForNonLoginShells(), rsyslogFile(bastion ? o.remoteSyslog : undefined), logrotateFile());
    files.push(sshdFile());

    const packages = [...(audit ? ["rsyslog", "logrotate"] : []), ...(bastion || o.instanceConnect ? ["ec2-instance-connect"] : [])];
    const runcmd: string[][] = [];
    if (audit) runcmd.push(["systemctl", "enable", "--now", "rsyslog"], ["systemctl", "restart", "rsyslog"]);
    // Validate before reloading, so a bad drop-in cannot lock everyone out.
    runcmd.push(["sh", "-c", "sshd -t && systemctl reload ssh"]);

    const doc: Record<string, unknown> = {
        package_update: packages.length > 0,
        ...(packages.length > 0 ? { packages } : {}),
        ssh_pwauth: false,
        disable_root: true,
        write_files: files,
        runcmd,
    };
    return `#cloud-config\n${stringify(doc, { lineWidth: 0 })}`;
}

/** Role and environment in every prompt, so nobody types into prod thinking it is dev (seed 004 §11-2). */
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

function sessionFile(idleTimeoutSeconds: number): WriteFile {
    return {
        path: SESSION_PROFILE,
        permissions: "0644",
        owner: "root:root",
        content: [
            "# bastion-network: idle shells close; readonly so a user cannot lift the timeout (seed 004 §11-1).",
            `TMOUT=${idleTimeoutSeconds}`,
            "readonly TMOUT",
            "export TMOUT",
            'HISTTIMEFORMAT="%F %T -- "',
            "export HISTTIMEFORMAT",
            "",
        ].join("\n"),
    };
}

/** The PROMPT_COMMAND of seed 004 §11-3, with the client IP from SSH_CLIENT instead of parsing `w`. */
export const AUDIT_PROMPT_COMMAND =
    'logger -p local0.debug -t command-audit "[USER]$(whoami) [IP]${AUDIT_CLIENT_IP} [PID]$$ [PWD]$(pwd) [COMMAND] $(HISTTIMEFORMAT= history 1 | sed "s/^[ ]*[0-9]\\+[ ]*//")"';

function auditProfileFile(): WriteFile {
    return {
        path: AUDIT_PROFILE,
        permissions: "0644",
        owner: "root:root",
        content: [
            "# bastion-network: every interactive bash command goes to syslog facility local0 (seed 004 §11-3).",
            "# readonly so it cannot be unset; the unexported guard lets child shells set it again (readonly",
            "# is not inherited) without a 'readonly variable' error in the shell that already has it.",
            '[ -n "${BASH_VERSION:-}" ] || return 0',
            'if [ -z "${BASTION_NETWORK_AUDIT:-}" ]; then',
            '    AUDIT_CLIENT_IP="${SSH_CLIENT%% *}"',
            '    AUDIT_CLIENT_IP="${AUDIT_CLIENT_IP:-local}"',
            "    readonly AUDIT_CLIENT_IP",
            `    PROMPT_COMMAND='${AUDIT_PROMPT_COMMAND}'`,
            "    readonly PROMPT_COMMAND",
            "    export PROMPT_COMMAND",
            "    readonly BASTION_NETWORK_AUDIT=1",
            "fi",
            "",
        ].join("\n"),
    };
}

function auditForNonLoginShells(): WriteFile {
    // profile.d only runs for login shells; interactive non-login shells read /etc/bash.bashrc.
    return {
        path: "/etc/bash.bashrc",
        append: true,
        content: `\n# bastion-network: command audit log in every interactive shell\n[ -r ${AUDIT_PROFILE} ] && . ${AUDIT_PROFILE}\n`,
    };
}

function rsyslogFile(remoteSyslog: string | undefined): WriteFile {
    const lines = ["# bastion-network: the command audit log", `local0.*    ${AUDIT_LOG_FILE}`];
    if (remoteSyslog) lines.push(`local0.*    @${remoteSyslog}`);
    // Kept out of /var/log/syslog, which every adm member reads and which rotates on its own schedule.
    lines.push("local0.*    stop", "");
    return { path: RSYSLOG_DROP_IN, permissions: "0644", owner: "root:root", content: lines.join("\n") };
}

function logrotateFile(): WriteFile {
    return {
        path: LOGROTATE_FILE,
        permissions: "0644",
        owner: "root:root",
        content: [
            `${AUDIT_LOG_FILE} {`,
            "    weekly",
            "    rotate 12",
            "    missingok",
            "    notifempty",
            "    compress",
            "    delaycompress",
            "    create 0640 syslog adm",
            "    postrotate",
            "        /usr/lib/rsyslog/rsyslog-rotate",
            "    endscript",
            "}",
            "",
        ].join("\n"),
    };
}

function sshdFile(): WriteFile {
    // 10- sorts before cloud-init's 50-cloud-init.conf; sshd keeps the first value it reads.
    return {
        path: SSHD_DROP_IN,
        permissions: "0644",
        owner: "root:root",
        content: ["# bastion-network: keys only, never root", "PermitRootLogin no", "PasswordAuthentication no", "KbdInteractiveAuthentication no", ""].join("\n"),
    };
}
