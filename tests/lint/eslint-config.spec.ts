// eslint.config.mjs does what its comments say: the Pulumi plugin catches an Output in a template literal in the
// stack program, typescript-eslint's recommended rules apply to every TypeScript file, dependencies are ignored.
import * as assert from "node:assert/strict";
import { join } from "node:path";
import { ESLint } from "eslint";

const ROOT = join(__dirname, "..", "..");

describe("eslint.config.mjs", function () {
    this.timeout(120_000);
    const eslint = new ESLint({ cwd: ROOT });
    const rulesOf = async (code: string, file: string) => (await eslint.lintText(code, { filePath: join(ROOT, file) }))[0].messages.map((m) => m.ruleId);

    it("reports a pulumi.Output interpolated into a template literal in infra/", async () => {
        const code = 'import * as pulumi from "@pulumi/pulumi";\nconst o: pulumi.Output<string> = pulumi.output("x");\nexport const s = `${o}`;\n';
        assert.deepEqual(await rulesOf(code, "infra/index.ts"), ["@pulumi/no-output-in-template-literal"]);
        assert.deepEqual(await rulesOf(code.replace("`${o}`", "pulumi.interpolate`${o}`"), "infra/index.ts"), []);
    });

    it("applies typescript-eslint's recommended rules everywhere", async () => {
        assert.deepEqual(await rulesOf("export const x: any = 1;\n", "policies/index.ts"), ["@typescript-eslint/no-explicit-any"]);
        assert.deepEqual(await rulesOf("const unused = 1;\nexport {};\n", "offline/cli/preview.ts"), ["@typescript-eslint/no-unused-vars"]);
        assert.deepEqual(await rulesOf("export function f(_unused: number): void {}\n", "tests/x.spec.ts"), [], "an _-prefixed parameter is deliberate");
    });

    it("ignores dependencies and build output", async () => {
        assert.ok(await eslint.isPathIgnored(join(ROOT, "node_modules", "zod", "index.js")));
        assert.ok(await eslint.isPathIgnored(join(ROOT, "policies", "node_modules", "x.ts")));
        assert.ok(await eslint.isPathIgnored(join(ROOT, "out", "dev", "plan.ts")));
    });
});
