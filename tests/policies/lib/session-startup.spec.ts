/** What of a host's user data a later login shell runs: written into a startup file, never comments or echoes. */
import { strict as assert } from "assert";
import { isStartupFile, sessionStartupText } from "../../../policies/lib/session-startup";

describe("lib/session-startup", () => {
    const effective: [string, string][] = [
        ["heredoc into /etc/profile.d/*.sh", "#!/bin/bash\ncat > /etc/profile.d/tmout.sh <<'EOS'\nreadonly TMOUT=600\nEOS\n"],
        ["heredoc after the redirect", "cat <<EOS > /etc/bash.bashrc\nreadonly TMOUT=600\nEOS\n"],
        ["tee -a into a .bashrc", "sudo tee -a /etc/skel/.bashrc > /dev/null <<-EOF\nreadonly TMOUT=600\nEOF\n"],
        ["echo appended to /etc/profile", "echo 'readonly TMOUT=600' >> /etc/profile\n"],
        ["cloud-config write_files", "#cloud-config\nwrite_files:\n  - path: /etc/profile.d/t.sh\n    content: |\n      readonly TMOUT=600\n"],
        ["cloud-config base64 write_files", `#cloud-config\nwrite_files:\n  - path: /etc/profile.d/t.sh\n    encoding: b64\n    content: ${Buffer.from("readonly TMOUT=600\n").toString("base64")}\n`],
        ["cloud-config runcmd echo", "#cloud-config\nruncmd:\n  - echo 'readonly TMOUT=600' >> /etc/profile.d/t.sh\n"],
        ["cloud-config runcmd [sh, -c]", "#cloud-config\nruncmd:\n  - [sh, -c, \"echo 'readonly TMOUT=600' > /etc/profile.d/t.sh\"]\n"],
    ];
    for (const [label, userData] of effective) it(`${label}: runs in a session`, () => assert.match(sessionStartupText(userData), /^readonly TMOUT=600$/m));
    const inert: [string, string][] = [
        ["a comment", "#!/bin/bash\n# readonly TMOUT=600\n"],
        ["set in the boot script", "#!/bin/bash\nreadonly TMOUT=600\n"],
        ["echo to the boot log", "echo 'readonly TMOUT=600'\n"],
        ["heredoc into a notes file", "cat > /root/notes.txt <<'EOS'\nreadonly TMOUT=600\nEOS\n"],
        ["profile.d file without .sh", "cat > /etc/profile.d/tmout <<'EOS'\nreadonly TMOUT=600\nEOS\n"],
        ["commented inside a sourced file", "cat > /etc/profile.d/t.sh <<'EOS'\n# readonly TMOUT=600\nEOS\n"],
        ["cloud-config to /tmp", "#cloud-config\nwrite_files:\n  - path: /tmp/t.sh\n    content: readonly TMOUT=600\n"],
        ["a YAML comment", "#cloud-config\n# runcmd: [\"echo 'readonly TMOUT=600' >> /etc/profile\"]\n"],
        ["malformed cloud-config", "#cloud-config\nwrite_files: [\n"],
    ];
    for (const [label, userData] of inert) it(`${label}: runs in no session`, () => assert.doesNotMatch(sessionStartupText(userData), /TMOUT=600/));
    it("startup files", () => {
        for (const p of ["/etc/profile", "/etc/profile.d/a.sh", "/etc/bash.bashrc", "/etc/bashrc", "/root/.bashrc", "/home/ec2-user/.bash_profile", "'/etc/skel/.profile'", "/etc/environment"]) assert.ok(isStartupFile(p), p);
        for (const p of ["/etc/profile.d/a", "/etc/profile.d/sub/a.sh", "/tmp/.bashrc", "/etc/environment.d/x"]) assert.ok(!isStartupFile(p), p);
    });
});
