import * as assert from "node:assert/strict";
import { parse } from "yaml";
import {
    AUDIT_LOG_FILE,
    AUDIT_PROFILE,
    AUDITD_RULES,
    CloudInitOptions,
    cloudInitOptionsFor,
    LOGROTATE_FILE,
    renderCloudInit,
    RSYSLOG_DROP_IN,
    SESSION_PROFILE,
    SSHD_DROP_IN,
    WAIT_FOR_PUBLIC_ADDRESS,
} from "../../../infra/access/cloud-init";
import { validateAccessConfig } from "../../../infra/access/config";

interface CloudConfig {
    packages?: string[];
    package_update?: boolean;
    ssh_pwauth?: boolean;
    disable_root?: boolean;
    write_files: { path: string; content: string; append?: boolean; permissions?: string }[];
    runcmd: string[][];
}

const bastion: CloudInitOptions = {
    role: "bastion", environment: "dev", prefix: "mhson", auditLog: false, idleTimeoutSeconds: 600, instanceConnect: false,
};

function render(o: CloudInitOptions): { text: string; doc: CloudConfig; file: (path: string) => string | undefined } {
    const text = renderCloudInit(o);
    const doc = parse(text) as CloudConfig;
    return { text, doc, file: (path) => doc.write_files.find((f) => f.path === path)?.content };
}

