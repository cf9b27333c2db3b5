/**
 * The stack's reachability expectations on what the real program registers under mocks (dev and
 * prod; after an update and as a preview; each web mode), and the pack's two path rules finding
 * nothing on them.
 */
import { strict as assert } from "assert";
import { findings, runPack } from "../../helpers/harness";
import { runStack } from "../../helpers/mocks";
import { withStackRoot } from "../../../offline/artifacts/stack-root";
import { reachabilityOf } from "../../../offline/report/reachability-table";
import { StackSnapshot } from "../../../offline/snapshot";
import { queryPath, Reachability, ReachabilityRow } from "../../../policies/reachability";

async function snapshotOf(stack: string, preview: boolean, webAccess?: string): Promise<StackSnapshot> {
    const run = await runStack(stack, { preview, ...(webAccess ? { settings: { webAccess } } : {}) });
    return withStackRoot(run.snapshot, run.outputs);
}

/** By role: the host whose Role tag is `role`; `internet`; `operator` (the operator's range). */
function ask(m: Reachability, from: string, to: string, port: number): ReachabilityRow {
    const id = (who: string) => {
        const e = who === "operator" ? m.endpoints.find((x) => x.label.startsWith("operator ")) : m.endpoints.find((x) => x.id === who || (x.role === who && x.kind !== "cidr"));
        if (!e) throw new Error(`no ${who} among ${m.endpoints.map((x) => `${x.label} (${x.role})`).join(", ")}`);
        return e.id;
    };
    return queryPath(m, id(from), id(to), "tcp", port);
}

const verdict = (m: Reachability, from: string, to: string, port: number) => ask(m, from, to, port).verdict;

for (const stack of ["dev", "prod"]) {
    for (const preview of [false, true]) {
        describe(`reachability of the ${stack} stack (${preview ? "preview" : "update"}, mocked provider)`, () => {
            let m: Reachability;
            before(async () => {
                m = reachabilityOf(await snapshotOf(stack, preview));
            });

            it("operator -> bastion:22 yes; internet -> bastion:22 no", () => {
                assert.equal(verdict(m, "operator", "bastion", 22), "yes");
                const row = ask(m, "internet", "bastion", 22);
                assert.equal(row.verdict, "no");
                assert.equal(row.decidedBy?.stage, "ingress");
            });
            it("bastion -> web:22 and -> db:22 yes, by private IP", () => {
                for (const to of ["web", "db"]) {
                    const row = ask(m, "bastion", to, 22);
                    assert.equal(row.verdict, "yes", `${to}: ${row.reason}`);
                    assert.match(row.via!.address, /private/);
                    assert.match(row.via!.route, /^local route of /);
                }
            });
            it("web -> db:3306 yes; bastion -> db:3306 no; internet -> db: nothing", () => {
                assert.equal(verdict(m, "web", "db", 3306), "yes");
                assert.equal(verdict(m, "bastion", "db", 3306), "no");
                const db = m.endpoints.find((e) => e.role === "db")!;
                const fromOutside = m.rows.filter((r) => r.to === db.id && m.endpoints.find((e) => e.id === r.from)?.outside);
                assert.ok(fromOutside.length >= 2);
                assert.deepEqual(fromOutside.filter((r) => r.verdict !== "no"), []);
            });
            it("internet -> web app port 8080 yes (eip, the default web mode)", () => {
                const row = ask(m, "internet", "web", 8080);
                assert.equal(row.verdict, "yes", row.reason);
                assert.match(row.via!.address, /elastic-ip/);
                assert.equal(verdict(m, "internet", "web", 22), "no");
            });
            it(`Instance Connect endpoint -> web:22 and -> db:22 ${stack === "prod" ? "yes" : "(dev has none)"}`, () => {
                const eice = m.endpoints.find((e) => e.kind === "instance-connect-endpoint");
                if (stack === "dev") return assert.equal(eice, undefined);
                for (const to of ["web", "db"]) assert.equal(verdict(m, eice!.id, to, 22), "yes", to);
            });
            it("nothing is left unknown", () => {
                assert.deepEqual(m.rows.filter((r) => r.verdict === "unknown").map((r) => r.reason), []);
            });
        });
    }

    describe(`reachability of the ${stack} stack in the alb web mode`, () => {
        for (const preview of [false, true]) {
            it(`internet -> the load balancer's listener yes, load balancer -> web:8080 yes, internet -> web no (${preview ? "preview" : "update"})`, async () => {
                const m = reachabilityOf(await snapshotOf(stack, preview, "alb"));
                const lb = m.endpoints.find((e) => e.kind === "load-balancer");
                assert.ok(lb, "the alb mode has a load balancer");
                const front = queryPath(m, "internet", lb.id, "tcp", 80);
                assert.equal(front.verdict, "yes", front.reason);
                assert.equal(verdict(m, lb.id, "web", 8080), "yes");
                assert.equal(verdict(m, "internet", "web", 8080), "no");
            });
        }
    });

    it(`the pack's path rules find nothing on ${stack} (update and preview, every web mode)`, async () => {
        for (const preview of [false, true]) {
            for (const webAccess of ["eip", "alb", "none"]) {
                const r = await runPack(await snapshotOf(stack, preview, webAccess));
                for (const p of ["no-internet-path-to-internal-hosts", "ssh-path-only-to-bastion"]) {
                    assert.deepEqual(findings(r, p).map((v) => v.message), [], `${p} ${webAccess} ${preview}`);
                    assert.deepEqual(r.violations.filter((v) => v.policyName === p).map((v) => v.message), [], `${p} cannot-run ${webAccess} ${preview}`);
                }
            }
        }
    });
}
