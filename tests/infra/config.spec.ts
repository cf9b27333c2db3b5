import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { TEMPLATE_KEYS } from "../../infra/config/template-keys";
import { validateSettings, validateStackConfig } from "../../infra/config";
import { keys } from "./access/test-keys";
import { findPlaceholders, PLACEHOLDER_KEY_BLOB, placeholdersStopDeployment } from "../../infra/config/placeholders";

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtnaoSazatBaCdzLCu673nRSTL0YK7M1zd0UH0RwVbU test";
const REGION = "ap-northeast-2";

const DEFAULT_SUBNETS = [{ tier: "public", az: "a", size: 64 }, { tier: "public", az: "c", size: 64 }, { tier: "internal", az: "a", size: 32 }, { tier: "admin", az: "a", size: 32 }];

/** The smallest good config: everything else defaults. */
function minimal(): Record<string, unknown> {
    return { prefix: "mhson", operatorCidrs: ["203.0.113.10/32"], access: { keyPair: { name: "mhson-key", publicKey: PUBLIC_KEY } } };
}

function problemsOf(raw: unknown, region: string | undefined = REGION) {
    const r = validateSettings(raw, region, "dev");
    assert.equal(r.value, undefined, "expected the config to be refused");
    return r.problems;
}

function expectProblem(raw: unknown, key: string, message: RegExp, region?: string) {
    const problems = problemsOf(raw, region);
    const p = problems.find((x) => x.key === key);
    assert.ok(p, `expected a problem at "${key}", got ${JSON.stringify(problems, null, 1)}`);
    assert.match(p.message, message);
}

