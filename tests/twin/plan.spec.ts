/**
 * The twin's plan, without root: what it would build from dev and prod (addresses, route tables,
 * translations, rulesets, commands) and what it reads from the stack's ssh config, instructions and
 * user data. The live run is in twin.e2e.spec.ts.
 */
import { strict as assert } from "assert";
import { withStackRoot } from "../../offline/artifacts/stack-root";
import { networkOf, operatorCidrsOf } from "../../offline/snapshot-network";
import { knownString } from "../../policies/model/wire";
import { expectedExit } from "../../twin/egress-checks";
import { hardeningFiles } from "../../twin/hardening";
import { NS_PREFIX } from "../../twin/names";
import { namespaces, networkPlan } from "../../twin/network-plan";
import { hostRuleset, igwRuleset, natRuleset } from "../../twin/nft-rules";
import { operatorSetup, parseSshConfig } from "../../twin/ssh-config";
import { buildTopology, inCidr, TopologyError } from "../../twin/topology";
import { runStack } from "../helpers/mocks";
import { webSshFromWorld } from "./mutations";

async function dev() {
    const run = await runStack("dev");
    return { run, snapshot: withStackRoot(run.snapshot, run.outputs) };
}

describe("twin plan", () => {
    it("places every host at its private IP inside its subnet, the operator at the first operator CIDR, the client outside it", async () => {
        const { snapshot } = await dev();
        const t = buildTopology(snapshot);
        assert.deepEqual(t.hosts.map((h) => h.role).sort(), ["bastion", "db", "web"]);
        for (const h of t.hosts) assert.ok(inCidr(h.privateIp, t.subnets[h.subnet].cidr), `${h.label} ${h.privateIp}`);
        assert.equal(t.operatorIp, "203.0.113.10");
        assert.deepEqual(operatorCidrsOf(networkOf(snapshot)), ["203.0.113.10/32"]);
        assert.ok(!inCidr(t.clientIp, "203.0.113.10/32"));
        const bastion = t.hosts.find((h) => h.role === "bastion");
        assert.ok(bastion?.publicIp, "the bastion's Elastic IP");
        assert.deepEqual(t.publicMap.find((m) => m.privateIp === bastion?.privateIp), { privateIp: bastion?.privateIp, publicIp: bastion?.publicIp });
    });

    it("routes internal subnets only through a NAT, public and admin subnets through the internet gateway", async () => {
        for (const stack of ["dev", "prod"]) {
            const run = await runStack(stack);
            const t = buildTopology(run.snapshot);
            for (const s of t.subnets) {
                const kinds = s.routes.map((r) => r.via.kind);
                if (s.tier === "internal") assert.deepEqual(kinds, ["nat"], `${stack} ${s.label}`);
                else assert.deepEqual(kinds, ["igw"], `${stack} ${s.label}`);
            }
            if (stack === "prod") {
                // one NAT per AZ: each internal subnet leaves through the NAT of its own AZ
                const internal = t.subnets.filter((s) => s.tier === "internal");
                const nats = internal.map((s) => (s.routes[0].via.kind === "nat" ? t.nats[s.routes[0].via.nat] : undefined));
                assert.equal(new Set(nats.map((n) => n?.ns)).size, 2);
            }
        }
    });

    it("resolves group references to the members' private addresses: web and db admit SSH from the bastion's /32 only", async () => {
        const { snapshot } = await dev();
        const t = buildTopology(snapshot);
        const bastion = t.hosts.find((h) => h.role === "bastion");
        const web = t.hosts.find((h) => h.role === "web");
        const ssh = web?.firewall.filter((r) => r.direction === "in" && r.fromPort === 22);
        assert.deepEqual(ssh?.map((r) => r.peers), [[`${bastion?.privateIp}/32`]]);
        const rules = hostRuleset(web?.firewall ?? []);
        assert.match(rules, new RegExp(`ip saddr \\{ ${bastion?.privateIp?.replace(/\./g, "\\.")}/32 \\} meta l4proto tcp th dport 22 accept`));
        assert.match(rules, /policy drop;[\s\S]*ct state established,related accept/);
        assert.match(rules, /ip daddr \{ 0\.0\.0\.0\/0 \} accept/, "egress: all protocols to the world");
    });

    it("routes a subnet without its own association by its VPC's main table, as AWS does", async () => {
        const { snapshot } = await dev();
        const admin = (name: string) => /admin/.test(name);
        const assoc = snapshot.resources.find((r) => r.type === "aws:ec2/routeTableAssociation:RouteTableAssociation" && admin(r.name))!;
        const table = snapshot.resources.find((r) => r.type === "aws:ec2/routeTable:RouteTable" && admin(r.name))!;
        const vpc = snapshot.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
        const type = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
        const main = { ...assoc, urn: `urn:pulumi:dev::bastion-network::${type}::admin-main`, type, name: "admin-main",
            inputs: { vpcId: vpc.id, routeTableId: table.id }, outputs: { vpcId: vpc.id, routeTableId: table.id }, propertyDependencies: { vpcId: [vpc.urn], routeTableId: [table.urn] } };
        const t = buildTopology({ ...snapshot, resources: [...snapshot.resources.filter((r) => r !== assoc), main] });
        assert.deepEqual(t.subnets.filter((s) => s.tier === "admin").map((s) => s.routes.map((r) => r.via.kind)), [["igw"]]);
        // and without the main table the subnet has only the local route: no way out
        const bare = buildTopology({ ...snapshot, resources: snapshot.resources.filter((r) => r !== assoc) });
        assert.deepEqual(bare.subnets.filter((s) => s.tier === "admin").map((s) => s.routes), [[]]);
    });

    it("turns a mutated rule into what it says: web's SSH from the world", async () => {
        const { snapshot } = await dev();
        const t = buildTopology(webSshFromWorld(snapshot));
        const web = t.hosts.find((h) => h.role === "web");
        assert.deepEqual(web?.firewall.filter((r) => r.direction === "in" && r.fromPort === 22).map((r) => r.peers), [["0.0.0.0/0"]]);
    });

    it("translates public addresses 1:1 at the internet gateway and masquerades at the NAT", async () => {
        const { snapshot } = await dev();
        const t = buildTopology(snapshot);
        const igw = igwRuleset(t);
        for (const m of t.publicMap) {
            assert.ok(igw.includes(`ip daddr ${m.publicIp} dnat to ${m.privateIp}`));
            assert.ok(igw.includes(`ip saddr ${m.privateIp} snat to ${m.publicIp}`));
        }
        assert.match(igw, /reject with icmp type net-unreachable/, "the internet reaches nothing else");
        assert.match(natRuleset(t.nats[0], t.vpcCidr), new RegExp(`ip saddr != ${t.nats[0].privateIp.replace(/\./g, "\\.")} masquerade`));
    });

    it("expects the way out AWS gives: internal hosts through their NAT's Elastic IP, others only with a public address", async () => {
        const { snapshot } = await dev();
        const t = buildTopology(snapshot);
        const host = (role: string) => t.hosts.find((h) => h.role === role) as (typeof t.hosts)[number];
        assert.deepEqual(expectedExit(t, host("db")), { via: `NAT ${t.nats[0].label}`, seenAs: t.nats[0].publicIp });
        assert.deepEqual(expectedExit(t, host("bastion")), { via: "the internet gateway", seenAs: host("bastion").publicIp });
        assert.deepEqual(expectedExit(t, { ...host("web"), publicIp: undefined }), { via: "the internet gateway (no public address)" });
        assert.deepEqual(expectedExit(t, { ...host("db"), firewall: [] }), { via: "its egress rules" });
    });

    it("models prod's Instance Connect endpoint as a member of its group: web and db admit SSH from its address", async () => {
        const run = await runStack("prod");
        const t = buildTopology(run.snapshot);
        assert.equal(t.endpoints.length, 1);
        const eice = t.endpoints[0];
        for (const role of ["web", "db"]) {
            const h = t.hosts.find((x) => x.role === role);
            assert.ok(h?.firewall.some((r) => r.direction === "in" && r.fromPort === 22 && r.peers.includes(`${eice.privateIp}/32`)), role);
        }
        assert.ok(!t.hosts.find((x) => x.role === "bastion")?.firewall.some((r) => r.peers.includes(`${eice.privateIp}/32`)));
    });

    it("never configures the machine's own network: every command names a twin namespace", async () => {
        const { snapshot } = await dev();
        const t = buildTopology(snapshot);
        assert.ok(namespaces(t).every((n) => n.startsWith(NS_PREFIX) && n.length <= 15));
        for (const step of networkPlan(t)) {
            const a = step.argv;
            const scoped = (a[1] === "-n" && a[2].startsWith(NS_PREFIX)) || (a[1] === "netns" && ["add", "exec"].includes(a[2]) && a[3].startsWith(NS_PREFIX));
            assert.ok(scoped, a.join(" "));
            // veth pairs are created inside a twin namespace with their peer placed in another one
            if (a.includes("veth")) assert.ok(a[a.indexOf("netns", 4) + 1]?.startsWith(NS_PREFIX), a.join(" "));
        }
    });

    it("refuses a snapshot it cannot place, with one line", async () => {
        const { snapshot } = await dev();
        const noOperator = { ...snapshot, resources: snapshot.resources.filter((r) => !r.name.includes("from-operator")) };
        assert.throws(() => buildTopology(noOperator), (e: Error) => e instanceof TopologyError && /no operator CIDR/.test(e.message) && !e.message.includes("\n"));
    });

    it("follows the instructions: config saved where they say, Include line first, key chmod 400", async () => {
        const { run } = await dev();
        const entries = parseSshConfig(knownString(run.outputs.sshConfig) ?? "");
        assert.deepEqual(
            entries.filter((e) => !e.alias.endsWith("-eic")).map((e) => [e.alias, e.proxyJump]),
            [["mhson-bastion", undefined], ["mhson-web", "mhson-bastion"], ["mhson-db", "mhson-bastion"]],
        );
        const setup = operatorSetup(knownString(run.outputs.sshInstructions), entries, "mhson");
        assert.equal(setup.keyMode, 0o400);
        assert.equal(setup.keyPath, entries[0].identityFile);
        assert.match(setup.includeLine, /^Include \S+$/);
        assert.ok(setup.includeLine.endsWith(setup.configPath));
    });

    it("finds the bastion's rendered profile scripts, rsyslog rule and bash.bashrc addition in its user data", async () => {
        const { run } = await dev();
        const bastion = run.snapshot.resources.find((r) => r.type === "aws:ec2/instance:Instance" && r.name.includes("bastion"));
        const files = hardeningFiles(knownString(bastion?.inputs.userData));
        const profile = (files.byDirectory.get("/etc/profile.d") ?? []).map((f) => f.content).join("\n");
        assert.match(profile, /TMOUT=600/);
        assert.match(profile, /readonly TMOUT/);
        assert.match((files.byDirectory.get("/etc/rsyslog.d") ?? []).map((f) => f.content).join("\n"), /^local0\.\*\s+\/var\/log\/command\.log/m);
        assert.ok(files.appends.some((f) => f.path === "/etc/bash.bashrc"));
    });
});
