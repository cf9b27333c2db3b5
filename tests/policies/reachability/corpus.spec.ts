/**
 * The model and the two path rules on the shared corpus of real exports (docs/reachability.md says
 * why each comes out as it does): nothing crashes, what is reachable is what a careful reading of
 * each export finds, and what lies outside an export stays unknown rather than guessed.
 */
import { strict as assert } from "assert";
import { readdirSync } from "fs";
import { join } from "path";
import { findings, readExport, runPack } from "../../helpers/harness";
import { CORPUS_DIR } from "../../offline/snapshot-fixtures";
import { buildReachability, portsLabel, Reachability } from "../../../policies/reachability";

const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".json")).sort();
const modelOf = (f: string) => buildReachability(readExport(join(CORPUS_DIR, f)));

/** `from -> to: traffic verdict` for every row that is not a plain no. */
function open(m: Reachability): string[] {
    const label = new Map(m.endpoints.map((e) => [e.id, e.label]));
    return m.rows.filter((r) => r.verdict !== "no").map((r) => `${label.get(r.from)} -> ${label.get(r.to)}: ${portsLabel(r)} ${r.verdict}`).sort();
}

describe("reachability on the corpus of real exports", () => {
    it("has the eleven exports", () => assert.equal(files.length, 11));

    const expected: Record<string, string[]> = {
        // Its subnet (default VPC) and its security group are outside the export: unknown, not guessed.
        "aws-ec2-instance.json": ["internet -> my-ec2-instance: unknown protocol/ports unknown"],
        // The instance sits in a default-VPC subnet outside the export; the ALB answers on its listener only.
        "awsx-ts-lb-attach-ec2.json": ["internet -> instance: tcp 80 unknown", "internet -> lb: tcp 80 yes"],
        "awsx-ts-lb-simple.json": ["internet -> nginx-lb: tcp 80 yes"],
        // A network load balancer without security groups: its TCP listener is open to anyone.
        "awsx-ts-nlb-simple.json": ["internet -> nginx-lb: tcp 80 yes"],
    };
    for (const f of files) {
        it(`${f}: ${expected[f]?.join("; ") ?? "no host endpoint, no path"}`, () => {
            const m = modelOf(f);
            assert.deepEqual(open(m), (expected[f] ?? []).sort());
        });
    }

    it("the load balancer's path names the listener port's rule, the address kind and the route through the internet gateway", () => {
        const m = modelOf("awsx-ts-lb-attach-ec2.json");
        const row = m.rows.find((r) => r.verdict === "yes")!;
        assert.match(row.reason, /^lb inline ingress #1 \(all traffic from 0\.0\.0\.0\/0\); to its load-balancer address; vpc-public-\d: 0\.0\.0\.0\/0 -> vpc \(internet gateway\)$/);
        assert.equal(m.rows.find((r) => r.verdict === "unknown")!.preview, false);
    });

    it("the two path rules find nothing on any export (see docs/reachability.md)", async () => {
        for (const f of files) {
            const r = await runPack(readExport(join(CORPUS_DIR, f)));
            for (const p of ["no-internet-path-to-internal-hosts", "ssh-path-only-to-bastion"]) {
                assert.deepEqual(r.violations.filter((v) => v.policyName === p).map((v) => v.message), [], `${f} ${p}`);
                assert.deepEqual(findings(r, p), []);
            }
        }
    });
});