describe("access: cloud-init", () => {
    it("is a #cloud-config document that parses as YAML", () => {
        const { text, doc } = render(bastion);
        assert.ok(text.startsWith("#cloud-config\n"));
        assert.ok(Array.isArray(doc.write_files));
        assert.equal(doc.ssh_pwauth, false);
        assert.equal(doc.disable_root, true);
    });

    it("bastion: TMOUT from the option, readonly, set only where not yet readonly (sourcing twice is silent)", () => {
        const session = render({ ...bastion, idleTimeoutSeconds: 900 }).file(SESSION_PROFILE) ?? "";
        assert.ok(SESSION_PROFILE.startsWith("/etc/profile.d/"));
        assert.match(session, /^if \( TMOUT=0 \) 2>\/dev\/null; then\n {4}TMOUT=900\n {4}readonly TMOUT\n {4}export TMOUT\nfi$/m);
    });

    it("audit: history pinned (no ignorespace/ignoreboth, no HISTIGNORE, no empty history) and the audit's HISTTIMEFORMAT", () => {
        const audit = render(bastion).file(AUDIT_PROFILE) ?? "";
        assert.match(audit, /^ {4}HISTCONTROL=''$/m);
        assert.match(audit, /^ {4}HISTIGNORE=''$/m);
        assert.match(audit, /^ {4}HISTTIMEFORMAT="%F %T -- "$/m);
        assert.match(audit, /^ {4}readonly HISTCONTROL HISTIGNORE HISTSIZE HISTTIMEFORMAT$/m);
    });

    it("every interactive shell, login or not (a child bash), sources the session and audit scripts", () => {
        const hook = render(bastion).doc.write_files.find((f) => f.path === "/etc/bash.bashrc");
        assert.equal(hook?.append, true);
        assert.ok(hook?.content.includes(`. ${SESSION_PROFILE}`) && hook.content.includes(`. ${AUDIT_PROFILE}`));
    });

    it("bastion: the audit log is on even when auditLog is false", () => {
        const { file, doc } = render({ ...bastion, auditLog: false });
        const audit = file(AUDIT_PROFILE) ?? "";
        assert.match(audit, /PROMPT_COMMAND='.*logger -p local0\.debug /);
        for (const field of ["[USER]", "[IP]", "[PID]", "[PWD]", "[COMMAND]"]) assert.ok(audit.includes(field), field);
        assert.match(audit, /^\s+readonly PROMPT_COMMAND$/m);
        assert.ok(doc.packages?.includes("rsyslog"));
        assert.ok(doc.runcmd.some((c) => c.join(" ") === "systemctl enable --now rsyslog"));
    });

    it("bastion: auditd records every execve of a logged-in user, loaded at first boot", () => {
        const { file, doc } = render(bastion);
        assert.match(file(AUDITD_RULES) ?? "", /^-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=unset -k bastion-exec$/m);
        assert.ok(doc.packages?.includes("auditd"));
        assert.ok(doc.runcmd.some((c) => c.join(" ") === "augenrules --load"));
        assert.equal(render({ ...bastion, role: "web", auditLog: true }).file(AUDITD_RULES), undefined, "the bastion only");
    });

    it("rsyslog: repeated-message reduction off, so two identical commands stay two lines", () => {
        assert.match(render(bastion).file(RSYSLOG_DROP_IN) ?? "", /^\$RepeatedMsgReduction off$/m);
    });

    it("a host with an Elastic IP waits at first boot for its public address; others do not", () => {
        const waiting = parse(renderCloudInit({ ...bastion, waitForPublicAddress: true })) as { bootcmd?: string[] };
        assert.ok(waiting.bootcmd?.includes(WAIT_FOR_PUBLIC_ADDRESS));
        const db = parse(renderCloudInit({ ...bastion, role: "db", auditLog: false })) as { bootcmd?: string[] };
        assert.equal(db.bootcmd, undefined);
    });

    it("bastion: rsyslog writes local0 to /var/log/command.log, with logrotate for it", () => {
        const { file } = render(bastion);
        assert.match(file(RSYSLOG_DROP_IN) ?? "", new RegExp(`^local0\\.\\*\\s+${AUDIT_LOG_FILE.replace(/\//g, "\\/")}$`, "m"));
        assert.doesNotMatch(file(RSYSLOG_DROP_IN) ?? "", /@/, "no remote target unless configured");
        const rotate = file(LOGROTATE_FILE) ?? "";
        assert.ok(rotate.startsWith(`${AUDIT_LOG_FILE} {`));
        assert.match(rotate, /rotate \d+/);
    });

    it("bastion: forwards to the remote syslog target when configured", () => {
        assert.match(render({ ...bastion, remoteSyslog: "10.0.1.10:514" }).file(RSYSLOG_DROP_IN) ?? "", /^local0\.\*\s+@10\.0\.1\.10:514$/m);
    });

    it("bastion: sshd refuses root and passwords; the drop-in is validated before reload", () => {
        const { file, doc } = render(bastion);
        const sshd = file(SSHD_DROP_IN) ?? "";
        assert.match(sshd, /^PermitRootLogin no$/m);
        assert.match(sshd, /^PasswordAuthentication no$/m);
        assert.ok(doc.runcmd.some((c) => c.join(" ").includes("sshd -t && systemctl reload ssh")));
    });

    it("bastion: installs ec2-instance-connect", () => {
        assert.ok(render(bastion).doc.packages?.includes("ec2-instance-connect"));
    });

    it("every role: a prompt naming prefix, role and environment", () => {
        for (const role of ["bastion", "web", "db"] as const) {
            const { doc } = render({ ...bastion, role, environment: "prod" });
            const prompt = doc.write_files.find((f) => f.path === "/etc/skel/.bashrc");
            assert.equal(prompt?.append, true);
            assert.ok(prompt?.content.includes(`mhson-${role} (prod)`), role);
            assert.match(prompt?.content ?? "", /^PS1=/m);
        }
    });

    it("web and db: audit log by default, off when configured off; no session timeout", () => {
        const access = validateAccessConfig({ keyPair: { name: "k", generate: true }, auditLog: { db: false } }).value;
        assert.ok(access);
        const web = render(cloudInitOptionsFor("web", access, "dev", "mhson"));
        const db = render(cloudInitOptionsFor("db", access, "dev", "mhson"));
        assert.ok(web.file(AUDIT_PROFILE)?.includes("logger -p local0.debug"));
        assert.ok(web.file(RSYSLOG_DROP_IN));
        assert.equal(db.file(AUDIT_PROFILE), undefined);
        assert.equal(db.file(RSYSLOG_DROP_IN), undefined);
        assert.equal(web.file(SESSION_PROFILE), undefined);
        assert.match(db.file(SSHD_DROP_IN) ?? "", /PermitRootLogin no/);
        assert.ok(!db.doc.packages?.includes("ec2-instance-connect"), "not asked for without Instance Connect");
    });

    it("options from config: bastion gets the timeout and remote target; web gets the package with Instance Connect", () => {
        const access = validateAccessConfig({
            keyPair: { name: "k", generate: true },
            bastion: { idleTimeoutSeconds: 120, remoteSyslog: "logs.example" },
            instanceConnect: { enabled: true, iamGroups: ["ops"] },
        }).value;
        assert.ok(access);
        const b = cloudInitOptionsFor("bastion", access, "dev", "p");
        assert.equal(b.idleTimeoutSeconds, 120);
        assert.equal(b.remoteSyslog, "logs.example:514");
        assert.equal(b.auditLog, true);
        const web = cloudInitOptionsFor("web", access, "dev", "p");
        assert.equal(web.remoteSyslog, undefined);
        assert.ok(render(web).doc.packages?.includes("ec2-instance-connect"));
    });

    it("holds no secret: no private key or password material", () => {
        for (const role of ["bastion", "web", "db"] as const) {
            const text = renderCloudInit({ ...bastion, role, auditLog: true, remoteSyslog: "10.0.0.9:514" });
            assert.doesNotMatch(text, /PRIVATE KEY|password:|passwd|chpasswd|ssh_keys/i);
        }
    });
});
