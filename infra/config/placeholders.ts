/**
 * The committed example values — the documentation-range operator address, the placeholder public key and
 * the seed author's prefix — deploy nothing useful (nobody can log in) and collide with the author's names.
 * They are reported before anything would be deployed: a warning for previews and offline runs, a refusal
 * for a real `pulumi up`.
 */
import { Address4 } from "ip-address";
import { ConfigProblem } from "../config-problem";
import type { Settings } from "./validate";

/** RFC 5737's documentation ranges: never anyone's real address. */
const DOCUMENTATION_RANGES = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].map((c) => new Address4(c));
/** The key material committed in the example stacks; its private half was thrown away. */
export const PLACEHOLDER_KEY_BLOB = "AAAAC3NzaC1lZDI1NTE5AAAAIDtnaoSazatBaCdzLCu673nRSTL0YK7M1zd0UH0RwVbU";
/** The seed author's owner id. */
export const SEED_PREFIX = "mhson";

export function findPlaceholders(s: Pick<Settings, "prefix" | "operatorCidrs" | "access">): ConfigProblem[] {
    const seedNamed = (name: string) => name === SEED_PREFIX || name.startsWith(`${SEED_PREFIX}-`);
    const found: ConfigProblem[] = [];
    if (seedNamed(s.prefix)) {
        found.push({ key: "prefix", message: `"${s.prefix}" is the example's owner id; use your own (it starts every resource name).` });
    }
    s.operatorCidrs.forEach((c, i) => {
        if (DOCUMENTATION_RANGES.some((r) => new Address4(c).isInSubnet(r))) {
            found.push({ key: `operatorCidrs[${i}]`, message: `${c} is a documentation address (RFC 5737), not yours; use your own public IP as a /32 (\`curl https://checkip.amazonaws.com\`).` });
        }
    });
    for (const field of ["iamGroups", "iamUsers"] as const) {
        s.access.instanceConnect[field].forEach((name, i) => {
            if (seedNamed(name)) found.push({ key: `access.instanceConnect.${field}[${i}]`, message: `"${name}" is the example's IAM name; use your own.` });
        });
    }
    const keys = [{ key: "access.keyPair.publicKey", pair: s.access.keyPair }, ...s.access.recovery.map((r, i) => ({ key: `access.recovery[${i}].newKey.publicKey`, pair: r.newKey }))];
    for (const { key, pair } of keys) {
        if ("publicKey" in pair && pair.publicKey.includes(PLACEHOLDER_KEY_BLOB)) {
            found.push({ key, message: "is the example's placeholder key (its private half was thrown away); put your own ~/.ssh/<name>.pub here (see docs/access.md)." });
        }
    }
    return found;
}

/** Refuse only a real deployment: a `pulumi up` under the CLI (not a preview, not the mock runner). */
export function placeholdersStopDeployment(run: { dryRun: boolean; mocked: boolean }): boolean {
    return !run.dryRun && !run.mocked;
}
