/**
 * The pack's two path rules through the offline harness (the engine's own unknown-checking proxy):
 * clean on the three-tier network, a violation when a mutation opens a path, "can't decide yet" rather than
 * a violation for a path that waits on preview values, and configurable like the other rules.
 */
import { strict as assert } from "assert";
import { cantRun, findings, namesOf, runPolicies } from "../../helpers/harness";
import { UNKNOWN } from "../../../offline/snapshot";
import { noInternetPathToInternalHosts } from "../../../policies/rules/no-internet-path-to-internal-hosts";
import { sshPathOnlyToBastion } from "../../../policies/rules/ssh-path-only-to-bastion";
import { Builder, TY, link, seedNetwork } from "./network-fixture";

const INTERNET = "no-internet-path-to-internal-hosts";
const SSH = "ssh-path-only-to-bastion";
const run = (b: Builder, config?: Record<string, unknown>) =>
    runPolicies([noInternetPathToInternalHosts, sshPathOnlyToBastion], b.resources, config ? { config } : undefined);

function exposeDb(b: Builder, port: number): void {
    const db = b.get("db");
    db.inputs.associatePublicIpAddress = true;
    db.outputs.associatePublicIpAddress = true;
    db.outputs.publicIp = b.preview ? UNKNOWN : "198.51.100.9";
    b.add(TY.ingress, `db-${port}-from-anywhere`, { ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: "0.0.0.0/0" }, [link("securityGroupId", TY.sg, "sg-db")]);
    const routes = [{ cidrBlock: "0.0.0.0/0", gatewayId: b.idOf("igw") }];
    const rt = b.get("rt-internal");
    rt.inputs.routes = routes;
    rt.outputs.routes = routes;
    rt.propertyDependencies.routes = [`urn:pulumi:dev::bastion-network::${TY.igw}::igw`];
}

describe("path rules", () => {
    for (const preview of [false, true]) {
        for (const web of ["none", "eip", "alb"] as const) {
            it(`pass the three-tier network (${web} web mode, with an Instance Connect endpoint${preview ? ", preview" : ""})`, async () => {
                const r = await run(seedNetwork({ preview, web, instanceConnect: true }));
                assert.deepEqual(r.violations.map((v) => `${v.policyName}: ${v.message}`), []);
            });
        }
    }

    it("the exposed db is a path from the internet to an internal host, on its port", async () => {
        const b = seedNetwork();
        exposeDb(b, 3306);
        const r = await run(b);
        const found = findings(r, INTERNET);
        assert.deepEqual(namesOf(found), ["db"]);
        assert.match(found[0].message, /\nt-ec2-db is an internal host, yet internet can reach t-ec2-db on tcp 3306: db-3306-from-anywhere .* \(also from 203\.0\.113\.10\/32\)\.$/);
        assert.deepEqual(findings(r, SSH), []);
    });
    it("SSH open to the world on the exposed db breaks both rules; on the bastion only the operator's /32 passes", async () => {
        const b = seedNetwork();
        exposeDb(b, 22);
        const r = await run(b);
        assert.deepEqual(namesOf(findings(r, SSH)), ["db"]);
        assert.match(findings(r, SSH)[0].message, /is not the bastion, yet internet can reach t-ec2-db on tcp 22/);
        assert.deepEqual(namesOf(findings(r, INTERNET)), ["db"]);
    });
    it("SSH from the world on the web host's Elastic IP: not internal, but not the bastion either", async () => {
        const b = seedNetwork({ web: "eip" });
        b.add(TY.ingress, "web-22-from-anywhere", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, [link("securityGroupId", TY.sg, "sg-web")]);
        const r = await run(b);
        assert.deepEqual(namesOf(findings(r, SSH)), ["web"]);
        assert.deepEqual(findings(r, INTERNET), []);
    });
    it("a bastion named by config instead of a Role tag; an exempted host", async () => {
        const b = seedNetwork({ web: "eip" });
        b.add(TY.ingress, "web-22-from-anywhere", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, [link("securityGroupId", TY.sg, "sg-web")]);
        const cfg = { [SSH]: { bastionHostNamePatterns: ["^t-ec2-web$"] } };
        assert.deepEqual(findings(await run(b, cfg), SSH), []);
        const db = seedNetwork();
        exposeDb(db, 3306);
        assert.deepEqual(findings(await run(db, { [INTERNET]: { exemptHostNamePatterns: ["-db$"] } }), INTERNET), []);
    });
    it("a path that waits on a preview value is 'cannot decide yet', never a violation", async () => {
        const b = seedNetwork({ preview: true });
        b.get("db").inputs.associatePublicIpAddress = UNKNOWN;
        b.get("db").outputs.associatePublicIpAddress = UNKNOWN;
        // Set by the program from another resource's output: the engine sends a dependency for it (only
        // properties with dependencies reach the analyzer, so without one the unknown reads as "not set").
        b.get("db").propertyDependencies.associatePublicIpAddress = [`urn:pulumi:dev::bastion-network::${TY.subnet}::internal`];
        b.add(TY.ingress, "db-3306-from-anywhere", { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/0" }, [link("securityGroupId", TY.sg, "sg-db")]);
        const rt = b.get("rt-internal");
        rt.inputs.routes = [{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }];
        rt.outputs.routes = rt.inputs.routes;
        rt.propertyDependencies.routes = [`urn:pulumi:dev::bastion-network::${TY.igw}::igw`];
        const r = await run(b);
        assert.deepEqual(findings(r, INTERNET), []);
        assert.equal(cantRun(r, INTERNET).length, 1);
        assert.equal(cantRun(r, INTERNET)[0].enforcementLevel, "advisory");
    });
});
