import { strict as assert } from "assert";
import type { ResourceSnapshot } from "../../../offline/snapshot";
import { noPublicIpOnInternalHosts } from "../../../policies/rules";
import { T, UNKNOWN, cantRun, findings, namesOf, resource, runPolicies } from "../../helpers/harness";

const NAME = "no-public-ip-on-internal-hosts";
const run = (res: ResourceSnapshot[], config?: Record<string, unknown>) => runPolicies([noPublicIpOnInternalHosts], res, config ? { config: { [NAME]: config } } : undefined);

/** A tagged internal and public subnet, and an untagged one routed only through a NAT. */
function network(preview = false, extra: Record<string, Record<string, unknown>> = {}): ResourceSnapshot[] {
    const id = (x: string) => (preview ? UNKNOWN : x);
    return [
        resource(T.InternetGateway, "igw", { vpcId: id("vpc-1") }, { id: id("igw-1") }),
        resource(T.Subnet, "internal", { cidrBlock: "10.0.0.128/27", tags: { Tier: "internal" }, ...extra.internal }, { id: id("subnet-int") }),
        resource(T.Subnet, "public", { cidrBlock: "10.0.0.0/26", tags: { Tier: "public" }, mapPublicIpOnLaunch: true }, { id: id("subnet-pub") }),
        resource(T.Subnet, "untagged", { cidrBlock: "10.0.0.192/27", ...extra.untagged }, { id: id("subnet-unt") }),
        resource(T.RouteTable, "nat-rt", { routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: id("nat-1") }] }, { id: id("rtb-nat") }),
        resource(T.RouteTableAssociation, "unt-assoc", { subnetId: id("subnet-unt"), routeTableId: id("rtb-nat") }, { deps: { subnetId: ["untagged"], routeTableId: ["nat-rt"] } }),
        resource(T.RouteTable, "igw-rt", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: id("igw-1") }] }, { id: id("rtb-igw"), deps: { routes: ["igw"] } }),
        resource(T.Subnet, "untagged-public", { cidrBlock: "10.0.0.224/27" }, { id: id("subnet-untpub") }),
        resource(T.RouteTableAssociation, "untpub-assoc", { subnetId: id("subnet-untpub"), routeTableId: id("rtb-igw") }, { deps: { subnetId: ["untagged-public"], routeTableId: ["igw-rt"] } }),
    ];
}

const instance = (name: string, subnet: string, preview: boolean, inputs: Record<string, unknown> = {}) =>
    resource(T.Instance, name, { subnetId: preview ? UNKNOWN : `subnet-${subnet === "internal" ? "int" : subnet === "public" ? "pub" : subnet === "untagged" ? "unt" : "untpub"}`, ...inputs }, { id: preview ? UNKNOWN : `i-${name}`, deps: { subnetId: [subnet] } });

const table: [string, (p: boolean) => ResourceSnapshot[], string[]][] = [
    ["a private host in the internal subnet", (p) => [instance("db", "internal", p)], []],
    ["associatePublicIpAddress in the internal subnet", (p) => [instance("db", "internal", p, { associatePublicIpAddress: true })], ["db"]],
    ["associatePublicIpAddress in the public subnet", (p) => [instance("web", "public", p, { associatePublicIpAddress: true })], []],
    ["associatePublicIpAddress in an untagged NAT-only subnet", (p) => [instance("app", "untagged", p, { associatePublicIpAddress: true })], ["app"]],
    ["associatePublicIpAddress in an untagged IGW-routed subnet", (p) => [instance("app", "untagged-public", p, { associatePublicIpAddress: true })], []],
    ["an EIP bound to an internal host", (p) => [instance("db", "internal", p), resource(T.Eip, "db-eip", { instance: p ? UNKNOWN : "i-db", domain: "vpc" }, { deps: { instance: ["db"] } })], ["db-eip"]],
    ["an EIP bound to a public host", (p) => [instance("bastion", "public", p), resource(T.Eip, "b-eip", { instance: p ? UNKNOWN : "i-bastion" }, { deps: { instance: ["bastion"] } })], []],
    ["an EIP association to an internal host", (p) => [instance("db", "internal", p), resource(T.EipAssociation, "assoc", { instanceId: p ? UNKNOWN : "i-db", allocationId: "eipalloc-1" }, { deps: { instanceId: ["db"] } })], ["assoc"]],
    ["an EIP on a network interface in the internal subnet", (p) => [
        resource(T.NetworkInterface, "eni", { subnetId: p ? UNKNOWN : "subnet-int" }, { id: p ? UNKNOWN : "eni-1", deps: { subnetId: ["internal"] } }),
        resource(T.Eip, "eni-eip", { networkInterface: p ? UNKNOWN : "eni-1" }, { deps: { networkInterface: ["eni"] } })], ["eni-eip"]],
    ["a NAT EIP bound to nothing", () => [resource(T.Eip, "nat-eip", { domain: "vpc" })], []],
    ["a launch template interface in the internal subnet with a public IP", (p) => [
        resource(T.LaunchTemplate, "lt", { networkInterfaces: [{ subnetId: p ? UNKNOWN : "subnet-int", associatePublicIpAddress: "true" }] }, { deps: { networkInterfaces: ["internal"] } })], ["lt"]],
    ["a launch template interface in the internal subnet without one", (p) => [
        resource(T.LaunchTemplate, "lt", { networkInterfaces: [{ subnetId: p ? UNKNOWN : "subnet-int", associatePublicIpAddress: "false" }] }, { deps: { networkInterfaces: ["internal"] } })], []],
];

