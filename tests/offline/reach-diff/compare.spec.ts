// The diff on exports changed the way pull requests change them: each mutation names exactly the paths it
// opens, closes or changes, and nothing that only re-assigns ids or addresses shows up.
import * as assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffReachability, opensFromOutside, ReachDiff } from "../../../offline/reach-diff/compare";
import { readSnapshotDocument } from "../../../offline/readers/read-snapshot-file";
import { reachabilityOf } from "../../../offline/report/reachability-table";
import { UNKNOWN } from "../../../offline/snapshot";
import { ROOT, runCli } from "../cli/run-cli";
import { addIngress, copy, ExportDoc, named, reassignIds, rename, setProp } from "./mutations";

const CORPUS = join(ROOT, "tests", "offline", "fixtures", "corpus");

function diffOf(base: ExportDoc, next: ExportDoc): ReachDiff {
    return diffReachability(reachabilityOf(readSnapshotDocument(base, "base").snapshot), reachabilityOf(readSnapshotDocument(next, "new").snapshot));
}

/** `from -> to tcp 22` for each entry of a kind, sorted. */
const names = (diff: ReachDiff, kind: keyof ReachDiff) =>
    diff[kind].map((p) => `${p.entry.from} -> ${p.entry.to} ${p.entry.protocol} ${p.entry.ports ? p.entry.ports.from : "*"}`).sort();

const counts = (diff: ReachDiff) => ({ added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, unknown: diff.unknown.length });

