/**
 * The bastion's shell hardening: the idle timeout and the command audit log, as the files cloud-init
 * writes. Pure text. Each script guards itself (sourced twice, it does nothing the second time) and is
 * sourced by every interactive bash: profile.d for login shells, /etc/bash.bashrc for the rest (a child
 * `bash`). They run before the user's own ~/.bashrc, so what they make readonly the user cannot undo.
 */

export const AUDIT_LOG_FILE = "/var/log/command.log";
export const AUDIT_TAG = "command-audit";
/** The auditd key of the execve rules: `ausearch -k bastion-exec -i`. */
export const AUDITD_KEY = "bastion-exec";

/** The audit line operators grep for, with `command` (shell text, inside double quotes) as its [COMMAND]. */
function auditLogger(command: string): string {
    return `logger -p local0.debug -t ${AUDIT_TAG} "[USER]$(whoami) [IP]\${AUDIT_CLIENT_IP} [PID]$$ [PWD]$(pwd) [COMMAND] ${command}"`;
}

/** What the audit line says in place of a command once someone has run `set +o history`. */
export const HISTORY_OFF_NOTICE = "(history is switched off in this shell: see auditd key bastion-exec)";

/**
 * Runs at every prompt. A history number seen before means nothing new was entered (an empty Enter),
 * so nothing is logged; the first prompt only notes where the history file ended. Bash restores the
 * history switch after PROMPT_COMMAND, so `set +o history` cannot be undone from here: the line that
 * ran it is logged, then a notice (with the directory) at every prompt until it is switched back on.
 * The logged line: `[USER]… [IP]… [PID]… [PWD]… [COMMAND] …`, one field per question an audit asks.
 */
export const AUDIT_PROMPT_COMMAND = [
    "__audit_line=$(history 1)",
    'read -r __audit_number __audit_command <<<"$__audit_line"',
    // HISTTIMEFORMAT is pinned to "%F %T -- ": drop the timestamp up to its first " -- ".
    "__audit_command=${__audit_command#* -- }",
    'if [ -n "$__audit_number" ] && [ "$__audit_number" != "${__audit_last-$__audit_number}" ]; then ' + auditLogger("$__audit_command") + "; fi",
    "__audit_last=$__audit_number",
    `if [[ ! -o history ]]; then ${auditLogger(HISTORY_OFF_NOTICE)}; fi`,
].join("; ");

/** /etc/profile.d script: the bastion's idle timeout, which nobody can lift. */
export function sessionScript(idleTimeoutSeconds: number): string {
    return [
        "# shellcheck shell=bash",
        "# bastion-network: idle shells close, so a forgotten session is not left open. Readonly, and set only where not yet readonly",
        "# (a child bash inherits the value, not the flag), so sourcing this twice is silent.",
        '[ -n "${BASH_VERSION:-}" ] || return 0',
        "if ( TMOUT=0 ) 2>/dev/null; then",
        `    TMOUT=${idleTimeoutSeconds}`,
        "    readonly TMOUT",
        "    export TMOUT",
        "fi",
        "",
    ].join("\n");
}

/** /etc/profile.d script: every interactive bash command to syslog facility local0, which rsyslog writes to the command log. */
export function auditScript(): string {
    return [
        "# shellcheck shell=bash",
        "# bastion-network: every interactive bash command goes to syslog facility local0 (the command log).",
        "# Readonly, so it cannot be unset; set only where not yet readonly (a child bash inherits the exported",
        "# value but not its readonly flag, so it sets it again), so sourcing this twice is silent.",
        '[ -n "${BASH_VERSION:-}" ] || return 0',
        "# The history it reads cannot be thinned: no leading-space or pattern exclusions (Ubuntu's ~/.bashrc",
        "# sets ignoreboth), no empty history, and the timestamp format it strips.",
        "if ( HISTCONTROL='' ) 2>/dev/null; then",
        "    HISTCONTROL=''",
        "    HISTIGNORE=''",
        "    HISTSIZE=10000",
        '    HISTTIMEFORMAT="%F %T -- "',
        "    readonly HISTCONTROL HISTIGNORE HISTSIZE HISTTIMEFORMAT",
        "    export HISTTIMEFORMAT",
        "fi",
        "if ( PROMPT_COMMAND='' ) 2>/dev/null; then",
        '    AUDIT_CLIENT_IP="${SSH_CLIENT%% *}"',
        '    AUDIT_CLIENT_IP="${AUDIT_CLIENT_IP:-local}"',
        "    readonly AUDIT_CLIENT_IP",
        "    # PROMPT_COMMAND is shell code bash runs at each prompt: expanded and assigned there, not here.",
        "    # shellcheck disable=SC2016,SC2089,SC2154",
        `    PROMPT_COMMAND='${AUDIT_PROMPT_COMMAND}'`,
        "    readonly PROMPT_COMMAND",
        "    # shellcheck disable=SC2090 # bash evaluates it as code, never word-splits it",
        "    export PROMPT_COMMAND",
        "fi",
        "",
    ].join("\n");
}

/** Appended to /etc/bash.bashrc: the same scripts for interactive shells that are not login shells. */
export function bashrcHook(scripts: string[]): string {
    // shellcheck checks the scripts on their own, so it is told not to follow them from here.
    const lines = scripts.flatMap((s) => ["# shellcheck source=/dev/null", `[ -r ${s} ] && . ${s}`]);
    return `\n# bastion-network: session timeout and command audit in every interactive shell, not only login shells\n${lines.join("\n")}\n`;
}

/**
 * rsyslog: local0 to the audit file (and a remote target), nowhere else. Repeated-message reduction,
 * which Ubuntu's rsyslog.conf turns on, would fold two identical commands into "message repeated 2
 * times"; it is a global setting (the last one read wins), so this turns it off for the host.
 */
export function rsyslogRule(remoteSyslog: string | undefined): string {
    const lines = [
        "# bastion-network: the command audit log, one line per command",
        "$RepeatedMsgReduction off",
        `local0.*    ${AUDIT_LOG_FILE}`,
    ];
    if (remoteSyslog) lines.push(`local0.*    @${remoteSyslog}`);
    // Kept out of /var/log/syslog, which every adm member reads and which rotates on its own schedule.
    lines.push("local0.*    stop", "");
    return lines.join("\n");
}

/** Rotation as Ubuntu's own rsyslog rule does it: rsyslog recreates the file (0640 syslog:adm) on HUP. */
export function logrotateRule(): string {
    return [
        `${AUDIT_LOG_FILE} {`,
        "    weekly",
        "    rotate 12",
        "    missingok",
        "    notifempty",
        "    compress",
        "    delaycompress",
        "    postrotate",
        "        /usr/lib/rsyslog/rsyslog-rotate",
        "    endscript",
        "}",
        "",
    ].join("\n");
}

/**
 * auditd: every program a logged-in person starts, recorded by the kernel (CIS's execve rule). A shell
 * can dodge a PROMPT_COMMAND (`bash --norc`, `exec sh`); it cannot dodge this without root.
 */
export function auditdRules(): string {
    return [
        "## bastion-network: every execve by a logged-in user (auid set), whatever the shell",
        `-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=unset -k ${AUDITD_KEY}`,
        `-a always,exit -F arch=b32 -S execve -F auid>=1000 -F auid!=unset -k ${AUDITD_KEY}`,
        "",
    ].join("\n");
}