describe(NAME, () => {
    for (const [title, make, expected] of table) {
        for (const preview of [false, true]) {
            it(`${title}${preview ? " (ids unknown)" : ""} -> ${expected.length ? expected.join(", ") : "ok"}`, async () => {
                const r = await run([...network(preview), ...make(preview)]);
                assert.deepEqual(namesOf(findings(r, NAME)), expected);
                assert.deepEqual(cantRun(r, NAME), []);
            });
        }
    }
    it("an internal subnet that maps public IPs on launch is a violation", async () => {
        const r = await run(network(false, { internal: { mapPublicIpOnLaunch: true }, untagged: { mapPublicIpOnLaunch: true } }));
        assert.deepEqual(namesOf(findings(r, NAME)).sort(), ["internal", "untagged"]);
    });
    it("a deployed host with a public IP in an internal subnet is a violation", async () => {
        const host = instance("db", "internal", false);
        host.outputs = { ...host.outputs, publicIp: "54.1.2.3" };
        assert.deepEqual(namesOf(findings(await run([...network(), host]), NAME)), ["db"]);
    });
    it("an unknown subnet with associatePublicIpAddress is can't-run, never a violation", async () => {
        // The subnet id comes from an output of something that is no subnet of this stack.
        const param = resource("aws:ssm/parameter:Parameter", "subnet-param", { name: "/net/subnet" });
        const host = resource(T.Instance, "x", { subnetId: UNKNOWN, associatePublicIpAddress: true }, { deps: { subnetId: ["subnet-param"] } });
        const r = await run([...network(true), param, host]);
        assert.deepEqual(findings(r, NAME), []);
        assert.equal(cantRun(r, NAME).length, 1);
    });
    it("an unknown associatePublicIpAddress that the program set is can't-run", async () => {
        const param = resource("aws:ssm/parameter:Parameter", "flag-param", { name: "/net/public" });
        const host = resource(T.Instance, "db", { subnetId: UNKNOWN, associatePublicIpAddress: UNKNOWN }, { deps: { subnetId: ["internal"], associatePublicIpAddress: ["flag-param"] } });
        const r = await run([...network(true), param, host]);
        assert.deepEqual(findings(r, NAME), []);
        assert.equal(cantRun(r, NAME).length, 1);
    });
    it("an unknown associatePublicIpAddress the program did not set is the provider default, not a wait", async () => {
        const r = await run([...network(true), instance("db", "internal", true, { associatePublicIpAddress: UNKNOWN })]);
        assert.deepEqual(r.violations, []);
    });
    it("the routing heuristic can be switched off", async () => {
        const r = await run([...network(), instance("app", "untagged", false, { associatePublicIpAddress: true })], { useRouteHeuristic: false });
        assert.deepEqual(findings(r, NAME), []);
    });
    it("a subnet outside the stack is not claimed internal", async () => {
        const host = resource(T.Instance, "ext", { subnetId: "subnet-elsewhere", associatePublicIpAddress: true });
        assert.deepEqual(findings(await run([...network(), host]), NAME), []);
    });
    it("an Elastic IP bound through a value nothing in the stack tells is can't-run, never a violation", async () => {
        // The instance id comes from a parameter: which host it is, is not known until it is deployed.
        const param = resource("aws:ssm/parameter:Parameter", "host-param", { name: "/net/host" });
        for (const eip of [
            resource(T.Eip, "eip", { instance: UNKNOWN }, { deps: { instance: ["host-param"] } }),
            resource(T.EipAssociation, "assoc", { networkInterfaceId: UNKNOWN, allocationId: "eipalloc-1" }, { deps: { networkInterfaceId: ["host-param"] } }),
        ]) {
            const r = await run([...network(true), instance("db", "internal", true), param, eip]);
            assert.deepEqual(findings(r, NAME), [], eip.name);
            assert.equal(cantRun(r, NAME).length, 1, eip.name);
        }
    });
    it("an Elastic IP whose id depends on two hosts, one internal, is can't-run; both public is fine", async () => {
        const two = (a: string, b: string) => resource(T.EipAssociation, "assoc", { instanceId: UNKNOWN, allocationId: "eipalloc-1" }, { deps: { instanceId: [a, b] } });
        const mixed = await run([...network(true), instance("db", "internal", true), instance("web", "public", true), two("db", "web")]);
        assert.deepEqual([findings(mixed, NAME), cantRun(mixed, NAME).length], [[], 1]);
        const pub = await run([...network(true), instance("web", "public", true), instance("bastion", "untagged-public", true), two("web", "bastion")]);
        assert.deepEqual([findings(pub, NAME), cantRun(pub, NAME)], [[], []]);
    });
    it("an Elastic IP bound to a host outside the stack makes no claim", async () => {
        const r = await run([...network(), resource(T.Eip, "eip", { instance: "i-0elsewhere" })]);
        assert.deepEqual([findings(r, NAME), cantRun(r, NAME)], [[], []]);
    });
});
