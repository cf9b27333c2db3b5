/**
 * The committed example values — the documentation-range operator address, the placeholder public key and
 * the example's owner prefix — deploy nothing useful (nobody can log in) and collide with the author's names.
 * They are reported before anything would be deployed: a warning for previews and offline runs, a refusal
 * for a real `pulumi up`.
 */
import { Address4 } from "ip-address";
import { ConfigProblem } from "../config-problem";
import { keyPath } from "./problems";

/** RFC 5737's documentation ranges: never anyone's real address. */
const DOCUMENTATION_RANGES = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].map((c) => new Address4(c));
/** The key material committed in the example stacks; its private half was thrown away. */
export const PLACEHOLDER_KEY_BLOB = "AAAAC3NzaC1lZDI1NTE5AAAAIDtnaoSazatBaCdzLCu673nRSTL0YK7M1zd0UH0RwVbU";
/** The owner id of the committed example stacks. */
export const SEED_PREFIX = "mhson";

/** The settings as read (typed) or as written (any shape): only the values that are there and valid are looked at. */
export interface PlaceholderInput {
    prefix?: unknown;
    operatorCidrs?: unknown;
    access?: unknown;
}

/**
 * The example values in `s`. `broken(path)` says which values the schema refused: those are reported already,
 * so a config with mistakes still hears about its example values in the same run.
 */
export function findPlaceholders(s: PlaceholderInput, broken: (path: readonly PropertyKey[]) => boolean = () => false): ConfigProblem[] {
    const seedNamed = (name: unknown) => typeof name === "string" && (name === SEED_PREFIX || name.startsWith(`${SEED_PREFIX}-`));
    const found: ConfigProblem[] = [];
    if (!broken(["prefix"]) && seedNamed(s.prefix)) {
        found.push({ key: "prefix", message: `"${String(s.prefix)}" is the example's owner id; use your own (it starts every resource name).` });
    }
    listAt(s.operatorCidrs).forEach((c, i) => {
        if (broken(["operatorCidrs", i]) || typeof c !== "string" || !Address4.isValid(c)) return;
        if (DOCUMENTATION_RANGES.some((r) => new Address4(c).isInSubnet(r))) {
            found.push({ key: `operatorCidrs[${i}]`, message: `${c} is a documentation address (RFC 5737), not yours; use your own public IP as a /32 (\`curl https://checkip.amazonaws.com\`).` });
        }
    });
    const access = objectAt(s.access);
    const instanceConnect = objectAt(access.instanceConnect);
    for (const field of ["iamGroups", "iamUsers"] as const) {
        listAt(instanceConnect[field]).forEach((name, i) => {
            if (!broken(["access", "instanceConnect", field, i]) && seedNamed(name)) found.push({ key: `access.instanceConnect.${field}[${i}]`, message: `"${String(name)}" is the example's IAM name; use your own.` });
        });
    }
    const keys = [{ path: ["access", "keyPair", "publicKey"], pair: access.keyPair },
        ...listAt(access.recovery).map((r, i) => ({ path: ["access", "recovery", i, "newKey", "publicKey"], pair: objectAt(r).newKey }))];
    for (const { path, pair } of keys) {
        const publicKey = objectAt(pair).publicKey;
        if (!broken(path) && typeof publicKey === "string" && publicKey.includes(PLACEHOLDER_KEY_BLOB)) {
            found.push({ key: keyPath(path), message: "is the example's placeholder key (its private half was thrown away); put your own ~/.ssh/<name>.pub here (see docs/access.md)." });
        }
    }
    return found;
}

function listAt(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

function objectAt(v: unknown): Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Refuse only a real deployment: a `pulumi up` under the CLI (not a preview, not the mock runner). */
export function placeholdersStopDeployment(run: { dryRun: boolean; mocked: boolean }): boolean {
    return !run.dryRun && !run.mocked;
}
