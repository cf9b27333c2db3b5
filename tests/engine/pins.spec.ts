import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pinProblems, readPins, repoRoot } from "../../engine/build/pins";

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
});
