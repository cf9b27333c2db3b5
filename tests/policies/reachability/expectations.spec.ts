/**
 * The stack's expectations, on hand-built snapshots of the three-tier network (the real stacks are checked
 * the same way in tests/offline/reachability): who reaches what, on which port, and why — after an
 * update and in a preview, where ids are unknown and references resolve through dependencies.
 */
import { strict as assert } from "assert";
import { buildReachability } from "../../../policies/reachability";
import { NetworkOptions, OPERATOR, ask, seedNetwork } from "./network-fixture";

const model = (o: NetworkOptions = {}) => buildReachability(seedNetwork(o).snapshot(), { operatorCidrs: [OPERATOR] });

for (const preview of [false, true]) {
    describe(`reachability expectations of the three-tier network (${preview ? "preview" : "after an update"})`, () => {
        const m = model({ preview });
        const operator = `operator ${OPERATOR}`;

        it("operator -> bastion:22 yes, through its Elastic IP, the admin route to the internet gateway and the operator rule", () => {
            const row = ask(m, operator, "bastion", "tcp", 22);
            assert.equal(row.verdict, "yes", row.reason);
            assert.match(row.via!.address, preview ? /elastic-ip/ : /^203\.0\.113\.72 \(elastic-ip\)$/);
            assert.match(row.via!.route, /t-rt-admin: 0\.0\.0\.0\/0 -> t-igw \(internet gateway\)/);
            assert.match(row.via!.rule, /^t-bastion-22-from-operator \(tcp 22 from 203\.0\.113\.10\/32\)$/);
        });
        it("internet -> bastion:22 no: only the operator's address is admitted", () => {
            const row = ask(m, "internet", "bastion", "tcp", 22);
            assert.equal(row.verdict, "no");
            assert.equal(row.decidedBy?.stage, "ingress");
            assert.match(row.reason, /admits internet on tcp 22/);
        });
        it("bastion -> web:22 and -> db:22 yes, by private IP through the local route", () => {
            for (const [to, ip] of [["web", "10.0.0.10"], ["db", "10.0.0.140"]]) {
                const row = ask(m, "bastion", to, "tcp", 22);
                assert.equal(row.verdict, "yes", row.reason);
                assert.match(row.via!.address, preview ? /private address in 10\.0\.0\./ : new RegExp(`^${ip.replace(/\./g, "\\.")} \\(private\\)$`));
                assert.equal(row.via!.route, "local route of 10.0.0.0/24");
                assert.match(row.via!.rule, /from sg t-sg-bastion/);
                assert.match(row.via!.egressRule!, /bastion-egress/);
            }
        });
        it("web -> db:3306 yes; bastion -> db:3306 no", () => {
            assert.equal(ask(m, "web", "db", "tcp", 3306).verdict, "yes");
            const row = ask(m, "bastion", "db", "tcp", 3306);
            assert.equal(row.verdict, "no");
            assert.match(row.reason, /no ingress rule of t-ec2-db's groups \(t-sg-db\) admits t-ec2-bastion on tcp 3306/);
        });
        it("internet -> db: nothing, on any port a rule opens (no public address)", () => {
            const dbId = m.endpoints.find((e) => e.label === "t-ec2-db")!.id;
            const rows = m.rows.filter((r) => r.to === dbId && (r.from === "internet" || r.from.startsWith("cidr:")));
            assert.deepEqual(rows.map((r) => `${r.protocol} ${r.ports?.from}`).sort(), ["tcp 22", "tcp 22", "tcp 3306", "tcp 3306"]);
            for (const r of rows) {
                assert.equal(r.verdict, "no");
                assert.equal(r.reason, "t-ec2-db has no public address");
            }
        });
        it("internet -> web app port no while the web host has no public address", () => {
            assert.equal(ask(m, "internet", "web", "tcp", 8080).reason, "t-ec2-web has no public address");
        });
        it("the db is internal, the web host and bastion are not", () => {
            const internal = Object.fromEntries(m.endpoints.filter((e) => e.kind === "instance").map((e) => [e.label, e.internal]));
            assert.deepEqual(internal, { "t-ec2-web": "no", "t-ec2-db": "yes", "t-ec2-bastion": "no" });
        });
        it("every row is decided (nothing unknown)", () => {
            assert.deepEqual(m.rows.filter((r) => r.verdict === "unknown").map((r) => r.reason), []);
        });

        describe("web modes", () => {
            it("eip: internet -> web:8080 yes through the web host's Elastic IP; web:22 still no", () => {
                const e = model({ preview, web: "eip" });
                const row = ask(e, "internet", "web", "tcp", 8080);
                assert.equal(row.verdict, "yes", row.reason);
                assert.match(row.via!.address, preview ? /elastic-ip/ : /203\.0\.113\.80/);
                assert.equal(ask(e, "internet", "web", "tcp", 22).verdict, "no");
            });
            it("alb: internet -> alb:80 yes, alb -> web:8080 yes, internet -> web:8080 no", () => {
                const a = model({ preview, web: "alb" });
                const lb = ask(a, "internet", "alb", "tcp", 80);
                assert.equal(lb.verdict, "yes", lb.reason);
                assert.match(lb.via!.address, /load-balancer/);
                const hop = ask(a, "alb", "web", "tcp", 8080);
                assert.equal(hop.verdict, "yes", hop.reason);
                assert.match(hop.via!.egressRule!, /alb-to-web/);
                assert.equal(ask(a, "internet", "web", "tcp", 8080).verdict, "no");
            });
        });

        it("Instance Connect endpoint -> web:22 and -> db:22 yes when it exists; never a target", () => {
            const i = model({ preview, instanceConnect: true });
            for (const to of ["web", "db"]) assert.equal(ask(i, "eice", to, "tcp", 22).verdict, "yes", to);
            const eice = i.endpoints.find((e) => e.kind === "instance-connect-endpoint")!;
            assert.equal(eice.sourceOnly, true);
            assert.equal(i.rows.filter((r) => r.to === eice.id).length, 0);
            assert.equal(m.endpoints.some((e) => e.kind === "instance-connect-endpoint"), false);
        });
    });
}
