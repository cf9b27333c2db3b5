/**
 * @pulumi/awsguard's rules as a plain pack description, without starting a policy server.
 *
 * `new AwsGuard()` extends `PolicyPack`, whose constructor starts the analyzer's gRPC server, and
 * the list it builds lives in a module-private map. But every area module (`compute.js`,
 * `network.js`, ...) registers its rules by calling `awsGuard_1.registerPolicy(key, policy)`,
 * a property read on the `./awsGuard` module's exports at call time. So: load `./awsGuard` first,
 * wrap its `registerPolicy` to record each call, then load the package index (which requires every
 * area module), and restore the original. The result is exactly the list `new AwsGuard()` would
 * hand to `PolicyPack`, in the same order, with the same pack default (advisory): all rules on.
 */
import * as path from "path";
import type { Policy } from "@pulumi/policy";

export interface PackDescription {
    name: string;
    version: string;
    /** Undefined: the pack's own rules decide, as `runPack` in the CLI leaves it. */
    enforcementLevel?: "advisory" | "mandatory";
    policies: Policy[];
}

interface AwsGuardModule {
    registerPolicy(key: string, policy: Policy): void;
}

/** awsguard's own default for a pack built with `new AwsGuard()` and no arguments. */
const AWSGUARD_DEFAULT_LEVEL = "advisory";

export function loadAwsGuard(benchDir: string): PackDescription {
    // aws-sdk v2 prints an end-of-support notice on load; it is noise in a timing report.
    process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
    const resolve = (id: string) => require.resolve(id, { paths: [benchDir] });
    const indexPath = resolve("@pulumi/awsguard");
    if (require.cache[indexPath]) {
        throw new Error("@pulumi/awsguard was loaded before its rules could be recorded; load it only through loadAwsGuard");
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time from bench/node_modules, after `npm ci`
    const registry = require(resolve("@pulumi/awsguard/awsGuard")) as AwsGuardModule;
    const original = registry.registerPolicy;
    const recorded: Policy[] = [];
    registry.registerPolicy = (key, policy) => {
        recorded.push(policy);
        original(key, policy); // keep awsguard's own duplicate and "all" checks
    };
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- awsguard registers its rules as it loads: a synchronous load by path, inside the patched registry
        require(indexPath);
    } finally {
        registry.registerPolicy = original;
    }
    if (recorded.length === 0) throw new Error("@pulumi/awsguard registered no rules: its registry has changed");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the version of the copy just loaded, found by path
    const pkg = require(path.join(path.dirname(indexPath), "package.json")) as { version: string };
    return {
        name: "pulumi-awsguard",
        version: pkg.version.replace(/^v/, ""),
        enforcementLevel: AWSGUARD_DEFAULT_LEVEL,
        policies: recorded,
    };
}