describe("stack config", () => {
    it("fills every default into the typed object and plans the default subnets", () => {
        const r = validateSettings(minimal(), REGION, "dev");
        assert.deepEqual(r.problems, []);
        const s = r.value!.settings;
        assert.equal(s.environment, "dev", "environment defaults to the stack name");
        assert.equal(s.vpcCidr, "10.0.0.0/24");
        assert.equal(s.nat, "single");
        assert.deepEqual(s.flowLogs, { enabled: true, retentionDays: 90 });
        assert.deepEqual(s.appPorts, [8080]);
        assert.equal(s.dbPort, 3306);
        assert.deepEqual(s.egressCidrs, ["0.0.0.0/0"]);
        assert.deepEqual(s.hosts.web, { instanceType: "t3.medium", rootVolumeGiB: 30 });
        assert.equal(s.access.osUser, "ubuntu");
        assert.deepEqual(r.value!.subnets.map((p) => `${p.tier} ${p.az} ${p.cidr}`), [
            "public ap-northeast-2a 10.0.0.0/26",
            "public ap-northeast-2c 10.0.0.64/26",
            "internal ap-northeast-2a 10.0.0.128/27",
            "admin ap-northeast-2a 10.0.0.160/27",
        ]);
    });

    it("accepts full AZ names and explicit values", () => {
        const raw = { ...minimal(), vpcCidr: "10.9.0.0/16", nat: "perAz", appPorts: [80, 443], subnets: [
            { tier: "public", az: "ap-northeast-2a", size: 256 }, { tier: "public", az: "ap-northeast-2c", size: 256 },
            { tier: "internal", az: "ap-northeast-2a", cidr: "10.9.8.0/24" }, { tier: "admin", az: "ap-northeast-2a", size: 32 },
        ] };
        const r = validateSettings(raw, REGION, "prod");
        assert.deepEqual(r.problems, []);
        assert.deepEqual(r.value!.settings.appPorts, [80, 443]);
        assert.equal(r.value!.subnets[2].cidr, "10.9.8.0/24");
    });

    const refusals: [string, (c: Record<string, unknown>) => unknown, string, RegExp][] = [
        ["no settings at all", () => undefined, "settings", /bastion-network:settings/],
        ["an unparsable VPC CIDR", (c) => ({ ...c, vpcCidr: "10.0.0/24" }), "vpcCidr", /not an IPv4 CIDR/],
        ["a VPC wider than /16", (c) => ({ ...c, vpcCidr: "10.0.0.0/8" }), "vpcCidr", /\/16 to \/24/],
        ["a VPC narrower than /24", (c) => ({ ...c, vpcCidr: "10.0.0.0/25" }), "vpcCidr", /\/16 to \/24/],
        ["subnets that do not fit", (c) => ({ ...c, subnets: [{ tier: "public", az: "a", size: 256 }, { tier: "public", az: "c", size: 64 }, { tier: "internal", az: "a", size: 32 }, { tier: "admin", az: "a", size: 32 }] }), "subnets[1].size", /no free aligned block/],
        ["overlapping subnets", (c) => ({ ...c, subnets: [{ tier: "public", az: "a", cidr: "10.0.0.0/25" }, { tier: "public", az: "c", cidr: "10.0.0.0/26" }, { tier: "internal", az: "a", size: 32 }, { tier: "admin", az: "a", size: 32 }] }), "subnets[1].cidr", /overlaps/],
        ["both public subnets in one AZ", (c) => ({ ...c, subnets: [{ tier: "public", az: "a", size: 64 }, { tier: "public", az: "a", size: 64 }, { tier: "internal", az: "a", size: 32 }, { tier: "admin", az: "a", size: 32 }] }), "subnets", /two different AZs/],
        ["an AZ outside the region", (c) => ({ ...c, subnets: [{ tier: "public", az: "us-east-1a", size: 64 }, { tier: "public", az: "c", size: 64 }, { tier: "internal", az: "a", size: 32 }, { tier: "admin", az: "a", size: 32 }] }), "subnets[0].az", /not an availability zone of ap-northeast-2/],
        ["two internal subnets in one AZ (their names would clash)", (c) => ({ ...c, subnets: [{ tier: "public", az: "a", size: 64 }, { tier: "public", az: "c", size: 64 }, { tier: "internal", az: "a", size: 32 }, { tier: "admin", az: "a", size: 32 }, { tier: "internal", az: "a", size: 16 }] }), "subnets[4]", /second internal subnet in ap-northeast-2a/],
        ["no admin subnet", (c) => ({ ...c, subnets: [{ tier: "public", az: "a", size: 64 }, { tier: "public", az: "c", size: 64 }, { tier: "internal", az: "a", size: 32 }] }), "subnets", /admin subnet/],
        ["an unknown tier", (c) => ({ ...c, subnets: [{ tier: "dmz", az: "a", size: 64 }] }), "subnets[0].tier", /one of "public", "internal", "admin"/],
        ["an operator CIDR of 0.0.0.0/0", (c) => ({ ...c, operatorCidrs: ["0.0.0.0/0"] }), "operatorCidrs[0]", /whole internet/],
        ["an operator CIDR of ::/0", (c) => ({ ...c, operatorCidrs: ["::/0"] }), "operatorCidrs[0]", /IPv6/],
        ["an operator CIDR wider than the default /32", (c) => ({ ...c, operatorCidrs: ["203.0.113.0/24"] }), "operatorCidrs[0]", /wider than \/32/],
        ["an operator CIDR wider than a configured minimum", (c) => ({ ...c, operatorMinPrefix: 28, operatorCidrs: ["203.0.113.0/24"] }), "operatorCidrs[0]", /wider than \/28/],
        ["an empty operator list", (c) => ({ ...c, operatorCidrs: [] }), "operatorCidrs", /your own public IP/],
        ["an app port of 0", (c) => ({ ...c, appPorts: [0] }), "appPorts[0]", /1 to 65535/],
        ["a db port above 65535", (c) => ({ ...c, dbPort: 70000 }), "dbPort", /1 to 65535/],
        ["the SSH port as an app port", (c) => ({ ...c, appPorts: [22] }), "appPorts[0]", /SSH port/],
        ["a missing prefix", (c) => ({ ...c, prefix: undefined }), "prefix", /required/],
        ["a missing operator list", (c) => ({ ...c, operatorCidrs: undefined }), "operatorCidrs", /required/],
        ["a missing access block", (c) => ({ ...c, access: undefined }), "access", /keyPair/],
        ["an unknown key (typo)", (c) => ({ ...c, vpcCidrs: "10.0.0.0/24" }), "vpcCidrs", /is not a known key; did you mean "vpcCidr"\?/],
        ["an unknown nested key", (c) => ({ ...c, hosts: { web: { instanceTyp: "t3.small" } } }), "hosts.web.instanceTyp", /did you mean "instanceType"/],
        ["an invalid NAT strategy", (c) => ({ ...c, nat: "double" }), "nat", /"single", "perAz", "none"/],
        ["a flow-log retention CloudWatch refuses", (c) => ({ ...c, flowLogs: { retentionDays: 10 } }), "flowLogs.retentionDays", /accepts only/],
        ["a bad prefix", (c) => ({ ...c, prefix: "Mhson_1" }), "prefix", /lowercase/],
        ["a malformed AMI id", (c) => ({ ...c, amiId: "ubuntu" }), "amiId", /ami-/],
    ];
    for (const [what, mutate, key, message] of refusals) {
        it(`refuses ${what}, naming ${key}`, () => expectProblem(mutate(minimal()), key, message));
    }

    it("says once, in one message, that both public subnets share an AZ", () => {
        const problems = problemsOf({ ...minimal(), subnets: [{ tier: "public", az: "a", size: 64 }, { tier: "public", az: "a", size: 64 }, { tier: "internal", az: "a", size: 32 }, { tier: "admin", az: "a", size: 32 }] });
        assert.deepEqual(problems.map((p) => p.key), ["subnets"]);
    });

    it("refuses a missing region", () => expectProblem(minimal(), "aws:region", /pulumi config set aws:region/, ""));

    it("reports every problem at once", () => {
        const problems = problemsOf({ ...minimal(), vpcCidr: "10.0.0.0/8", operatorCidrs: ["0.0.0.0/0"], dbPort: -1, colour: "red" });
        assert.deepEqual(new Set(problems.map((p) => p.key)), new Set(["vpcCidr", "operatorCidrs[0]", "dbPort", "colour"]));
    });
});

