import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { loadSettings } from "../../infra/config";
import { ConfigError } from "../../infra/config-problem";
import { buildStack } from "../../infra/stack";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../../offline/snapshot";
import { countByType, dependencyName, devAccess, named, ofType, runStack, tagsOf } from "../helpers/mocks";

const T = {
    vpc: "aws:ec2/vpc:Vpc", subnet: "aws:ec2/subnet:Subnet", igw: "aws:ec2/internetGateway:InternetGateway",
    nat: "aws:ec2/natGateway:NatGateway", eip: "aws:ec2/eip:Eip", rt: "aws:ec2/routeTable:RouteTable",
    rta: "aws:ec2/routeTableAssociation:RouteTableAssociation", sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    instance: "aws:ec2/instance:Instance", defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", flowLog: "aws:ec2/flowLog:FlowLog",
    logGroup: "aws:cloudwatch/logGroup:LogGroup", provider: "pulumi:providers:aws",
};

describe("the stack under mocks", function () {
    describe("dev (the default three-tier network)", () => {
        it("registers the three-tier network's resources", async () => {
            const c = countByType(await runStack("dev"));
            assert.deepEqual(
                [c[T.vpc], c[T.subnet], c[T.igw], c[T.nat], c[T.rt], c[T.rta], c[T.sg], c[T.instance], c[T.defaultSg], c[T.flowLog], c[T.logGroup]],
                [1, 4, 1, 1, 3, 4, 3, 3, 1, 1, 1],
            );
            assert.equal(c[T.eip], 3, "one EIP for the NAT, one for the bastion, one for web (webAccess: eip)");
        });

        it("places subnets as the plan says, named [prefix]-subnet-[tier]-[az]", async () => {
            const run = await runStack("dev");
            const rows = ofType(run, T.subnet).map((s) => [s.name, s.inputs.cidrBlock, s.inputs.availabilityZone, tagsOf(s).Tier, s.inputs.mapPublicIpOnLaunch]);
            assert.deepEqual(rows, [
                ["mhson-subnet-public-2a", "10.0.0.0/26", "ap-northeast-2a", "public", false],
                ["mhson-subnet-public-2c", "10.0.0.64/26", "ap-northeast-2c", "public", false],
                ["mhson-subnet-internal-2a", "10.0.0.128/27", "ap-northeast-2a", "internal", false],
                ["mhson-subnet-admin-2a", "10.0.0.160/27", "ap-northeast-2a", "admin", false],
            ]);
        });

        it("admits exactly the three tiers' ingress, by security group reference", async () => {
            const run = await runStack("dev");
            const rules = ofType(run, T.ingress).map((r) => {
                const target = dependencyName(run, r, "securityGroupId");
                const source = r.inputs.referencedSecurityGroupId ? dependencyName(run, r, "referencedSecurityGroupId") : r.inputs.cidrIpv4;
                assert.ok(typeof r.inputs.description === "string" && r.inputs.description.length > 0, `${r.name} has a description`);
                return `${target} ${r.inputs.ipProtocol} ${r.inputs.fromPort}-${r.inputs.toPort} from ${source}`;
            });
            assert.deepEqual(rules.sort(), [
                "mhson-sg-bastion tcp 22-22 from 203.0.113.10/32",
                "mhson-sg-db tcp 22-22 from mhson-sg-bastion",
                "mhson-sg-db tcp 3306-3306 from mhson-sg-web",
                "mhson-sg-web tcp 22-22 from mhson-sg-bastion",
                "mhson-sg-web tcp 8080-8080 from 0.0.0.0/0",
            ]);
        });

        it("keeps rules out of the groups themselves and empties the default group", async () => {
            const run = await runStack("dev");
            for (const sg of [...ofType(run, T.sg), ...ofType(run, T.defaultSg)]) {
                assert.equal(sg.inputs.ingress, undefined, `${sg.name} has no inline ingress`);
                assert.equal(sg.inputs.egress, undefined, `${sg.name} has no inline egress`);
            }
            assert.equal(ofType(run, T.egress).length, 3, "one egress rule per group");
        });

        it("routes public and admin to the internet gateway and internal only through NAT", async () => {
            const run = await runStack("dev");
            const routesOf = (tier: string) => {
                const rt = ofType(run, T.rt).find((r) => tagsOf(r).Tier === tier)!;
                return (rt.inputs.routes as Record<string, string>[]).map((route) => `${route.cidrBlock} ${route.gatewayId ? "igw" : route.natGatewayId ? "nat" : "?"}`);
            };
            assert.deepEqual(routesOf("public"), ["0.0.0.0/0 igw"]);
            assert.deepEqual(routesOf("admin"), ["0.0.0.0/0 igw"]);
            assert.deepEqual(routesOf("internal"), ["0.0.0.0/0 nat"]);
            const nat = ofType(run, T.nat)[0];
            assert.equal(dependencyName(run, nat, "subnetId"), "mhson-subnet-public-2a", "NAT sits in the public subnet of the internal subnet's AZ");
            for (const a of ofType(run, T.rta)) {
                const subnet = dependencyName(run, a, "subnetId")!;
                const table = dependencyName(run, a, "routeTableId")!;
                assert.equal(table.split("-")[2], subnet.split("-")[2], `${subnet} uses its own tier's table (${table})`);
            }
        });

        it("gives no host a public address except the Elastic IPs of the bastion and (webAccess: eip) web", async () => {
            const run = await runStack("dev");
            // Hosts with an Elastic IP leave associatePublicIpAddress to their subnet (see tests/infra/hosts/hosts.spec.ts).
            for (const i of ofType(run, T.instance)) assert.equal(i.inputs.associatePublicIpAddress, i.name.includes("-db-") ? false : undefined, i.name);
            const bound = ofType(run, T.eip).filter((e) => e.inputs.instance !== undefined);
            assert.deepEqual(bound.map((e) => dependencyName(run, e, "instance")).sort(), ["mhson-ec2-bastion-2a", "mhson-ec2-web-2a"]);
            assert.match(String(run.outputs.bastionPublicIp), /^203\.0\.113\.\d+$/);
        });

        it("requires IMDSv2 and encrypts every root volume", async () => {
            for (const i of ofType(await runStack("dev"), T.instance)) {
                assert.deepEqual(i.inputs.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }, i.name);
                const root = i.inputs.rootBlockDevice as Record<string, unknown>;
                assert.equal(root.encrypted, true, i.name);
                assert.equal(root.volumeType, "gp3", i.name);
                assert.equal(root.volumeSize, 30, i.name);
            }
        });

        it("puts each host in its tier's subnet with its own group, named and tagged by role", async () => {
            const run = await runStack("dev");
            // Sorted: hosts wait for their way out, so their registration order is not fixed.
            const rows = ofType(run, T.instance).map((i) => [i.name, dependencyName(run, i, "subnetId"), dependencyName(run, i, "vpcSecurityGroupIds"), tagsOf(i).Role, tagsOf(i).Tier, i.inputs.instanceType]);
            assert.deepEqual(rows.sort((a, b) => ["web", "db", "bastion"].indexOf(String(a[3])) - ["web", "db", "bastion"].indexOf(String(b[3]))), [
                ["mhson-ec2-web-2a", "mhson-subnet-public-2a", "mhson-sg-web", "web", "public", "t3.medium"],
                ["mhson-ec2-db-2a", "mhson-subnet-internal-2a", "mhson-sg-db", "db", "internal", "t3.medium"],
                ["mhson-ec2-bastion-2a", "mhson-subnet-admin-2a", "mhson-sg-bastion", "bastion", "admin", "t3.micro"],
            ]);
        });

        it("names every AWS resource with the prefix and tags it through the provider's defaultTags", async () => {
            const run = await runStack("dev");
            const provider = ofType(run, T.provider)[0];
            // Providers receive object inputs JSON-encoded.
            const defaultTags = provider.inputs.defaultTags;
            const parsed = (typeof defaultTags === "string" ? JSON.parse(defaultTags) : defaultTags) as { tags: unknown };
            assert.deepEqual(parsed.tags, { Project: "bastion-network", Environment: "dev", ManagedBy: "pulumi" });
            for (const r of run.snapshot.resources.filter((x) => x.custom && x.type.startsWith("aws:"))) {
                assert.match(r.name, /^mhson-/, `${r.type} ${r.name}`);
                if (r.inputs.tags) assert.ok(tagsOf(r).Name, `${r.name} has a Name tag`);
            }
            for (const type of [T.subnet, T.rt, T.sg, T.instance]) {
                for (const r of ofType(run, type)) assert.ok(["public", "internal", "admin"].includes(tagsOf(r).Tier), `${r.name} has a Tier`);
            }
            for (const type of [T.sg, T.instance]) for (const r of ofType(run, type)) assert.ok(tagsOf(r).Role, `${r.name} has a Role`);
        });

        it("exports the subnet table, private IPs and group ids", async () => {
            const o = (await runStack("dev")).outputs as Record<string, Record<string, unknown>>;
            assert.deepEqual((o.subnets as unknown as Record<string, unknown>[]).map((s) => [s.name, s.cidr, s.usableAddresses]), [
                ["mhson-subnet-public-2a", "10.0.0.0/26", 59], ["mhson-subnet-public-2c", "10.0.0.64/26", 59],
                ["mhson-subnet-internal-2a", "10.0.0.128/27", 27], ["mhson-subnet-admin-2a", "10.0.0.160/27", 27],
            ]);
            assert.match(String(o.privateIps.db), /^10\.0\.0\.(1[3-5]\d)$/, "db's private IP is in the internal /27");
            assert.deepEqual(Object.keys(o.securityGroupIds).sort(), ["bastion", "db", "web"]);
        });

        it("leaves ids unknown in preview mode but still sends what config decides", async () => {
            const run = await runStack("dev", { preview: true });
            const db = named(run, "mhson-ec2-db-2a");
            assert.equal(db.inputs.subnetId, UNKNOWN);
            assert.equal(db.inputs.associatePublicIpAddress, false);
            assert.equal(run.outputs.bastionPublicIp, UNKNOWN);
        });
    });

    describe("prod and NAT strategies", () => {
        it("prod: one NAT per internal AZ, an internal route table per AZ, larger hosts", async () => {
            const run = await runStack("prod");
            assert.equal(ofType(run, T.nat).length, 2);
            const internal = ofType(run, T.rt).filter((r) => tagsOf(r).Tier === "internal");
            assert.deepEqual(internal.map((r) => r.name), ["mhson-prod-rt-internal-2a", "mhson-prod-rt-internal-2c"]);
            for (const rt of internal) {
                const az = rt.name.split("-").pop();
                const nat = dependencyName(run, rt, "routes");
                assert.equal(nat, `mhson-prod-nat-public-${az}`, `${rt.name} routes through its own AZ's NAT`);
            }
            assert.equal(named(run, "mhson-prod-ec2-db-2a").inputs.instanceType, "r6i.large");
        });

        it("nat: none gives internal subnets no default route at all", async () => {
            const run = await runStack("dev", { settings: { nat: "none" } });
            assert.equal(ofType(run, T.nat).length, 0);
            const internal = ofType(run, T.rt).find((r) => tagsOf(r).Tier === "internal")!;
            assert.deepEqual(internal.inputs.routes, []);
        });

        it("flowLogs.enabled: false leaves flow logs out", async () => {
            const run = await runStack("dev", { settings: { flowLogs: { enabled: false } } });
            assert.equal(ofType(run, T.flowLog).length, 0);
            assert.equal(ofType(run, T.logGroup).length, 0);
        });
    });

    describe("access wiring", () => {
        it("prod: the Instance Connect endpoint's group is the only other SSH source of web and db", async () => {
            const run = await runStack("prod");
            const ssh = ofType(run, T.ingress).filter((r) => r.inputs.fromPort === 22)
                .map((r) => `${dependencyName(run, r, "securityGroupId")} from ${r.inputs.cidrIpv4 ?? dependencyName(run, r, "referencedSecurityGroupId")}`);
            assert.deepEqual(ssh.sort(), [
                "mhson-prod-sg-bastion from 203.0.113.10/32",
                "mhson-prod-sg-db from mhson-prod-sg-bastion",
                "mhson-prod-sg-db from mhson-prod-sg-eice",
                "mhson-prod-sg-web from mhson-prod-sg-bastion",
                "mhson-prod-sg-web from mhson-prod-sg-eice",
            ]);
            const endpoint = ofType(run, "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint")[0];
            assert.equal(dependencyName(run, endpoint, "subnetId"), "mhson-prod-subnet-internal-2a");
            assert.match(String(run.outputs.sshConfig), /open-tunnel .*--instance-connect-endpoint-id eice-/);
        });

        it("dev without Instance Connect has no IAM policy and no -eic ssh entries", async () => {
            const run = await runStack("dev", { settings: { access: { ...devAccess(), instanceConnect: { enabled: false } } } });
            assert.equal(ofType(run, "aws:iam/policy:Policy").length, 0);
            assert.doesNotMatch(String(run.outputs.sshConfig), /-eic/);
            assert.match(String(run.outputs.sshConfig), /Host mhson-web\n\s+HostName 10\.0\.0\.\d+/);
        });

        it("generate mode keeps the private key a secret output", async () => {
            const run = await runStack("dev", { settings: { access: { ...devAccess(), keyPair: { name: "mhson-gen", generate: true } } } });
            const secret = run.outputs.privateKeyOpenssh as Record<string, unknown>;
            assert.equal(secret[SECRET_SIG_KEY], SECRET_SIG, "the private key output is a secret");
            assert.match(String(run.outputs.sshInstructions), /pulumi stack output privateKeyOpenssh --show-secrets/);
        });

        it("recovering web relaunches it from an image in web's subnet with web's group and a new key", async () => {
            const newKey = { name: "mhson-key-2", publicKey: devAccess().keyPair.publicKey };
            const run = await runStack("dev", { settings: { access: { ...devAccess(), recovery: [{ target: "web", newKey }] } } });
            const replacement = ofType(run, T.instance).find((i) => i.name.endsWith("-recovered"))!;
            const original = named(run, "mhson-ec2-web-2a");
            assert.equal(replacement.inputs.subnetId, original.outputs.subnetId);
            assert.deepEqual(replacement.inputs.vpcSecurityGroupIds, original.outputs.vpcSecurityGroupIds);
            assert.equal(tagsOf(replacement).Role, "web");
            assert.equal(replacement.inputs.keyName, "mhson-key-2");
            const image = ofType(run, "aws:ec2/amiFromInstance:AmiFromInstance")[0];
            assert.equal(image.inputs.sourceInstanceId, original.id);
            const policy = JSON.parse(String(ofType(run, "aws:iam/policy:Policy")[0].inputs.policy));
            assert.ok(JSON.stringify(policy).includes(String(replacement.outputs.arn)), "Instance Connect may push keys to the replacement");
            assert.match(String(run.outputs.sshConfig), new RegExp(`Host mhson-web\\n\\s+HostName ${String(replacement.outputs.privateIp).replace(/\./g, "\\.")}\\n`), "ssh goes to the replacement");
            assert.equal((run.outputs.privateIps as Record<string, unknown>).web, replacement.outputs.privateIp, "privateIps names the host in service");
        });
    });

    describe("recovering the bastion", () => {
        it("moves the Elastic IP to the replacement and points the ssh config at it", async () => {
            const newKey = { name: "mhson-key-2", publicKey: devAccess().keyPair.publicKey };
            const run = await runStack("dev", { settings: { access: { ...devAccess(), recovery: [{ target: "bastion", newKey }] } } });
            const replacement = ofType(run, T.instance).find((i) => i.name.endsWith("-recovered"))!;
            assert.equal(tagsOf(replacement).Role, "bastion");
            const bound = ofType(run, T.eip).filter((e) => e.name.includes("-eip-bastion-"));
            assert.deepEqual(bound.map((e) => dependencyName(run, e, "instance")), [replacement.name]);
            assert.ok(String(run.outputs.sshConfig).includes(String(replacement.id)), "the -eic entry pushes keys to the replacement");
            assert.ok(!String(run.outputs.sshConfig).includes(String(named(run, "mhson-ec2-bastion-2a").id)), "nothing points at the old bastion");
        });
    });

    describe("bad config", () => {
        it("is refused with every problem before any resource is registered", async () => {
            const registered: string[] = [];
            await pulumi.runtime.setMocks({
                newResource: (args) => { registered.push(args.type); return { id: `${args.name}-id`, state: args.inputs }; },
                call: (args) => args.inputs,
            }, "bastion-network", "dev", false);
            pulumi.runtime.setAllConfig({
                "aws:region": "ap-northeast-2",
                "bastion-network:settings": JSON.stringify({ prefix: "mhson", vpcCidr: "10.0.0.0/8", operatorCidrs: ["0.0.0.0/0"], access: {} }),
            });
            let error: unknown;
            try {
                buildStack(loadSettings());
            } catch (e) {
                error = e;
            }
            assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
            assert.ok(pulumi.RunError.isInstance(error), "shown by the CLI without a stack trace");
            assert.deepEqual(error.problems.map((p) => p.key).sort(), ["access.keyPair", "operatorCidrs[0]", "vpcCidr"]);
            await new Promise((r) => setTimeout(r, 50));
            assert.deepEqual(registered, []);
        });
    });
});
