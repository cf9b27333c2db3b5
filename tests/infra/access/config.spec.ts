import * as assert from "node:assert/strict";
import { ConfigProblem } from "../../../infra/config-problem";
import { validateAccessConfig } from "../../../infra/access/config";
import { keys } from "./test-keys";

const ED = keys.ed25519();

function problemsOf(raw: unknown): ConfigProblem[] {
    const r = validateAccessConfig(raw);
    assert.equal(r.value, undefined, "no value when there are problems");
    return r.problems;
}

function keyed(problems: ConfigProblem[], key: string): ConfigProblem {
    const p = problems.find((x) => x.key === key);
    assert.ok(p, `expected a problem for ${key}, got ${JSON.stringify(problems)}`);
    return p;
}

describe("access: config validation", () => {
    it("fills every default from a minimal config", () => {
        const r = validateAccessConfig({ keyPair: { name: "mhson-key", publicKey: ED } });
        assert.deepEqual(r.problems, []);
        assert.deepEqual(r.value, {
            keyPair: { name: "mhson-key", publicKey: ED.split(" ").slice(0, 2).join(" ") },
            pemPath: "~/.ssh/mhson-key.pem",
            osUser: "ubuntu",
            bastion: { idleTimeoutSeconds: 600 },
            auditLog: { web: true, db: true },
            instanceConnect: { enabled: false, osUser: "ubuntu", iamGroups: [], iamUsers: [], endpoint: false, identityFile: "~/.ssh/id_ed25519" },
            recovery: [],
        });
    });

    it("keeps every value given", () => {
        const r = validateAccessConfig({
            keyPair: { name: "ops", generate: true },
            pemPath: "/keys/ops.pem",
            osUser: "admin",
            bastion: { idleTimeoutSeconds: 300, remoteSyslog: "10.0.1.10" },
            auditLog: { web: false, db: true },
            instanceConnect: { enabled: true, osUser: "ec2-user", iamGroups: ["ops"], iamUsers: ["alice"], endpoint: true, identityFile: "~/.ssh/id_rsa" },
            recovery: [{ target: "web", newKey: { name: "ops-2", publicKey: ED } }, { target: "i-0123456789abcdef0", newKey: { name: "ops-3", generate: true } }],
        });
        assert.deepEqual(r.problems, []);
        assert.deepEqual(r.value?.keyPair, { name: "ops", generate: true });
        assert.equal(r.value?.pemPath, "/keys/ops.pem");
        assert.equal(r.value?.osUser, "admin");
        assert.deepEqual(r.value?.bastion, { idleTimeoutSeconds: 300, remoteSyslog: "10.0.1.10:514" });
        assert.deepEqual(r.value?.auditLog, { web: false, db: true });
        assert.deepEqual(r.value?.instanceConnect, { enabled: true, osUser: "ec2-user", iamGroups: ["ops"], iamUsers: ["alice"], endpoint: true, identityFile: "~/.ssh/id_rsa" });
        assert.deepEqual(r.value?.recovery.map((e) => [e.target, e.newKey.name]), [["web", "ops-2"], ["i-0123456789abcdef0", "ops-3"]]);
    });

    it("instanceConnect.osUser defaults to access.osUser", () => {
        const r = validateAccessConfig({ keyPair: { name: "k", generate: true }, osUser: "admin", instanceConnect: { enabled: true, iamGroups: ["g"] } });
        assert.equal(r.value?.instanceConnect.osUser, "admin");
    });

    it("refuses a non-object and a missing keyPair, naming the key", () => {
        assert.match(keyed(problemsOf("yes"), "access").message, /must be an object/);
        assert.match(keyed(problemsOf({}), "access.keyPair").message, /is required: give \{ name: "mhson-key", publicKey/);
        assert.match(keyed(validateAccessConfig(undefined, "stack.access").problems, "stack.access").message, /found nothing/);
    });

    it("reports every problem at once, each under its dotted key", () => {
        const problems = problemsOf({
            keyPair: { name: "bad name!", publicKey: keys.rsa(1024) },
            osUser: "root",
            bastion: { idleTimeoutSeconds: 0, remoteSyslog: "10.0.0.300:99999" },
            auditLog: { web: "yes" },
            instanceConnect: { enabled: true, iamUsers: ["ok", "not ok"] },
            recovery: [{ target: "cache", newKey: { name: "k2", publicKey: ED } }],
        });
        const keysFound = problems.map((p) => p.key).sort();
        assert.deepEqual(keysFound, [
            "access.auditLog.web",
            "access.bastion.idleTimeoutSeconds",
            "access.bastion.remoteSyslog",
            "access.instanceConnect.iamUsers[1]",
            "access.keyPair.name",
            "access.keyPair.publicKey",
            "access.osUser",
            "access.recovery[0].target",
        ]);
        assert.match(keyed(problems, "access.keyPair.publicKey").message, /RSA key of 1024 bits/);
        assert.match(keyed(problems, "access.osUser").message, /PermitRootLogin no/);
        assert.match(keyed(problems, "access.bastion.idleTimeoutSeconds").message, /from 60 to 900; got 0/);
        assert.match(keyed(problems, "access.bastion.remoteSyslog").message, /host\[:port\]/);
        assert.match(keyed(problems, "access.recovery[0].target").message, /one of web, db, bastion or an instance id/);
    });

    it("treats unknown keys (typos) as problems, with a suggestion", () => {
        const problems = problemsOf({
            keyPair: { name: "k", publicKey: ED, generte: true },
            osuser: "ubuntu",
            bastion: { idleTimeout: 600 },
            instanceConnect: { enable: true },
        });
        assert.match(keyed(problems, "access.osuser").message, /is not a known key; did you mean "osUser"\?/);
        assert.match(keyed(problems, "access.keyPair.generte").message, /did you mean "generate"/);
        assert.match(keyed(problems, "access.bastion.idleTimeout").message, /is not a known key/);
        assert.match(keyed(problems, "access.instanceConnect.enable").message, /did you mean "enabled"/);
    });

    it("refuses an ECDSA key for the EC2 key pair (ImportKeyPair takes RSA and ED25519 only)", () => {
        const problems = problemsOf({ keyPair: { name: "k", publicKey: keys.ecdsa("P-256") } });
        assert.match(keyed(problems, "access.keyPair.publicKey").message, /ECDSA \(nistp256\)/);
    });

    it("requires exactly one of publicKey and generate", () => {
        assert.match(keyed(problemsOf({ keyPair: { name: "k" } }), "access.keyPair.publicKey").message, /required unless generate: true/);
        assert.match(keyed(problemsOf({ keyPair: { name: "k", publicKey: ED, generate: true } }), "access.keyPair").message, /not both/);
        assert.match(keyed(problemsOf({ keyPair: { name: "k", generate: false } }), "access.keyPair.generate").message, /must be true/);
        assert.match(keyed(problemsOf({ keyPair: { publicKey: ED } }), "access.keyPair.name").message, /is required/);
    });

    it("refuses Instance Connect that grants nobody, and settings left on while it is off", () => {
        assert.match(keyed(problemsOf({ keyPair: { name: "k", publicKey: ED }, instanceConnect: { enabled: true } }), "access.instanceConnect").message, /grants nobody/);
        assert.match(
            keyed(problemsOf({ keyPair: { name: "k", publicKey: ED }, instanceConnect: { endpoint: true } }), "access.instanceConnect.enabled").message,
            /is false but endpoint/,
        );
    });

    it("refuses recovery that reuses the current key, repeats a target, or repeats a new key name", () => {
        const problems = problemsOf({
            keyPair: { name: "k", publicKey: ED },
            recovery: [
                { target: "web", newKey: { name: "k", publicKey: ED } },
                { target: "db", newKey: { name: "n", generate: true } },
                { target: "db", newKey: { name: "m", generate: true } },
                { target: "bastion", newKey: { name: "n", generate: true } },
                { target: "i-123" },
            ],
        });
        assert.match(keyed(problems, "access.recovery[0].newKey.name").message, /must differ from access.keyPair.name/);
        assert.match(keyed(problems, "access.recovery[2].target").message, /already recovered/);
        assert.match(keyed(problems, "access.recovery[3].newKey.name").message, /used by an earlier recovery entry/);
        assert.match(keyed(problems, "access.recovery[4].target").message, /instance id/);
        assert.match(keyed(problems, "access.recovery[4].newKey").message, /is required/);
    });

    it("refuses a recovery that is not a list", () => {
        assert.match(keyed(problemsOf({ keyPair: { name: "k", publicKey: ED }, recovery: { target: "web" } }), "access.recovery").message, /must be a list/);
    });

    it("accepts a DNS name with a port as the remote syslog target", () => {
        const r = validateAccessConfig({ keyPair: { name: "k", publicKey: ED }, bastion: { remoteSyslog: "logs.internal.example:1514" } });
        assert.equal(r.value?.bastion.remoteSyslog, "logs.internal.example:1514");
    });

    it("flags a duplicated IAM group", () => {
        const problems = problemsOf({ keyPair: { name: "k", publicKey: ED }, instanceConnect: { enabled: true, iamGroups: ["ops", "ops"] } });
        assert.match(keyed(problems, "access.instanceConnect.iamGroups[1]").message, /listed twice/);
    });
});