describe("stack config: the whole config map", () => {
    const settings = () => JSON.stringify(minimal());
    const run = (config: Record<string, string>) => validateStackConfig({ "aws:region": REGION, "bastion-network:settings": settings(), ...config }, "bastion-network", "dev");
    const keysOf = (r: { problems: { key: string }[] }) => r.problems.map((p) => p.key);

    it("accepts the minimal config under any project name (the namespace follows Pulumi.yaml)", () => {
        const r = validateStackConfig({ "aws:region": REGION, "my-net:settings": settings() }, "my-net", "dev");
        assert.deepEqual(r.problems, []);
    });

    it("refuses a flat key in the project's namespace, saying where it belongs", () => {
        const r = run({ "bastion-network:vpcCidr": "10.0.0.0/24" });
        assert.deepEqual(keysOf(r), ["bastion-network:vpcCidr"]);
        assert.match(r.problems[0].message, /ignored.*pulumi config set --path settings\.vpcCidr/);
    });

    it("refuses a misspelled aws: key with a suggestion, and accepts the provider's real keys", () => {
        const r = run({ "aws:regoin": "ap-northeast-2", "aws:profile": "work" });
        assert.deepEqual(keysOf(r), ["aws:regoin"]);
        assert.match(r.problems[0].message, /not a setting of the AWS provider.*did you mean "region"/);
    });

    for (const [what, value] of [["a string", "\"yes\""], ["a list", "[1,2]"], ["a number", "3"], ["true", "true"], ["text that is not JSON", "prefix: x"]] as const) {
        it(`refuses a settings value that is ${what}, in one line`, () => {
            const r = run({ "bastion-network:settings": value });
            assert.deepEqual(keysOf(r), ["settings"]);
            assert.match(r.problems[0].message, /^must be an object .*got/);
        });
    }

    it("says a secret under settings is a secret, and how to run with the passphrase", () => {
        const raw = { ...minimal(), dbPort: { secure: "v1:abc" } };
        const r = run({ "bastion-network:settings": JSON.stringify(raw) });
        assert.deepEqual(keysOf(r), ["dbPort"]);
        assert.match(r.problems[0].message, /is a secret.*PULUMI_CONFIG_PASSPHRASE/);
    });

    it("reads a value the CLI decrypted like any other (secrets arrive in plain text under the engine)", () => {
        const r = run({ "bastion-network:settings": JSON.stringify({ ...minimal(), dbPort: "5432" }) });
        assert.equal(r.value?.settings.dbPort, 5432);
    });
});

