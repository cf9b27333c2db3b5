import { strict as assert } from "assert";
import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { allPolicies } from "../../policies/rules";
import { packName, packVersion, policies } from "../../policies/pack";

const root = join(__dirname, "../../policies");

describe("the pack", () => {
    it("has the published name and its package.json version, pinned dependencies", () => {
        const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string; engines?: unknown; dependencies: Record<string, string> };
        assert.equal(packName, "bastion-network-guard");
        assert.equal(pkg.name, packName);
        assert.equal(packVersion, pkg.version);
        // The published pack pins exactly the SDKs the project is tested against.
        const rootPkg = JSON.parse(readFileSync(join(root, "../package.json"), "utf8")) as { engines?: unknown; dependencies: Record<string, string> };
        // The CLI runs the pack on the Node.js that runs the program: both declare the same versions.
        assert.deepEqual(pkg.engines, rootPkg.engines, "policies/package.json declares the root's engines");
        for (const dep of ["@pulumi/policy", "@pulumi/pulumi", "ip-address", "yaml", "zod"]) {
            assert.match(pkg.dependencies[dep], /^\d+\.\d+\.\d+$/, `${dep} is pinned exactly`);
            assert.equal(pkg.dependencies[dep], rootPkg.dependencies[dep], `${dep} matches the root package`);
        }
        // `runtime: nodejs`, or the long form with options (`runtime:` / `  name: nodejs`).
        assert.match(readFileSync(join(root, "PulumiPolicy.yaml"), "utf8"), /^runtime:(?: nodejs|\n\s+name: nodejs)$/m);
        assert.equal(policies, allPolicies);
    });
    it("has one rule per file, each with its metadata", () => {
        const files = readdirSync(join(root, "rules")).filter((f) => f !== "index.ts").map((f) => f.replace(/\.ts$/, "")).sort();
        assert.deepEqual(allPolicies.map((p) => p.name).sort(), files);
        for (const p of allPolicies) {
            assert.ok(p.description.length > 10, p.name);
            assert.ok(["advisory", "mandatory"].includes(p.enforcementLevel ?? ""), p.name);
            assert.ok(["low", "medium", "high", "critical"].includes(p.severity ?? ""), p.name);
            assert.ok((p.remediationSteps ?? "").length > 20, p.name);
            for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) assert.ok(typeof s === "object" && s.default !== undefined, `${p.name}.${k} has a default`);
        }
    });
    it("sets the default levels the issue asks for", () => {
        const level = Object.fromEntries(allPolicies.map((p) => [p.name, p.enforcementLevel]));
        for (const n of ["ssh-only-from-bastion", "no-public-ip-on-internal-hosts", "pem-instructions-present"]) assert.equal(level[n], "mandatory");
        for (const n of ["imdsv2-required", "ebs-encrypted", "no-world-open-admin-ports", "db-port-from-app-tier-only", "vpc-flow-logs-enabled", "default-sg-no-rules", "sg-rule-descriptions", "bastion-hardened"]) {
            assert.equal(level[n], "advisory");
        }
    });
    it("constructs the PolicyPack only in index.ts and never imports from infra/", () => {
        const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === "node_modules" ? [] : walk(join(d, e.name))) : e.name.endsWith(".ts") ? [join(d, e.name)] : []));
        for (const f of walk(root)) {
            const text = readFileSync(f, "utf8");
            assert.ok(!/from\s+["'](\.\.\/)+infra/.test(text), `${f} imports infra`);
            if (!f.endsWith(join("policies", "index.ts"))) assert.ok(!/new PolicyPack\(/.test(text), `${f} constructs a PolicyPack`);
        }
    });
});
