import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Hosts, userDataLifecycle } from "../../../infra/hosts/hosts";
import { named, ofType, runComponents, runStack, tagsOf } from "../../helpers/mocks";

const INSTANCE = "aws:ec2/instance:Instance";

describe("hosts on real AWS", () => {
    it("never sends associatePublicIpAddress: false to a host with an Elastic IP (AWS reads it back true, forcing a replacement)", async () => {
        const run = await runStack("dev");
        assert.equal("associatePublicIpAddress" in named(run, "mhson-ec2-bastion-2a").inputs, false);
        assert.equal(named(run, "mhson-ec2-db-2a").inputs.associatePublicIpAddress, false);
    });

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: no host boots before its way out exists (route table associations, NAT and its address, internet gateway)`, async () => {
            const run = await runStack(stack);
            const wayOut = run.snapshot.resources.filter((r) => [
                "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/natGateway:NatGateway", "aws:ec2/internetGateway:InternetGateway",
            ].includes(r.type) || (r.type === "aws:ec2/eip:Eip" && r.name.includes("-eip-nat-")));
            assert.ok(wayOut.length >= 7, `found ${wayOut.length} way-out resources`);
            for (const host of ofType(run, INSTANCE)) {
                const missing = wayOut.filter((w) => !host.dependencies.includes(w.urn)).map((w) => w.name);
                assert.deepEqual(missing, [], `${host.name} waits for all of them`);
            }
        });

        it(`${stack}: root volumes carry the provider's default tags (volumeTags does not inherit them)`, async () => {
            const run = await runStack(stack);
            for (const host of ofType(run, INSTANCE)) {
                const tags = host.inputs.volumeTags as Record<string, string>;
                assert.deepEqual([tags.Project, tags.Environment, tags.ManagedBy, tags.Name], ["bastion-network", stack, "pulumi", tagsOf(host).Name], host.name);
            }
        });
    }

    it("a user data change replaces web and the bastion; the database ignores it and keeps its data", async () => {
        const run = await runStack("dev");
        const replace = Object.fromEntries(ofType(run, INSTANCE).map((i) => [i.name, i.inputs.userDataReplaceOnChange]));
        assert.deepEqual(replace, { "mhson-ec2-web-2a": true, "mhson-ec2-db-2a": false, "mhson-ec2-bastion-2a": true });
        assert.deepEqual(userDataLifecycle("db").ignoreChanges, ["userData"]);
        assert.deepEqual(userDataLifecycle("web").ignoreChanges, []);
    });

    /** Each instance's ignoreChanges, as registered by a Hosts component built with `amiId`. */
    async function ignoredChanges(amiId: string | undefined): Promise<Record<string, string[] | undefined>> {
        const ignored: Record<string, string[] | undefined> = {};
        await runComponents(() => {
            pulumi.runtime.registerStackTransformation((a) => {
                if (a.type === INSTANCE) ignored[a.name] = a.opts.ignoreChanges;
                return undefined;
            });
            const place = (tier: "public" | "internal" | "admin") => ({
                subnetId: `subnet-${tier}`, az: "ap-northeast-2a", tier, securityGroupId: `sg-${tier}`,
                spec: { instanceType: "t3.micro", rootVolumeGiB: 30 }, userData: "#cloud-config\n{}\n",
            });
            new Hosts("h", {
                prefix: "p", region: "ap-northeast-2", amiId, keyName: "k", defaultTags: {}, bootAfter: [], elasticIpRoles: ["bastion"],
                hosts: { web: place("public"), db: place("internal"), bastion: place("admin") },
            });
            return {};
        });
        return ignored;
    }

    it("with a pinned amiId: the database ignores user data changes; changing amiId is an explicit upgrade", async () => {
        assert.deepEqual(await ignoredChanges("ami-0123456789abcdef0"), { "p-ec2-web-2a": [], "p-ec2-db-2a": ["userData"], "p-ec2-bastion-2a": [] });
    });

    it("with a looked-up image: a newer Canonical release never replaces the hosts (ami ignored after creation)", async () => {
        assert.deepEqual(await ignoredChanges(undefined), { "p-ec2-web-2a": ["ami"], "p-ec2-db-2a": ["userData", "ami"], "p-ec2-bastion-2a": ["ami"] });
    });

    it("exports the image the hosts run, to pin it", async () => {
        const run = await runStack("dev");
        assert.equal(run.outputs.amiId, named(run, "mhson-ec2-web-2a").inputs.ami);
        assert.match(String(run.outputs.amiId), /^ami-/);
    });
});