describe("stack config: one run reports every problem", () => {
    it("reports three mistakes in three places at once (an AZ letter the region lacks among them)", () => {
        const problems = problemsOf({ ...minimal(), nat: "double", hosts: { db: { rootVolumeGiB: 2 } }, subnets: [{ tier: "public", az: "z", size: 64 }, { tier: "public", az: "c", size: 64 }, { tier: "internal", az: "a", size: 32 }, { tier: "admin", az: "a", size: 32 }] });
        assert.deepEqual(problems.map((p) => p.key).sort(), ["hosts.db.rootVolumeGiB", "nat", "subnets[0].az"]);
        assert.match(problems.find((p) => p.key === "subnets[0].az")!.message, /ap-northeast-2 has a, b, c, d/);
    });

    it("refuses a prefix AWS would refuse in group names, an Arm type, and a certificate without an ALB", () => {
        const problems = problemsOf({ ...minimal(), prefix: "sg", hosts: { web: { instanceType: "t4g.small" } }, certificateArn: "arn:aws:acm:ap-northeast-2:123456789012:certificate/abc" });
        assert.deepEqual(problems.map((p) => p.key).sort(), ["certificateArn", "hosts.web.instanceType", "prefix"]);
        assert.match(problems.find((p) => p.key === "hosts.web.instanceType")!.message, /Arm \(Graviton\)/);
    });

    it("defaults webAccess to eip and keeps alb with its certificate", () => {
        assert.equal(validateSettings(minimal(), REGION, "dev").value?.settings.webAccess, "eip");
        const r = validateSettings({ ...minimal(), webAccess: "alb", certificateArn: "arn:aws:acm:ap-northeast-2:123456789012:certificate/abc" }, REGION, "dev");
        assert.deepEqual(r.problems, []);
    });
});

describe("stack config: example values", () => {
    const settingsOf = (raw: Record<string, unknown>) => validateSettings(raw, REGION, "dev").value!.settings;

    it("reports the example's prefix, a documentation-range address and the placeholder key", () => {
        const raw = { ...minimal(), access: { keyPair: { name: "k", publicKey: `ssh-ed25519 ${PLACEHOLDER_KEY_BLOB} placeholder-replace-me` } } };
        assert.deepEqual(findPlaceholders(settingsOf(raw)).map((p) => p.key), ["prefix", "operatorCidrs[0]", "access.keyPair.publicKey"]);
    });

    it("reports nothing for a config of one's own", () => {
        assert.deepEqual(findPlaceholders(settingsOf({ ...minimal(), prefix: "acme", operatorCidrs: ["198.18.7.9/32"], access: { keyPair: { name: "k", publicKey: keys.ed25519() } } })), []);
    });

    it("stops only a real deployment: not a preview, not a mocked run", () => {
        assert.equal(placeholdersStopDeployment({ dryRun: false, mocked: false }), true);
        assert.equal(placeholdersStopDeployment({ dryRun: true, mocked: false }), false);
        assert.equal(placeholdersStopDeployment({ dryRun: false, mocked: true }), false);
    });
});

