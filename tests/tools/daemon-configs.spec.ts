/**
 * The daemon configuration the cloud-config writes, read by the daemons themselves: `sshd -t` (and -T
 * for what takes effect) on the sshd drop-in, `rsyslogd -N1` on the audit rule, `logrotate -d` on the
 * rotation rule, each included from a main file laid out as Ubuntu 22.04 ships it.
 */
import * as assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LOGROTATE_FILE, RSYSLOG_DROP_IN, SSHD_DROP_IN } from "../../infra/access/cloud-init";
import { renderedHosts, RenderedHost, STACKS, writtenFile } from "./rendered";
import { inCi, requireTools, run, scratchDir } from "./tools";

const PRIVSEP_DIR = "/run/sshd";

describe("tools: daemon configs of both stacks", function () {
    this.timeout(120_000);
    const hosts: RenderedHost[] = [];
    let dir = "";
    let tools: Record<string, string> = {};

    before(async function () {
        tools = requireTools(this, ["sshd", "ssh-keygen", "rsyslogd", "logrotate"]);
        for (const stack of STACKS) hosts.push(...(await renderedHosts(stack)));
        dir = scratchDir("daemons");
    });

    it("sshd -t accepts every host's drop-in, and -T shows root and passwords refused", function () {
        // sshd checks its privilege separation directory even for -t; the service unit creates it.
        if (!existsSync(PRIVSEP_DIR)) {
            try {
                mkdirSync(PRIVSEP_DIR, { mode: 0o755 });
            } catch {
                const line = `sshd -t needs ${PRIVSEP_DIR}: create it as root (mkdir -m 755 ${PRIVSEP_DIR})`;
                if (inCi) throw new Error(line);
                console.log(`      skipped: ${line}`);
                this.skip();
            }
        }
        const hostKey = join(dir, "host_ed25519");
        assert.equal(run(tools["ssh-keygen"], ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]).status, 0);
        for (const h of hosts) {
            const dropIns = join(dir, `${h.stack}-${h.name}-sshd_config.d`);
            mkdirSync(dropIns, { recursive: true });
            writeFileSync(join(dropIns, "10-bastion-network.conf"), writtenFile(h, SSHD_DROP_IN) ?? "");
            // Ubuntu's sshd_config: the drop-ins first, then its own settings (sshd keeps the first value).
            const main = join(dir, `${h.stack}-${h.name}-sshd_config`);
            writeFileSync(main, [`Include ${dropIns}/*.conf`, `HostKey ${hostKey}`, "KbdInteractiveAuthentication no", "UsePAM yes", "PasswordAuthentication yes", "PermitRootLogin yes", ""].join("\n"));
            const t = run(tools.sshd, ["-t", "-f", main]);
            assert.equal(t.status, 0, `${h.name}: ${t.summary}`);
            const effective = run(tools.sshd, ["-T", "-f", main, "-C", "user=ubuntu,host=client,addr=198.51.100.7"]);
            assert.equal(effective.status, 0, effective.summary);
            for (const line of ["permitrootlogin no", "passwordauthentication no", "kbdinteractiveauthentication no"]) {
                assert.ok(effective.stdout.split("\n").includes(line), `${h.name}: ${line}\n${effective.summary}`);
            }
        }
    });

    it("rsyslogd -N1 accepts the audit rule (with and without a remote target) after Ubuntu's main config", () => {
        const audited = hosts.filter((h) => writtenFile(h, RSYSLOG_DROP_IN));
        assert.ok(audited.length >= 4, "web and bastion of both stacks write the rule");
        for (const h of audited) {
            const rules = join(dir, `${h.stack}-${h.name}-rsyslog.d`);
            mkdirSync(rules, { recursive: true });
            writeFileSync(join(rules, "40-command-audit.conf"), writtenFile(h, RSYSLOG_DROP_IN) ?? "");
            const main = join(dir, `${h.stack}-${h.name}-rsyslog.conf`);
            writeFileSync(main, [
                'module(load="imuxsock")', "$RepeatedMsgReduction on", "$FileOwner root", "$FileGroup adm", "$FileCreateMode 0640",
                `$IncludeConfig ${rules}/*.conf`, "*.*;auth,authpriv.none    -/var/log/syslog", "",
            ].join("\n"));
            const r = run(tools.rsyslogd, ["-N1", "-f", main]);
            assert.equal(r.status, 0, `${h.name}: ${r.summary}`);
            assert.doesNotMatch(r.stderr, /error|warning/i, r.summary);
        }
    });

    it("logrotate -d reads the rotation rule as Ubuntu's logrotate.conf includes it", () => {
        for (const h of hosts.filter((x) => writtenFile(x, LOGROTATE_FILE))) {
            const rules = join(dir, `${h.stack}-${h.name}-logrotate.d`);
            mkdirSync(rules, { recursive: true });
            writeFileSync(join(rules, "command-audit"), writtenFile(h, LOGROTATE_FILE) ?? "");
            const main = join(dir, `${h.stack}-${h.name}-logrotate.conf`);
            writeFileSync(main, ["weekly", "su root adm", "rotate 4", "create", `include ${rules}`, ""].join("\n"));
            const r = run(tools.logrotate, ["-d", "-s", join(dir, `${h.name}.state`), main]);
            assert.equal(r.status, 0, `${h.name}: ${r.summary}`);
            assert.doesNotMatch(r.stdout + r.stderr, /^error:/m, r.summary);
            assert.match(r.stdout + r.stderr, /rotating pattern: \/var\/log\/command\.log\s+weekly \(12 rotations\)/, r.summary);
        }
    });
});
