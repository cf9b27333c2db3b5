import * as assert from "node:assert/strict";
import { renderSshInstructions, SshInstructionsOptions } from "../../../infra/access/ssh-instructions";

const base: SshInstructionsOptions = {
    prefix: "mhson",
    osUser: "ubuntu",
    pemPath: "~/.ssh/mhson-key.pem",
    keyName: "mhson-key",
    bastion: { publicIp: "3.35.10.20", instanceId: "i-0bbbbbbbbbbbbbbb1" },
    hosts: [
        { name: "web", privateIp: "10.0.0.10" },
        { name: "db", privateIp: "10.0.0.140" },
    ],
};

describe("access: ssh instructions", () => {
    const text = renderSshInstructions(base);

    it("says chmod 400 on the right file", () => {
        assert.ok(text.includes("chmod 400 ~/.ssh/mhson-key.pem\n"));
    });

    it("connects to the bastion with the key, IdentitiesOnly, the right user and public IP", () => {
        assert.ok(text.includes("ssh -i ~/.ssh/mhson-key.pem -o IdentitiesOnly=yes ubuntu@3.35.10.20\n"));
    });

    it("reaches web and db by private IP through the bastion, never copying the key there", () => {
        for (const ip of ["10.0.0.10", "10.0.0.140"]) {
            const line = text.split("\n").find((l) => l.includes(`ubuntu@${ip}`));
            assert.ok(line, ip);
            assert.ok(line.includes('-o ProxyCommand="ssh -i ~/.ssh/mhson-key.pem -o IdentitiesOnly=yes -W %h:%p ubuntu@3.35.10.20"'), line);
        }
        assert.match(text, /never copy the \.pem to the bastion/);
        assert.match(text, /PRIVATE IP/);
    });

    it("explains UNPROTECTED PRIVATE KEY FILE", () => {
        assert.match(text, /UNPROTECTED PRIVATE KEY FILE/);
        assert.match(text, /too open/);
    });

    it("checks the host key fingerprint on first connection against the console output", () => {
        assert.match(text, /key fingerprint is SHA256/);
        assert.ok(text.includes("aws ec2 get-console-output --instance-id i-0bbbbbbbbbbbbbbb1 --latest --output text"));
    });

    it("documents the ssh config Include with the host aliases", () => {
        const t = renderSshInstructions({ ...base, sshConfigOutput: "sshConfig" });
        assert.ok(t.includes("pulumi stack output sshConfig > ~/.ssh/mhson.config"));
        assert.ok(t.includes("Include ~/.ssh/mhson.config"));
        for (const alias of ["ssh mhson-bastion\n", "ssh mhson-web\n", "ssh mhson-db\n"]) assert.ok(t.includes(alias), alias);
    });

    it("generate mode: saves the secret output with a private umask, then chmod 400", () => {
        const t = renderSshInstructions({ ...base, privateKeyOutput: "privateKeyOpenssh" });
        const save = t.indexOf("(umask 077; mkdir -p ~/.ssh; pulumi stack output privateKeyOpenssh --show-secrets > ~/.ssh/mhson-key.pem)");
        assert.ok(save >= 0);
        assert.ok(t.indexOf("chmod 400 ~/.ssh/mhson-key.pem") > save);
        assert.ok(!text.includes("--show-secrets"), "nothing to save when the operator brought the key");
    });

    it("Instance Connect: the eic aliases and the OS user, only when on", () => {
        const t = renderSshInstructions({ ...base, instanceConnect: { region: "ap-northeast-2", osUser: "ec2-user" } });
        assert.ok(t.includes("ssh mhson-web-eic"));
        assert.ok(t.includes("as ec2-user in ap-northeast-2"));
        assert.ok(!text.includes("-eic"));
    });
});