describe("stack config: the keys `pulumi new` writes (Pulumi.yaml template)", () => {
    const own = { prefix: "acme", operatorCidr: "198.18.7.9/32" };

    it("make a working stack alone, under whatever name the project was given", () => {
        const key = keys.ed25519();
        const r = validateStackConfig({ "aws:region": REGION, "my-net:prefix": own.prefix, "my-net:operatorCidr": own.operatorCidr, "my-net:publicKey": key }, "my-net", "staging");
        assert.deepEqual(r.problems, []);
        assert.deepEqual(r.warnings, []);
        const s = r.value!.settings;
        assert.equal(s.prefix, "acme");
        assert.deepEqual(s.operatorCidrs, ["198.18.7.9/32"]);
        assert.deepEqual(s.access.keyPair, { name: "acme-key", publicKey: key.split(" ").slice(0, 2).join(" ") });
        assert.deepEqual(findPlaceholders(s), []);
    });

    it("take precedence over the example settings of the same stack, with a warning for each", () => {
        const key = keys.ed25519();
        const r = validateStackConfig({ "aws:region": REGION, "bastion-network:settings": JSON.stringify(minimal()), "bastion-network:prefix": "acme", "bastion-network:publicKey": key }, "bastion-network", "dev");
        assert.deepEqual(r.problems, []);
        assert.equal(r.value!.settings.prefix, "acme");
        assert.equal(r.value!.settings.access.keyPair.name, "acme-key");
        assert.deepEqual(r.warnings.map((w) => w.key), ["bastion-network:prefix", "bastion-network:publicKey"]);
        assert.match(r.warnings[0].message, /replaces settings\.prefix \("mhson"\)/);
    });

    it("are checked like the settings they stand for", () => {
        const r = validateStackConfig({ "aws:region": REGION, "p:prefix": "Acme!", "p:operatorCidr": "0.0.0.0/0", "p:publicKey": "hello" }, "p", "dev");
        assert.deepEqual(r.problems.map((p) => p.key).sort(), ["access.keyPair.name", "access.keyPair.publicKey", "operatorCidrs[0]", "prefix"]);
    });

    it("are exactly what Pulumi.yaml's template asks for (bare keys, so a renamed project keeps them)", () => {
        const project = parse(readFileSync(join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as { template: { config: Record<string, { description: string; default?: string }> } };
        const asked = Object.keys(project.template.config).sort();
        assert.deepEqual(asked, ["aws:region", ...TEMPLATE_KEYS].sort());
        for (const k of asked) assert.ok(project.template.config[k].description.length > 20, `${k} has a description`);
        assert.equal(project.template.config["aws:region"].default, REGION);
    });
});

describe("stack config: every shape a user can write is refused in words, never thrown", () => {
    const shapes: unknown[] = [null, true, 0, -1, 1.5, "", "x", "12", [], [1], [null], {}, { a: 1 }, { secure: "v1:x" }, [{}], "10.0.0.0/24"];
    /** Every key path of the settings, nested ones included. */
    const paths = ["prefix", "environment", "vpcCidr", "subnets", "subnets.0", "subnets.0.az", "subnets.0.size", "nat", "flowLogs", "flowLogs.retentionDays",
        "operatorCidrs", "operatorCidrs.0", "operatorMinPrefix", "appPorts", "appPorts.0", "dbPort", "egressCidrs", "amiId", "webAccess", "certificateArn",
        "hosts", "hosts.web", "hosts.web.instanceType", "hosts.db.rootVolumeGiB", "access", "access.keyPair", "access.keyPair.name", "access.keyPair.publicKey",
        "access.keyPair.generate", "access.pemPath", "access.osUser", "access.bastion", "access.bastion.idleTimeoutSeconds", "access.bastion.remoteSyslog",
        "access.auditLog", "access.auditLog.web", "access.instanceConnect", "access.instanceConnect.iamGroups", "access.instanceConnect.iamGroups.0",
        "access.instanceConnect.iamGroupMembers", "access.instanceConnect.externalIamGroups", "access.recovery", "access.recovery.0", "access.recovery.0.newKey"];

    function withValue(path: string, value: unknown): Record<string, unknown> {
        const raw = JSON.parse(JSON.stringify({ ...minimal(), subnets: DEFAULT_SUBNETS, operatorCidrs: ["198.18.7.9/32"], appPorts: [8080], flowLogs: {}, hosts: { web: {}, db: {} },
            access: { keyPair: { name: "k", publicKey: PUBLIC_KEY }, bastion: {}, auditLog: {}, instanceConnect: { enabled: true, iamGroups: ["g"] }, recovery: [{ target: "web", newKey: { name: "k2", generate: true } }] } })) as Record<string, unknown>;
        const steps = path.split(".");
        let node = raw as Record<string, unknown>;
        for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
        node[steps[steps.length - 1]] = value;
        return raw;
    }

    for (const path of paths) {
        it(path, () => {
            for (const value of shapes) {
                const r = validateSettings(withValue(path, value), REGION, "dev");
                for (const p of r.problems) {
                    assert.ok(p.key.length > 0 && p.message.length > 0, `${path} = ${JSON.stringify(value)}: ${JSON.stringify(p)}`);
                    assert.ok(!p.message.includes("\n") && !/Invalid input|expected \w+, received/.test(p.message), `${path} = ${JSON.stringify(value)}: zod's own words in "${p.message}"`);
                }
            }
        });
    }
});

describe("stack config: whole values that are secrets, offline", () => {
    const secure = JSON.stringify({ secure: "v1:abc" });
    for (const [what, key, config] of [
        ["the settings object", "settings", { "aws:region": REGION, "bastion-network:settings": secure }],
        ["the region", "aws:region", { "aws:region": secure, "bastion-network:settings": JSON.stringify(minimal()) }],
        ["a key pulumi new wrote", "bastion-network:publicKey", { "aws:region": REGION, "bastion-network:prefix": "acme", "bastion-network:operatorCidr": "198.18.7.9/32", "bastion-network:publicKey": secure }],
    ] as const) {
        it(`names ${what} as a secret and says how to run with the passphrase`, () => {
            const r = validateStackConfig(config, "bastion-network", "dev");
            const p = r.problems.find((x) => x.key === key);
            assert.ok(p, JSON.stringify(r.problems));
            assert.match(p.message, /is a secret.*PULUMI_CONFIG_PASSPHRASE/);
            assert.ok(!r.problems.some((x) => x.key === "aws:region" && /required/.test(x.message)), "no second message for a secret region");
        });
    }
});
