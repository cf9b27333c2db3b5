/**
 * The adversarial corpus: realistic documents the pack was not written for, each naming the rule it
 * tests and the verdict that rule must reach. Every case exists in both forms Pulumi writes: a
 * `pulumi stack export` (ids known) and a `pulumi preview --json` (a create step's newState has
 * inputs only, ids unknown). Verdicts: `violation` (exactly the `flagged` resources, at the rule's
 * level), `clean` (nothing, not even "can't run"), `undecided` (no violation, and the advisory
 * "can't run during preview" says the rule waited for the unknown values).
 */
import { strict as assert } from "assert";
import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { readSnapshotDocument } from "../../offline/readers";
import { cantRun, findings, namesOf, runPack } from "../helpers/harness";
import { allPolicies } from "../../policies/rules";
import { generatedCases } from "./adversarial-classes";
import { caseDocuments } from "./adversarial-documents";

interface Header {
    rule: string;
    form: "export" | "preview";
    verdict: "violation" | "clean" | "undecided";
    flagged?: string[];
    why: string;
    /** `--policy-pack-config` of the run. */
    config?: Record<string, unknown>;
}

const dir = join(__dirname, "adversarial");
const cases = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => f.endsWith(".json")).map((f) => join(dir, d.name, f)))
    .sort();

function load(file: string): { header: Header; doc: unknown } {
    const doc = JSON.parse(readFileSync(file, "utf8")) as { adversarial: Header };
    return { header: doc.adversarial, doc };
}

/** Hand-written files, then each generated case in both forms (`class/instance.form`). */
const documents: { label: string; header: Header; doc: unknown }[] = [
    ...cases.map((file) => ({ label: `${file.split("/").slice(-2).join("/")}`, ...load(file) })),
    ...generatedCases().flatMap((c) => {
        const docs = caseDocuments(c);
        return (["export", "preview"] as const).map((form) => {
            const doc = docs[form] as { adversarial: Header };
            return { label: `${c.id}.${form}`, header: doc.adversarial, doc };
        });
    }),
];

const levelOf = new Map(allPolicies.map((p) => [p.name, p.enforcementLevel]));

describe("adversarial corpus: real-world shapes, both forms", function () {
    this.timeout(60000);
    // The eleven rules the corpus was first written for; a rule added later brings its own cases (or its own corpus).
    const covered = ["ssh-only-from-bastion", "no-public-ip-on-internal-hosts", "pem-instructions-present", "imdsv2-required", "ebs-encrypted",
        "no-world-open-admin-ports", "db-port-from-app-tier-only", "vpc-flow-logs-enabled", "default-sg-no-rules", "sg-rule-descriptions", "bastion-hardened"];
    it("covers each of the eleven rules, each in both forms", () => {
        const seen = new Map<string, Set<string>>();
        for (const { label: f, header } of documents) {
            assert.ok(levelOf.has(header.rule), `${f}: names no rule of the pack ('${header.rule}')`);
            seen.set(header.rule, (seen.get(header.rule) ?? new Set()).add(header.form));
        }
        assert.deepEqual(covered.filter((r) => !levelOf.has(r) || seen.get(r)?.size !== 2), []);
    });
    for (const { label: name, header, doc } of documents) {
        const label = `${header.rule}/${name}: ${header.verdict}${header.flagged ? ` ${header.flagged.join(", ")}` : ""}`;
        it(label, async () => {
            const read = readSnapshotDocument(doc, name);
            assert.equal(read.format === "preview-json" ? "preview" : "export", header.form, "the document is in the form its header names");
            const result = await runPack(read.snapshot, { config: header.config });
            // Whatever the rule under test: an unknown never turns into a mandatory finding.
            for (const v of result.violations) if (v.message.startsWith("can't run")) assert.equal(v.enforcementLevel, "advisory");
            const found = findings(result, header.rule);
            const waited = cantRun(result, header.rule);
            if (header.verdict === "violation") {
                // Exactly the flagged resources (a rule may report one resource more than once, e.g. per inline block).
                assert.deepEqual([...new Set(namesOf(found))].sort(), [...(header.flagged ?? [])].sort(), header.why);
                for (const v of found) assert.equal(v.enforcementLevel, levelOf.get(header.rule));
            } else {
                assert.deepEqual(found.map((v) => v.message), [], header.why);
                assert.equal(waited.length > 0, header.verdict === "undecided", `can't-run ${header.verdict === "undecided" ? "expected" : "unexpected"}: ${waited.map((v) => v.message).join("; ")}`);
            }
        });
    }
});

describe("adversarial corpus: previews whose new resources have no state at all", function () {
    this.timeout(60000);
    // What the analyzer gets from a provider that cannot preview (its config unknown): empty
    // outputs. Nothing is known about those resources, so no mandatory rule may flag more than
    // the case's own verdict allows; it waits instead.
    for (const { label: name, header, doc } of documents.filter((d) => d.header.form === "preview")) {
        it(`${header.rule}/${name}: no mandatory finding beyond the verdict`, async () => {
            const snapshot = readSnapshotDocument(doc, name).snapshot;
            const steps = (doc as { steps: { op: string; urn: string }[] }).steps;
            const created = new Set(steps.filter((s) => s.op === "create").map((s) => s.urn));
            for (const r of snapshot.resources) if (created.has(r.urn) && r.custom) r.outputs = {};
            const result = await runPack(snapshot, { config: header.config });
            const allowed = header.verdict === "violation" ? header.flagged ?? [] : [];
            for (const v of result.violations.filter((e) => e.enforcementLevel === "mandatory")) {
                assert.ok(v.policyName === header.rule && allowed.includes(namesOf([v])[0]), `unexpected mandatory finding: ${v.message}`);
            }
        });
    }
});
