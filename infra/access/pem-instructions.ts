import { PemChmodCommand } from "../../policies/vocabulary";

/** AWS tag values: at most 256 characters of letters, digits, spaces and `+ - = . _ : / @`. */
export const TAG_VALUE_MAX = 256;
export const TAG_VALUE_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The file name operators save a key's private half as (a bare name: `~` and `$` are not tag characters). */
export function pemFileName(keyName: string): string {
    return `${keyName}.pem`;
}

/**
 * The `PemInstructions` tag value for a key pair: how to store and use its private key, with the exact
 * `chmod 400 <file>` the pack's pem rule looks for. Throws if the result would break AWS tag rules, which
 * only an unvalidated key name can cause.
 */
export function pemInstructionsTag(keyName: string): string {
    const file = pemFileName(keyName);
    const chmod = `${PemChmodCommand} ${file}`;
    // Longest first: the first that fits the tag limit wins, so long key names still get the chmod line.
    const candidates = [
        `Save the private key as ${file} in your .ssh folder then run ${chmod} before use - ` +
            `ssh refuses UNPROTECTED PRIVATE KEY FILE - connect with ssh -i ${file} -o IdentitiesOnly=yes - ` +
            `AWS keeps only the public key`,
        `Save the private key as ${file} then run ${chmod} before use`,
        chmod,
    ];
    const value = candidates.find((c) => c.length <= TAG_VALUE_MAX) ?? chmod;
    if (value.length > TAG_VALUE_MAX || !TAG_VALUE_CHARACTERS.test(value)) {
        throw new Error(`key name "${keyName}" cannot be written into a PemInstructions tag; validate it with validateAccessConfig first`);
    }
    return value;
}
