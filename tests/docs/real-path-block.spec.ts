import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../engine/build/pins";

describe("the README's real path", () => {
    it("is the very text the engine spec runs (docs/real-path.sh), so the two cannot drift", () => {
        const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
        const script = fs.readFileSync(path.join(repoRoot, "docs", "real-path.sh"), "utf8");
        const marker = readme.indexOf("<!-- real-path:");
        assert.ok(marker >= 0, "README marks the real-path block");
        const open = readme.indexOf("```sh\n", marker) + "```sh\n".length;
        const close = readme.indexOf("```", open);
        assert.strictEqual(readme.slice(open, close), script);
    });
});

describe("the documented policy config example", () => {
    it("is the file the engine spec validates with `pulumi policy validate-config`", () => {
        const doc = fs.readFileSync(path.join(repoRoot, "docs", "policies.md"), "utf8");
        const example = JSON.parse(fs.readFileSync(path.join(repoRoot, "docs", "policy-config.example.json"), "utf8"));
        const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
        assert.ok(blocks.some((b) => JSON.stringify(b) === JSON.stringify(example)), "docs/policies.md shows docs/policy-config.example.json");
    });
});
