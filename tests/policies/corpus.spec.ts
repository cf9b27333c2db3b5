/**
 * The pack over real `pulumi stack export` documents it did not build: it must never crash, and
 * each finding is checked against the export's own values.
 */
import { strict as assert } from "assert";
import { readdirSync } from "fs";
import { join } from "path";
import { findings, namesOf, readExport, runPack } from "../helpers/harness";
import { CORPUS_DIR } from "../offline/snapshot-fixtures";

// The repo's copy of ../shared/corpus, so a fresh clone tests the same eleven exports.
const dir = CORPUS_DIR;
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

describe("corpus: real stack exports", () => {
    it("has all eleven exports to check", () => assert.equal(files.length, 11));
    for (const f of files) {
        it(`${f}: runs without error, and no mandatory finding is about an unknown`, async () => {
            const r = await runPack(readExport(join(dir, f)));
            for (const v of r.violations) {
                if (v.message.startsWith("can't run")) assert.equal(v.enforcementLevel, "advisory");
            }
        });
    }
    const expectations: [string, string, string[]][] = [
        // lb: inline ingress of every protocol from 0.0.0.0/0 and ::/0 (README) -> SSH from the world, twice.
        ["awsx-ts-lb-attach-ec2.json", "ssh-only-from-bastion", ["lb", "lb"]],
        // web-secgrp opens only 80 to the world: not an admin port; lb opens everything.
        ["awsx-ts-lb-attach-ec2.json", "no-world-open-admin-ports", ["lb"]],
        // The service group's only source is the load balancer's group, which is no SSH source, over all protocols.
        ["awsx-ts-lb-simple.json", "ssh-only-from-bastion", ["nginx-lb", "nginx-lb", "test-service-sg"]],
        // The route53 resolver group admits only 443 from the VPC CIDR: nothing about SSH.
        ["aws-route53-resolver-endpoint.json", "ssh-only-from-bastion", []],
        // One instance: IMDSv1 and an unencrypted root (README).
        ["aws-ec2-instance.json", "imdsv2-required", ["my-ec2-instance"]],
        ["aws-ec2-instance.json", "ebs-encrypted", ["my-ec2-instance"]],
        // Its public IP is in a default-VPC subnet outside the stack: no claim that it is internal.
        ["aws-ec2-instance.json", "no-public-ip-on-internal-hosts", []],
        // A VPC and no flow log.
        ["aws-ec2-networking.json", "vpc-flow-logs-enabled", ["MyVPC"]],
        // No key pairs anywhere in the corpus.
        ["eks-extra-sg.json", "pem-instructions-present", []],
    ];
    for (const [f, policy, expected] of expectations) {
        it(`${f}: ${policy} -> ${expected.join(", ") || "nothing"}`, async function () {
            if (!files.includes(f)) this.skip();
            assert.deepEqual(namesOf(findings(await runPack(readExport(join(dir, f))), policy)).sort(), expected.sort());
        });
    }
});