describe("reach:diff compares paths by logical identity", function () {
    this.timeout(120_000);
    let dev: ExportDoc;

    before(async () => {
        const out = join(mkdtempSync(join(tmpdir(), "reach-diff-")), "dev");
        const run = await runCli("start", ["--out", out]);
        assert.equal(run.code, 0, run.stderr);
        dev = JSON.parse(readFileSync(join(out, "stack-export.json"), "utf8")) as ExportDoc;
    });

    describe("no change", () => {
        it("the dev export against itself", () => assert.deepEqual(counts(diffOf(dev, dev)), { added: 0, removed: 0, changed: 0, unknown: 0 }));

        it("the dev export against a copy whose every id and public address the provider assigned differently", () => {
            const other = reassignIds(dev);
            assert.notEqual(JSON.stringify(other), JSON.stringify(dev), "the mutation changed ids");
            assert.deepEqual(counts(diffOf(dev, other)), { added: 0, removed: 0, changed: 0, unknown: 0 });
        });

        for (const file of readdirSync(CORPUS).filter((f) => f.endsWith(".json")).sort()) {
            it(`corpus ${file}: against itself, and against itself with every id re-assigned`, () => {
                const doc = JSON.parse(readFileSync(join(CORPUS, file), "utf8")) as ExportDoc;
                assert.deepEqual(counts(diffOf(doc, doc)), { added: 0, removed: 0, changed: 0, unknown: 0 });
                assert.deepEqual(counts(diffOf(doc, reassignIds(doc))), { added: 0, removed: 0, changed: 0, unknown: 0 });
            });
        }
    });

    describe("opened", () => {
        it("the operator rule widened to 0.0.0.0/0: the internet and every host of the VPC reach the bastion on 22 (the operator's path is not 'removed': the wider rule still carries it)", () => {
            const next = copy(dev);
            setProp(named(next, "mhson-sgr-bastion-22-from-operator0"), "cidrIpv4", "0.0.0.0/0");
            const diff = diffOf(dev, next);
            // 0.0.0.0/0 admits private sources too: the web and db hosts gain the bastion's ssh port
            assert.deepEqual(names(diff, "added"), ["internet -> mhson-ec2-bastion-2a tcp 22", "mhson-ec2-db-2a -> mhson-ec2-bastion-2a tcp 22", "mhson-ec2-web-2a -> mhson-ec2-bastion-2a tcp 22"]);
            assert.deepEqual(counts(diff), { added: 3, removed: 0, changed: 0, unknown: 0 });
            assert.deepEqual(diff.added.filter((p) => p.fromOutside).map((p) => p.entry.from), ["internet"]);
            assert.ok(opensFromOutside(diff));
            for (const p of diff.added) assert.match(p.entry.reason, /mhson-sgr-bastion-22-from-operator0 \(tcp 22 from 0\.0\.0\.0\/0\)/);
        });

        it("the operator range widened to a /24: only the bastion path from the /24 is new (the web's 8080 was already open to the whole internet)", () => {
            const next = copy(dev);
            setProp(named(next, "mhson-sgr-bastion-22-from-operator0"), "cidrIpv4", "203.0.113.0/24");
            const diff = diffOf(dev, next);
            assert.deepEqual(names(diff, "added"), ["operator 203.0.113.0/24 -> mhson-ec2-bastion-2a tcp 22"]);
            assert.deepEqual(counts(diff), { added: 1, removed: 0, changed: 0, unknown: 0 });
        });

        it("the same range as two /1s opens the same as 0.0.0.0/0 (class, not instance)", () => {
            const next = addIngress(dev, "mhson-sgr-bastion-22-from-operator0", "mhson-sgr-bastion-22-low", { cidrIpv4: "0.0.0.0/1" });
            setProp(named(next, "mhson-sgr-bastion-22-from-operator0"), "cidrIpv4", "128.0.0.0/1");
            const diff = diffOf(dev, next);
            assert.ok(diff.added.every((p) => p.entry.to === "mhson-ec2-bastion-2a" && p.entry.verdict === "yes"), JSON.stringify(diff.added.map((p) => p.entry)));
            assert.deepEqual(diff.added.filter((p) => p.fromOutside).map((p) => p.entry.from).sort(), ["operator 0.0.0.0/1", "operator 128.0.0.0/1"]);
            assert.ok(opensFromOutside(diff));
            assert.equal(diff.removed.length, 0);
        });

        it("a rule on a host without a public address opens nothing from outside: no path added", () => {
            const next = addIngress(dev, "mhson-sgr-db-3306-from-web", "mhson-sgr-db-5432-from-anywhere", { fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0", referencedSecurityGroupId: undefined });
            const diff = diffOf(dev, next);
            assert.ok(diff.added.every((p) => !p.fromOutside), JSON.stringify(diff.added.map((p) => p.entry)));
            assert.equal(opensFromOutside(diff), false);
        });
    });

    describe("closed and changed", () => {
        it("the web's Elastic IP gone: its two paths from outside are removed, with why they are blocked now", () => {
            const next = copy(dev);
            next.deployment.resources = next.deployment.resources.filter((r) => !r.urn.endsWith("::mhson-eip-web-2a"));
            const diff = diffOf(dev, next);
            assert.deepEqual(names(diff, "removed"), ["internet -> mhson-ec2-web-2a tcp 8080", "operator 203.0.113.10/32 -> mhson-ec2-web-2a tcp 8080"]);
            assert.deepEqual(counts(diff), { added: 0, removed: 2, changed: 0, unknown: 0 });
            for (const p of diff.removed) {
                assert.equal(p.entry.verdict, "no");
                assert.match(p.entry.reason, /no public address/);
                assert.equal(p.entry.before?.verdict, "yes");
            }
            assert.equal(opensFromOutside(diff), false);
        });

        it("the Elastic IP replaced by an automatic public IP: changed (address kind), not added or removed", () => {
            const next = copy(dev);
            next.deployment.resources = next.deployment.resources.filter((r) => !r.urn.endsWith("::mhson-eip-web-2a"));
            const web = named(next, "mhson-ec2-web-2a");
            setProp(web, "associatePublicIpAddress", true);
            (web.outputs as Record<string, unknown>).publicIp = "198.51.100.7";
            const diff = diffOf(dev, next);
            assert.deepEqual(names(diff, "changed"), ["internet -> mhson-ec2-web-2a tcp 8080", "operator 203.0.113.10/32 -> mhson-ec2-web-2a tcp 8080"]);
            assert.deepEqual(counts(diff), { added: 0, removed: 0, changed: 2, unknown: 0 });
            for (const p of diff.changed) {
                assert.deepEqual(p.changes, ["address"]);
                assert.match(p.entry.before?.reason ?? "", /elastic-ip/);
                assert.match(p.entry.after?.reason ?? "", /public-ip/);
            }
            assert.equal(opensFromOutside(diff), false, "a yes that stays yes is no new exposure");
        });

        it("the rule carrying the web's 8080 renamed: every path through it changed (rule), none added or removed", () => {
            const diff = diffOf(dev, rename(dev, "mhson-sgr-web-8080-from-anywhere", "mhson-sgr-web-8080-public"));
            assert.equal(diff.changed.length, 4, JSON.stringify(diff.changed.map((p) => p.entry)));
            assert.ok(diff.changed.every((p) => p.changes.join() === "rule" && p.entry.to === "mhson-ec2-web-2a"));
            assert.deepEqual(counts(diff), { added: 0, removed: 0, changed: 4, unknown: 0 });
        });
    });

    describe("preview unknowns are never added", () => {
        it("a new rule whose source is not known yet: waiting, with what it waits on, before = no such path", () => {
            const next = addIngress(dev, "mhson-sgr-bastion-22-from-operator0", "mhson-sgr-bastion-443-from-lb", { fromPort: 443, toPort: 443, cidrIpv4: UNKNOWN });
            const diff = diffOf(dev, next);
            assert.equal(diff.added.length, 0, JSON.stringify(diff.added.map((p) => p.entry)));
            assert.ok(diff.unknown.length > 0);
            for (const p of diff.unknown) {
                assert.equal(p.entry.verdict, "unknown");
                assert.match(p.entry.reason, /not known/);
            }
            assert.ok(diff.unknown.some((p) => p.entry.before === null));
            assert.equal(opensFromOutside(diff), false);
        });

        it("an open path whose rule's source became unknown: waiting (before yes), not removed", () => {
            const next = copy(dev);
            setProp(named(next, "mhson-sgr-web-8080-from-anywhere"), "cidrIpv4", UNKNOWN);
            const diff = diffOf(dev, next);
            assert.equal(diff.removed.length, 0, JSON.stringify(diff.removed.map((p) => p.entry)));
            assert.equal(diff.added.length, 0);
            assert.ok(diff.unknown.some((p) => p.entry.before?.verdict === "yes"));
        });
    });
});
