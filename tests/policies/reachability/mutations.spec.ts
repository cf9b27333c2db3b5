/**
 * Paths opened and closed by changing one thing, and each way a rule, route or ACL can be written:
 * the model must follow what AWS does, not what the resource is called.
 */
import { strict as assert } from "assert";
import { buildReachability } from "../../../policies/reachability";
import { UNKNOWN } from "../../../offline/snapshot";
import { Builder, OPERATOR, TY, ask, link, seedNetwork } from "./network-fixture";

const build = (b: Builder) => buildReachability(b.snapshot(), { operatorCidrs: [OPERATOR] });

/** The db with a public IP and 3306 open to the world: the classic mistake. */
function exposeDb(b: Builder): void {
    const db = b.get("db");
    db.inputs.associatePublicIpAddress = true;
    db.outputs.associatePublicIpAddress = true;
    db.outputs.publicIp = b.preview ? UNKNOWN : "198.51.100.9";
    b.add(TY.ingress, "db-3306-from-anywhere", { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/0" }, [link("securityGroupId", TY.sg, "sg-db")]);
}

/** Points the internal route table's default route at the internet gateway instead of the NAT gateway. */
function internalViaIgw(b: Builder): void {
    for (const r of [b.get("rt-internal")]) {
        const routes = [{ cidrBlock: "0.0.0.0/0", gatewayId: b.idOf("igw") }];
        r.inputs.routes = routes;
        r.outputs.routes = routes;
        r.propertyDependencies.routes = [`urn:pulumi:dev::bastion-network::${TY.igw}::igw`];
    }
}

describe("reachability: mutations", () => {
    it("opens a path: public IP + 3306 from anywhere + an internet-gateway route on the db's subnet", () => {
        const b = seedNetwork();
        exposeDb(b);
        internalViaIgw(b);
        const row = ask(build(b), "internet", "db", "tcp", 3306);
        assert.equal(row.verdict, "yes", row.reason);
        assert.match(row.reason, /^db-3306-from-anywhere \(tcp 3306 from 0\.0\.0\.0\/0\); to 198\.51\.100\.9 \(public-ip\); t-rt-internal: 0\.0\.0\.0\/0 -> t-igw/);
    });
    it("a public IP and an open port are not enough while the subnet routes out through NAT (the reply leaves by another address)", () => {
        const b = seedNetwork();
        exposeDb(b);
        const row = ask(build(b), "internet", "db", "tcp", 3306);
        assert.equal(row.verdict, "no");
        assert.equal(row.decidedBy?.stage, "route");
        assert.match(row.reason, /t-rt-internal: 0\.0\.0\.0\/0 -> .*NAT gateway/);
    });
    it("in a preview, the exposed db's public IP is known to exist (associatePublicIpAddress) though its address is not", () => {
        const b = seedNetwork({ preview: true });
        exposeDb(b);
        internalViaIgw(b);
        const row = ask(build(b), "internet", "db", "tcp", 3306);
        assert.equal(row.verdict, "yes", row.reason);
        assert.match(row.via!.address, /public-ip/);
    });
    it("closes a path: without its Elastic IP the bastion is unreachable from the operator", () => {
        const b = seedNetwork();
        b.remove("eip-bastion");
        const row = ask(build(b), `operator ${OPERATOR}`, "bastion", "tcp", 22);
        assert.equal(row.verdict, "no");
        assert.equal(row.reason, "t-ec2-bastion has no public address");
    });
    it("closes a path: without the bastion's egress rule, bastion -> db:22 stops at egress", () => {
        const b = seedNetwork();
        b.remove("bastion-egress");
        const row = ask(build(b), "bastion", "db", "tcp", 22);
        assert.equal(row.verdict, "no");
        assert.equal(row.decidedBy?.stage, "egress");
    });
    it("closes a path: the admin subnet without an internet-gateway route", () => {
        const b = seedNetwork();
        b.remove("admin-rta");
        const m = build(b);
        const row = ask(m, `operator ${OPERATOR}`, "bastion", "tcp", 22);
        assert.equal(row.verdict, "no");
        assert.match(row.reason, /main route table of t-vpc \(local route only, as AWS creates it\) has no route/);
        // ...and the main table decides once one is associated with the VPC.
        b.add(TY.mainRta, "main", {}, [link("vpcId", TY.vpc, "vpc"), link("routeTableId", TY.rt, "rt-public")]);
        assert.equal(ask(build(b), `operator ${OPERATOR}`, "bastion", "tcp", 22).verdict, "yes");
    });
});

/** The internal table's routes, replaced. */
function internalRoutes(b: Builder, routes: Record<string, unknown>[], deps: string[]): void {
    const r = b.get("rt-internal");
    r.inputs.routes = routes;
    r.outputs.routes = routes;
    r.propertyDependencies.routes = deps.map((d) => `urn:pulumi:dev::bastion-network::${d}`);
}

describe("reachability: routes and ACLs that share the internet between several ranges", () => {
    const igw = `${TY.igw}::igw`;
    it("0.0.0.0/1 + 128.0.0.0/1 to the internet gateway is a way in, as 0.0.0.0/0 is", () => {
        const b = seedNetwork();
        exposeDb(b);
        internalRoutes(b, [{ cidrBlock: "0.0.0.0/1", gatewayId: b.idOf("igw") }, { cidrBlock: "128.0.0.0/1", gatewayId: b.idOf("igw") }], [igw]);
        const row = ask(build(b), "internet", "db", "tcp", 3306);
        assert.equal(row.verdict, "yes", row.reason);
        assert.match(row.reason, /t-rt-internal: 0\.0\.0\.0\/1 -> t-igw/);
    });
    it("a public range routed to the internet gateway under a NAT default route lets that part of the internet in", () => {
        const b = seedNetwork();
        exposeDb(b);
        const nat = b.get("rt-internal").inputs.routes as Record<string, unknown>[];
        internalRoutes(b, [...nat, { cidrBlock: "198.51.100.0/24", gatewayId: b.idOf("igw") }], [igw, `${TY.nat}::nat`]);
        assert.equal(ask(build(b), "internet", "db", "tcp", 3306).verdict, "yes");
        // A private range to the internet gateway is no way in: no internet address is in it.
        internalRoutes(b, [...nat, { cidrBlock: "172.16.0.0/12", gatewayId: b.idOf("igw") }], [igw, `${TY.nat}::nat`]);
        assert.equal(ask(build(b), "internet", "db", "tcp", 3306).verdict, "no");
    });
    it("only half the internet routed anywhere still lets that half in; routes that cover no internet address are no route to it", () => {
        const b = seedNetwork();
        exposeDb(b);
        internalRoutes(b, [{ cidrBlock: "128.0.0.0/1", gatewayId: b.idOf("igw") }], [igw]);
        assert.equal(ask(build(b), "internet", "db", "tcp", 3306).verdict, "yes");
        internalRoutes(b, [{ cidrBlock: "10.0.0.0/8", gatewayId: b.idOf("igw") }], [igw]);
        assert.match(ask(build(b), "internet", "db", "tcp", 3306).reason, /t-rt-internal has no route to the internet/);
    });
    it("an ACL that allows 0.0.0.0/1 and 128.0.0.0/1 lets the internet in; one that denies both halves keeps it out", () => {
        const acl = (b: Builder, action: string) => b.add(TY.nacl, "acl-internal", {
            ingress: [
                { ruleNo: 10, action, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/1" },
                { ruleNo: 20, action, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "128.0.0.0/1" },
                { ruleNo: 100, action: action === "allow" ? "deny" : "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
            ],
            egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
        }, [link("vpcId", TY.vpc, "vpc"), link("subnetIds", TY.subnet, "internal", { list: true })]);
        const allowed = seedNetwork();
        exposeDb(allowed);
        internalViaIgw(allowed);
        acl(allowed, "allow");
        assert.equal(ask(build(allowed), "internet", "db", "tcp", 3306).verdict, "yes");
        const denied = seedNetwork();
        exposeDb(denied);
        internalViaIgw(denied);
        acl(denied, "deny");
        const row = ask(build(denied), "internet", "db", "tcp", 3306);
        assert.equal(row.verdict, "no");
        assert.match(row.reason, /ingress rule 20 denies inbound tcp 3306/);
    });
});

describe("reachability: rule forms", () => {
    it("inline ingress blocks, all protocols: a CIDR block list opens every port", () => {
        const b = seedNetwork();
        const sg = b.get("sg-db");
        const ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.160/27"] }];
        sg.inputs.ingress = ingress;
        sg.outputs.ingress = ingress;
        const m = build(b);
        const row = ask(m, "bastion", "db", "udp", 53);
        assert.equal(row.verdict, "yes", row.reason);
        assert.equal(row.protocol, "all");
        assert.match(row.via!.rule, /t-sg-db inline ingress #1 \(all traffic from 10\.0\.0\.160\/27\)/);
        // the web host is in another subnet: the CIDR does not cover it
        assert.equal(ask(m, "web", "db", "udp", 53).verdict, "no");
    });
    it("aws.ec2.SecurityGroupRule: self, a source group and a prefix list", () => {
        const b = seedNetwork();
        b.add(TY.legacy, "db-self", { type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, self: true }, [link("securityGroupId", TY.sg, "sg-db")]);
        b.add(TY.legacy, "web-9000-from-bastion", { type: "ingress", protocol: "tcp", fromPort: 9000, toPort: 9100 }, [link("securityGroupId", TY.sg, "sg-web"), link("sourceSecurityGroupId", TY.sg, "sg-bastion")]);
        b.add(TY.prefixList, "office", { addressFamily: "IPv4", entries: [{ cidr: "192.0.2.0/24" }], tags: { Name: "t-office" } });
        b.add(TY.legacy, "bastion-from-office", { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [b.idOf("office")] }, [link("securityGroupId", TY.sg, "sg-bastion"), link("prefixListIds", TY.prefixList, "office")]);
        const m = build(b);
        assert.equal(ask(m, "bastion", "web", "tcp", 9050).verdict, "yes");
        assert.equal(ask(m, "db", "web", "tcp", 9050).verdict, "no");
        assert.equal(ask(m, "192.0.2.0/24", "bastion", "tcp", 22).verdict, "yes");
        // self: members of the db group only; the db is the only member, and a host never reaches itself
        assert.equal(ask(m, "web", "db", "tcp", 5432).verdict, "no");
    });
    it("a network ACL denying 22 into the internal subnet blocks bastion -> db:22 (the first matching entry wins)", () => {
        const b = seedNetwork();
        b.add(TY.nacl, "acl-internal", {
            ingress: [
                { ruleNo: 90, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "10.0.0.160/27" },
                { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
            ],
            egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
            tags: { Name: "t-acl-internal" },
        }, [link("vpcId", TY.vpc, "vpc"), link("subnetIds", TY.subnet, "internal", { list: true })]);
        const m = build(b);
        const row = ask(m, "bastion", "db", "tcp", 22);
        assert.equal(row.verdict, "no");
        assert.equal(row.decidedBy?.stage, "nacl");
        assert.match(row.reason, /ingress rule 90 denies inbound tcp 22/);
        assert.equal(ask(m, "web", "db", "tcp", 3306).verdict, "yes");
    });
    it("a stateless ACL without a return path for ephemeral ports blocks the connection", () => {
        const b = seedNetwork();
        b.add(TY.nacl, "acl-internal", {
            ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
            egress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" }],
        }, [link("vpcId", TY.vpc, "vpc"), link("subnetIds", TY.subnet, "internal", { list: true })]);
        const row = ask(build(b), "web", "db", "tcp", 3306);
        assert.equal(row.verdict, "no");
        assert.match(row.reason, /denies outbound tcp 1024-65535/);
    });
});

describe("reachability: unknown values give unknown, never a guess", () => {
    it("a source CIDR not known yet (preview) -> unknown, marked as a preview unknown", () => {
        const b = seedNetwork({ preview: true });
        b.add(TY.ingress, "bastion-22-from-computed", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: UNKNOWN }, [link("securityGroupId", TY.sg, "sg-bastion")]);
        const row = ask(build(b), "internet", "bastion", "tcp", 22);
        assert.equal(row.verdict, "unknown");
        assert.equal(row.preview, true);
        assert.match(row.reason, /not known yet/);
    });
    it("whether a host gets a public IP, when its setting is an unknown input -> unknown", () => {
        const b = seedNetwork({ preview: true });
        b.remove("eip-bastion");
        b.get("bastion").inputs.associatePublicIpAddress = UNKNOWN;
        b.get("bastion").outputs.associatePublicIpAddress = UNKNOWN;
        const row = ask(build(b), `operator ${OPERATOR}`, "bastion", "tcp", 22);
        assert.equal(row.verdict, "unknown");
        assert.equal(row.decidedBy?.stage, "address");
    });
    it("a definite block elsewhere on the path still decides no", () => {
        const b = seedNetwork({ preview: true });
        b.get("web").inputs.associatePublicIpAddress = UNKNOWN;
        b.get("web").outputs.associatePublicIpAddress = UNKNOWN;
        // 22 on web is only from the bastion's group: whatever the address, the internet is not admitted
        assert.equal(ask(build(b), "internet", "web", "tcp", 22).verdict, "no");
    });
    it("a group outside the snapshot -> unknown, not a preview unknown", () => {
        const b = seedNetwork();
        const web = b.get("web");
        web.outputs.vpcSecurityGroupIds = ["sg-0123456789abcdef0"];
        web.inputs.vpcSecurityGroupIds = ["sg-0123456789abcdef0"];
        web.propertyDependencies.vpcSecurityGroupIds = [];
        b.add(TY.eip, "eip-web", { domain: "vpc" }, [link("instance", TY.instance, "web")], { publicIp: "203.0.113.80" });
        const row = ask(build(b), "internet", "web", "?");
        assert.equal(row.verdict, "unknown");
        assert.equal(row.preview, false);
        assert.match(row.reason, /sg-0123456789abcdef0 is not in the snapshot/);
    });
});

describe("reachability: load balancers answer on their listeners only", () => {
    it("a group open to all traffic still gives only the listener's port", () => {
        const b = seedNetwork({ web: "alb" });
        b.add(TY.ingress, "alb-all", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, [link("securityGroupId", TY.sg, "sg-alb")]);
        const m = build(b);
        const alb = m.endpoints.find((e) => e.label === "t-alb")!;
        assert.deepEqual(m.rows.filter((r) => r.from === "internet" && r.to === alb.id).map((r) => `${r.protocol} ${r.ports?.from} ${r.verdict}`), ["tcp 80 yes"]);
        assert.equal(ask(m, "internet", "alb", "tcp", 22).verdict, "no");
    });
    it("without a listener in the snapshot, what it answers on is unknown", () => {
        const b = seedNetwork({ web: "alb" });
        b.remove("alb-80");
        const row = ask(build(b), "internet", "alb", "tcp", 80);
        assert.equal(row.verdict, "unknown");
        assert.equal(row.decidedBy?.stage, "listener");
    });
});

describe("reachability: what the real analyzer sees in a preview", () => {
    it("a group's inline ingress that the program never set is an unknown computed output, not unknown rules", () => {
        const b = seedNetwork({ preview: true, web: "eip" });
        // As the analyzer passes it: outputs only, the computed `ingress`/`egress` unknown, a dependency key per input sent.
        for (const name of ["sg-web", "sg-db", "sg-bastion"]) {
            const sg = b.get(name);
            sg.outputs = { ...sg.inputs, id: UNKNOWN, ingress: UNKNOWN, egress: UNKNOWN };
            delete (sg as { inputs?: unknown }).inputs;
            (sg as { inputs: Record<string, unknown> }).inputs = undefined as unknown as Record<string, unknown>;
        }
        const m = build(b);
        assert.deepEqual(m.rows.filter((r) => r.verdict === "unknown").map((r) => r.reason), []);
        assert.equal(ask(m, "internet", "web", "tcp", 8080).verdict, "yes");
        // ...while one the program did set, and that is unknown, stays unknown.
        const sg = b.get("sg-db");
        sg.propertyDependencies.ingress = [];
        const row = ask(build(b), "bastion", "db", "?");
        assert.equal(row.verdict, "unknown");
        assert.ok(row.steps.some((st) => /t-sg-db inline ingress \(not known yet\)/.test(st.text)), row.steps.map((st) => st.text).join("; "));
    });
});
