import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { goModules, pinProblems, readPins, repoRoot } from "../../engine/build/pins";

describe("engine pins", () => {
    it("builds the Go CLI at exactly the @pulumi/pulumi version package.json pins", () => {
        const pins = readPins();
        assert.match(pins.nodeSdk, /^\d+\.\d+\.\d+$/, "package.json pins @pulumi/pulumi exactly");
        assert.deepStrictEqual(pinProblems(pins), []);
    });

    it("names the module and the fix when go.mod and package.json drift apart", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "pins-"));
        try {
            fs.mkdirSync(path.join(root, "engine"));
            const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
            pkg.dependencies["@pulumi/pulumi"] = "3.249.0";
            fs.writeFileSync(path.join(root, "package.json"), JSON.stringify(pkg));
            fs.copyFileSync(path.join(repoRoot, "engine", "go.mod"), path.join(root, "engine", "go.mod"));
            const problems = pinProblems(readPins(root));
            assert.strictEqual(problems.length, 3);
            assert.match(problems[0], /github\.com\/pulumi\/pulumi\/pkg\/v3 at v3\.248\.0, but package\.json pins @pulumi\/pulumi 3\.249\.0: set it to v3\.249\.0/);
            // The pre-built language host is pinned too: moving the SDK without it would start a v3.248.0 host.
            assert.match(problems[2], /accepts pulumi-language-nodejs v3\.248\.0, but package\.json pins @pulumi\/pulumi 3\.249\.0: build Pulumi's own host at v3\.249\.0/);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    it("keeps go.mod's one non-relative replace from pulumi's own pkg/go.mod (the clipboard fork)", () => {
        const goMod = fs.readFileSync(path.join(repoRoot, "engine", "go.mod"), "utf8");
        assert.match(goMod, /^replace github\.com\/atotto\/clipboard => github\.com\/tgummerer\/clipboard v0\.0\.0-20241001131231-d02d263e614e$/m);
        assert.doesNotMatch(goMod, /=> \.\.?\//, "no relative replace: the wrapper pins versions instead");
    });

    it("has renovate propose every @pulumi package and the engine's Go modules in one pull request", () => {
        interface Rule { groupName?: string; matchManagers?: string[]; matchPackageNames?: string[]; enabled?: boolean }
        const rules = (JSON.parse(fs.readFileSync(path.join(repoRoot, "renovate.json"), "utf8")) as { packageRules: Rule[] }).packageRules;
        const groups = rules.filter((r) => r.groupName);
        const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
        const pulumiPackages = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => name.startsWith("@pulumi/"));
        const covers = (rule: Rule, name: string) => (rule.matchPackageNames ?? []).some((p) => p === name || (p === "@pulumi/**" && name.startsWith("@pulumi/")));
        const groupOf = (name: string) => groups.filter((r) => covers(r, name)).map((r) => r.groupName);
        const wanted = groupOf("@pulumi/pulumi");
        assert.strictEqual(wanted.length, 1, "@pulumi/pulumi is in exactly one group");
        for (const name of [...pulumiPackages, ...goModules]) assert.deepStrictEqual(groupOf(name), wanted, `${name} in the group of @pulumi/pulumi`);
        // go.mod lists the tool's modules as indirect, which renovate's gomod manager skips unless a rule enables them.
        for (const module of goModules) {
            assert.ok(rules.some((r) => r.enabled === true && r.matchManagers?.includes("gomod") && covers(r, module)), `${module} enabled for gomod`);
        }
    });
});
