import * as assert from "assert";
import { buildReport, exitCodeFor, renderText, subnetRows, usableAddresses } from "../../../offline/report";
import { PolicyEvent } from "../../../offline/report/policy-event";
import { UNKNOWN } from "../../../offline/snapshot";
import { fixtureSnapshot } from "../snapshot-fixtures";

const event = (policyName: string, enforcementLevel: PolicyEvent["enforcementLevel"], resourceUrn?: string): PolicyEvent => ({
    policyName,
    policyPackName: "bastion-network-guard",
    policyPackVersion: "0.1.0",
    resourceUrn,
    message: `${policyName} says no`,
    enforcementLevel,
});

describe("report: machine report", () => {
    const snapshot = fixtureSnapshot();
    const violations = [event("b-rule", "advisory", "urn:b"), event("a-rule", "mandatory", "urn:a"), event("a-rule", "advisory", "urn:a")];
    const report = buildReport(snapshot, { violations, notApplicable: [] });

    it("has the policyEvent fields, mandatory first, then by rule", () => {
        assert.deepStrictEqual(report.violations.map((v) => `${v.enforcementLevel}:${v.policyName}`), ["mandatory:a-rule", "advisory:a-rule", "advisory:b-rule"]);
        for (const k of ["policyName", "policyPackName", "policyPackVersion", "resourceUrn", "message", "enforcementLevel"]) assert.ok(k in report.violations[0], k);
    });

    it("counts by level and lists every resource", () => {
        assert.deepStrictEqual([report.summary.mandatory, report.summary.advisory, report.summary.remediate], [1, 2, 0]);
        assert.strictEqual(report.resources.length, snapshot.resources.length);
        assert.strictEqual(report.stack, "test");
    });

    it("gives the same report whatever order the harness used", () => {
        const again = buildReport(snapshot, { violations: [...violations].reverse(), notApplicable: [] });
        assert.deepStrictEqual(again, report);
    });

    it("exits 1 on a mandatory violation, 0 on advisory or remediate only", () => {
        assert.strictEqual(exitCodeFor(report), 1);
        assert.strictEqual(exitCodeFor(buildReport(snapshot, { violations: [event("x", "advisory"), event("y", "remediate")], notApplicable: [] })), 0);
        assert.strictEqual(exitCodeFor(buildReport(snapshot, { violations: [], notApplicable: [] })), 0);
    });
});

describe("report: human report", () => {
    const snapshot = fixtureSnapshot();
    const report = buildReport(snapshot, { violations: [event("ssh-only-from-bastion", "mandatory", snapshot.resources[10].urn), event("tags", "advisory")], notApplicable: [] });
    const text = renderText({ report, snapshot, subnets: subnetRows(snapshot, {}), artifacts: { dir: "/tmp/x", files: ["plan.json"] } });

    it("says it is an offline preview with a mocked provider, and never 'deployed'", () => {
        assert.match(text, /offline preview \(mocked provider/);
        assert.doesNotMatch(text, /deployed/i);
    });

    it("groups violations by level with rule, resource and message", () => {
        const mandatory = text.indexOf("MANDATORY (1):");
        const advisory = text.indexOf("ADVISORY (1):");
        assert.ok(mandatory > 0 && advisory > mandatory);
        assert.match(text, /ssh-only-from-bastion {2}web-http \(urn:pulumi:test::fixture::aws:vpc/);
        assert.match(text, /ssh-only-from-bastion says no/);
    });

    it("shows the tree with counts by type, the subnet table, and ends with the summary line", () => {
        assert.match(text, /fixture-test \(pulumi:pulumi:Stack\) {2}\[Vpc x1, Subnet x2, /);
        assert.match(text, /fx-subnet-admin-2c\s+admin\s+ap-northeast-2c\s+10\.0\.0\.160\/27\s+27/);
        assert.strictEqual(text.trimEnd().split("\n").pop(), report.summary.text);
        assert.match(report.summary.text, /FAILED: 15 resources, 1 mandatory violation, 1 advisory violation/);
    });
});

describe("report: subnet rows", () => {
    it("prefers the stack's own subnets output", () => {
        const rows = subnetRows(fixtureSnapshot(), { subnets: [{ name: "s1", tier: "public", az: "a", cidr: "10.0.0.0/26", usableAddresses: 59 }] });
        assert.deepStrictEqual(rows, [{ name: "s1", tier: "public", az: "a", cidr: "10.0.0.0/26", usableAddresses: "59" }]);
    });

    it("subtracts the five addresses AWS reserves", () => {
        assert.deepStrictEqual([usableAddresses("10.0.0.0/24"), usableAddresses("10.0.0.0/28"), usableAddresses("nonsense")], ["251", "11", "?"]);
    });

    it("reads subnets with unknown CIDRs during a preview without guessing", () => {
        const snap = fixtureSnapshot(true);
        snap.resources[2].inputs.cidrBlock = UNKNOWN;
        snap.resources[2].outputs.cidrBlock = UNKNOWN;
        assert.deepStrictEqual(subnetRows(snap, {}).map((r) => [r.cidr, r.usableAddresses]), [["(unknown)", "?"], ["10.0.0.160/27", "27"]]);
    });
});
