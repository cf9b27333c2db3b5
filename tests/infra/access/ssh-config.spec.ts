import * as assert from "node:assert/strict";
import { renderSshConfig, SshConfigOptions } from "../../../infra/access/ssh-config";

const base: SshConfigOptions = {
    prefix: "mhson",
    osUser: "ubuntu",
    identityFile: "~/.ssh/mhson-key.pem",
    bastion: { publicIp: "3.35.10.20", instanceId: "i-0bbbbbbbbbbbbbbb1" },
    hosts: [
        { name: "web", privateIp: "10.0.0.10", instanceId: "i-0aaaaaaaaaaaaaaa1" },
        { name: "db", privateIp: "10.0.0.140", instanceId: "i-0ddddddddddddddd1" },
    ],
};

/** Host alias -> its options, parsed back from the rendered text. */
function hosts(text: string): Map<string, Map<string, string>> {
    const out = new Map<string, Map<string, string>>();
    let current: Map<string, string> | undefined;
    for (const line of text.split("\n")) {
        const host = /^Host (\S+)$/.exec(line);
        if (host) {
            current = new Map();
            out.set(host[1], current);
            continue;
        }
        const opt = /^ {4}(\S+) (.+)$/.exec(line);
        if (opt && current) current.set(opt[1], opt[2]);
    }
    return out;
}

describe("access: ssh config", () => {
    it("bastion by public IP with user, key and IdentitiesOnly", () => {
        const b = hosts(renderSshConfig(base)).get("mhson-bastion");
        assert.deepEqual(Object.fromEntries(b ?? []), {
            HostName: "3.35.10.20", User: "ubuntu", IdentityFile: "~/.ssh/mhson-key.pem", IdentitiesOnly: "yes",
        });
    });

    it("web and db by PRIVATE IP, jumping through the bastion", () => {
        const h = hosts(renderSshConfig(base));
        assert.equal(h.get("mhson-web")?.get("HostName"), "10.0.0.10");
        assert.equal(h.get("mhson-db")?.get("HostName"), "10.0.0.140");
        for (const alias of ["mhson-web", "mhson-db"]) {
            assert.equal(h.get(alias)?.get("ProxyJump"), "mhson-bastion", alias);
            assert.equal(h.get(alias)?.get("IdentitiesOnly"), "yes", alias);
            assert.equal(h.get(alias)?.get("User"), "ubuntu", alias);
        }
        assert.ok(!renderSshConfig(base).includes("ec2-instance-connect"), "no Instance Connect entries unless asked");
    });

    it("Instance Connect without endpoint: pushes a one-time key, then reaches private hosts via the bastion", () => {
        const h = hosts(renderSshConfig({ ...base, instanceConnect: { region: "ap-northeast-2", osUser: "ubuntu", identityFile: "~/.ssh/id_ed25519" } }));
        const bastionEic = h.get("mhson-bastion-eic");
        assert.equal(bastionEic?.get("HostName"), "3.35.10.20");
        assert.equal(bastionEic?.get("IdentityFile"), "~/.ssh/id_ed25519");
        assert.equal(bastionEic?.get("ProxyCommand"), undefined, "a direct connection: no nc needed");
        assert.match(renderSshConfig({ ...base, instanceConnect: { region: "ap-northeast-2", osUser: "ubuntu", identityFile: "~/.ssh/id_ed25519" } }),
            /^Match originalhost mhson-bastion-eic exec "aws ec2-instance-connect send-ssh-public-key --region ap-northeast-2 --instance-id i-0bbbbbbbbbbbbbbb1 --instance-os-user ubuntu --ssh-public-key file:\/\/~\/\.ssh\/id_ed25519\.pub >\/dev\/null"$/m);
        const web = h.get("mhson-web-eic");
        assert.equal(web?.get("HostName"), "10.0.0.10");
        // A ProxyCommand running `ssh` would lose `-F <file>`; ProxyJump passes it on (tests/tools/ssh-config.spec.ts).
        assert.equal(web?.get("ProxyJump"), "mhson-bastion-eic");
        assert.equal(web?.get("ProxyCommand"), undefined);
        assert.match(renderSshConfig({ ...base, instanceConnect: { region: "ap-northeast-2", osUser: "ubuntu", identityFile: "~/.ssh/id_ed25519" } }),
            /^Match originalhost mhson-web-eic exec "aws ec2-instance-connect send-ssh-public-key --region ap-northeast-2 --instance-id i-0aaaaaaaaaaaaaaa1 --instance-os-user ubuntu --ssh-public-key file:\/\/~\/\.ssh\/id_ed25519\.pub >\/dev\/null"$/m);
        assert.equal(h.get("mhson-db-eic")?.get("HostName"), "10.0.0.140");
        assert.equal(h.get("mhson-web")?.get("ProxyJump"), "mhson-bastion", "key-pair entries stay");
    });

    it("Instance Connect with an endpoint: private hosts through open-tunnel, not the bastion", () => {
        const h = hosts(renderSshConfig({
            ...base,
            instanceConnect: { region: "ap-northeast-2", osUser: "ubuntu", identityFile: "~/.ssh/id_ed25519", endpointId: "eice-0123456789abcdef0" },
        }));
        const db = h.get("mhson-db-eic")?.get("ProxyCommand") ?? "";
        assert.match(db, /send-ssh-public-key --region ap-northeast-2 --instance-id i-0ddddddddddddddd1 /);
        assert.match(db, /&& exec aws ec2-instance-connect open-tunnel --region ap-northeast-2 --instance-id i-0ddddddddddddddd1 --instance-connect-endpoint-id eice-0123456789abcdef0"$/);
        assert.doesNotMatch(db, /mhson-bastion/);
    });

    it("skips Instance Connect entries for hosts without an instance id", () => {
        const h = hosts(renderSshConfig({
            ...base,
            hosts: [{ name: "web", privateIp: "10.0.0.10" }],
            instanceConnect: { region: "ap-northeast-2", osUser: "ubuntu", identityFile: "~/.ssh/id_ed25519" },
        }));
        assert.ok(h.has("mhson-web"));
        assert.ok(!h.has("mhson-web-eic"));
    });
});
