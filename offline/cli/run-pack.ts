import { PolicyRunResult } from "../report/policy-event";
import { StackSnapshot } from "../snapshot";
import { InputError } from "./input-error";

/**
 * Runs the project's pack on a snapshot through the engine-faithful harness. Both are loaded here, on
 * demand, so a bad flag or file is reported before the policy SDK is even read from disk.
 */
export async function runPack(snapshot: StackSnapshot, config: Record<string, unknown> | undefined): Promise<PolicyRunResult> {
    const [{ runPolicyPack }, pack] = await Promise.all([import("../harness"), import("../../policies/pack")]);
    const packUnderTest = { name: pack.packName, version: pack.packVersion, policies: pack.policies };
    try {
        return await runPolicyPack(packUnderTest, snapshot, config ? { config } : {});
    } catch (e) {
        // the harness validates the config before any policy runs, and names the policy and key at fault
        if (e instanceof Error && e.name === "PolicyConfigError") {
            throw new InputError(`The policy config does not fit the pack ${pack.packName}: ${e.message}`);
        }
        throw e;
    }
}
