/**
 * Secrets in a stack file (`pulumi config set --secret --path settings.x ...`) are `{ secure: <ciphertext> }`
 * objects. The Pulumi CLI decrypts them before the program runs; the offline runner reads the file itself and
 * cannot, so it says which keys are secret and how to run with the stack's passphrase, instead of "got an object".
 */
import { ConfigProblem } from "../config-problem";
import { keyPath } from "./problems";

type Path = (string | number)[];

export function isSecureValue(v: unknown): v is { secure: string } {
    return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { secure?: unknown }).secure === "string";
}

/** The paths of every encrypted value under `raw`. */
export function securePaths(raw: unknown, path: Path = []): Path[] {
    if (isSecureValue(raw)) return [path];
    if (Array.isArray(raw)) return raw.flatMap((v, i) => securePaths(v, [...path, i]));
    if (typeof raw === "object" && raw !== null) return Object.entries(raw).flatMap(([k, v]) => securePaths(v, [...path, k]));
    return [];
}

export function secretProblem(key: string, stack: string): ConfigProblem {
    return {
        key,
        message:
            `is a secret (set with \`pulumi config set --secret\`), which this offline run cannot decrypt. ` +
            `Run it through the Pulumi CLI, which decrypts it: \`PULUMI_CONFIG_PASSPHRASE=... pulumi preview --stack ${stack}\` ` +
            `(or PULUMI_CONFIG_PASSPHRASE_FILE), or keep the value in plain text if it is not secret.`,
    };
}

/** A secret where the program takes true/false, a list or an object: it would arrive as text and be refused. */
function misplacedSecretProblem(key: string): ConfigProblem {
    return {
        key,
        message:
            "is a secret, but the CLI hands a secret to the program as text and this setting takes true/false, a list or an object, " +
            `so it would be refused: set it without --secret (\`pulumi config set --path settings.${key} <value>\`); only text and numbers can be secret.`,
    };
}

/**
 * Problems for the secrets under `raw` (`allowedAt` says where a secret can stand, as the JSON Schema does),
 * and a test for issue paths that lie under one (already explained).
 */
export function findSecrets(
    raw: unknown,
    stack: string,
    allowedAt: (path: Path) => boolean,
    base = "",
): { problems: ConfigProblem[]; covers: (path: readonly PropertyKey[]) => boolean } {
    const paths = securePaths(raw);
    return {
        problems: paths.map((p) => (allowedAt(p) ? secretProblem(keyPath(p, base), stack) : misplacedSecretProblem(keyPath(p, base)))),
        covers: (issuePath) => paths.some((p) => p.every((step, i) => issuePath[i] === step)),
    };
}
