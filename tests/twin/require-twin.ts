/** The twin specs' one gate: skipped (with the reason) on a machine that cannot run the twin, a failure in CI. */
import { missingRequirement, namespaceProblem } from "../../twin/preflight";

export function requireTwinOrSkip(ctx: Mocha.Context): void {
    const missing = missingRequirement() ?? namespaceProblem();
    if (!missing) return;
    if (process.env.CI === "true") throw new Error(`CI must run the twin, but ${missing}`);
    console.log(`    twin spec skipped: ${missing}`);
    ctx.skip();
}
