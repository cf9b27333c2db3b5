/**
 * Every key pair carries instructions for its .pem (`chmod 400`, where it is kept), because the
 * private key is downloadable once and ssh refuses a key with loose permissions. A `tls` private key
 * generated in the stack must be registered as such a key pair, unless it makes a certificate (then it
 * is a TLS key). The instructions are read for the chmod they name: `chmod 0400` and `chmod u=r` say
 * what `chmod 400` says. Reads only the network model (key pairs with their tags, the provider's
 * `defaultTags` included; TLS keys with the certificates they sign).
 */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { PemChmodCommand, TagKeys } from "../vocabulary";
import { KeyPair, Read, TlsKey, propsByUrn, stackModel } from "../model";
import { flag, ruleOptions, text } from "../lib/rule-options";
import { mentionsChmod } from "../lib/chmod-mode";
import { Unknowns } from "../lib/unknowns";

const options = ruleOptions({
    tagKey: text("Tag holding the pem handling instructions.", TagKeys.PemInstructions),
    requiredText: text("Text the instructions must contain.", PemChmodCommand),
    requireKeyPairForTlsKeys: flag("A tls.PrivateKey must be registered as an aws.ec2.KeyPair.", true),
});

/** Does this key pair carry the tls key's public half (through its dependencies or equal text)? */
function carries(kp: KeyPair, key: TlsKey, keyText: Read<string | undefined>): boolean | undefined {
    if (kp.fromKeys.includes(key.urn)) return true;
    if (!kp.publicKey.known) return undefined;
    const pk = kp.publicKey.value;
    return keyText.known && keyText.value !== undefined && pk !== undefined && pk.trim() === keyText.value.trim();
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const model = stackModel(args.resources);
    const propsOf = propsByUrn(args.resources);
    const unknowns = new Unknowns();
    const waitFor = (urn: string, ...path: string[]) => unknowns.unresolved(propsOf.get(urn), ...path);
    for (const kp of model.keyPairs) {
        if (kp.stateMissing) {
            waitFor(kp.urn, kp.name, "tags");
            continue;
        }
        const instructions = kp.tags[opts.tagKey];
        if (instructions === undefined && kp.tagsPending) waitFor(kp.urn, "tags", opts.tagKey);
        else if (instructions === undefined) reportViolation(`${kp.name} has no '${opts.tagKey}' tag with pem handling instructions.`, kp.urn);
        else if (!mentionsChmod(instructions, opts.requiredText)) reportViolation(`${kp.name}'s '${opts.tagKey}' tag does not say '${opts.requiredText}' (or a chmod that does the same).`, kp.urn);
    }
    if (opts.requireKeyPairForTlsKeys) {
        for (const key of model.tlsKeys) {
            // A key that signs or requests a certificate is a TLS key, not an SSH key.
            if (key.signs.length > 0) continue;
            const answers = model.keyPairs.map((kp) => carries(kp, key, key.publicKeyOpenssh));
            if (answers.includes(true)) continue;
            // With key pairs around whose keys cannot be compared yet, the answer waits for the update.
            if (model.keyPairs.length > 0 && (answers.includes(undefined) || !key.publicKeyOpenssh.known)) waitFor(key.urn, key.name, "publicKeyOpenssh");
            else reportViolation(`${key.name} is a generated private key that no aws.ec2.KeyPair registers, so no pem instructions travel with it.`, key.urn);
        }
    }
    unknowns.settle();
}
export const pemInstructionsPresent: StackValidationPolicy = {
    name: "pem-instructions-present",
    description: `Every aws.ec2.KeyPair carries pem handling instructions containing '${PemChmodCommand}'; generated keys are registered as key pairs.`,
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        `Tag the key pair: tags: { ${TagKeys.PemInstructions}: "Save the private key as <name>.pem, run '${PemChmodCommand} <name>.pem', keep it out of git" }; ` +
        "register every tls.PrivateKey with new aws.ec2.KeyPair(..., { publicKey: key.publicKeyOpenssh }).",
    configSchema: options.configSchema,
    validateStack,
};
