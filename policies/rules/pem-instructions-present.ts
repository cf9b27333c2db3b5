/**
 * Every key pair carries instructions for its .pem (`chmod 400`, where it is kept), because the
 * private key is downloadable once and ssh refuses a key with loose permissions (seeds 000/003).
 * A `tls` private key generated in the stack must be registered as such a key pair, unless it makes
 * a certificate (then it is a TLS key). The instructions are read for the chmod they name: `chmod
 * 0400` and `chmod u=r` say what `chmod 400` says.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { PemChmodCommand, TagKeys } from "../vocabulary";
import { AwsTypes } from "../model";
import { tagWithDefaults } from "../lib/group-role";
import { flag, ruleOptions, text } from "../lib/rule-options";
import { asString } from "../lib/shape";
import { indexStack, ofType, stateMissing } from "../lib/stack-index";
import { mentionsChmod } from "../lib/chmod-mode";
import { Unknowns, read } from "../lib/unknowns";

const options = ruleOptions({
    tagKey: text("Tag holding the pem handling instructions.", TagKeys.PemInstructions),
    requiredText: text("Text the instructions must contain.", PemChmodCommand),
    requireKeyPairForTlsKeys: flag("A tls.PrivateKey must be registered as an aws.ec2.KeyPair.", true),
});

/** Does this key pair carry the tls key's public half (through its dependencies or equal text)? */
function carries(kp: PolicyResource, key: PolicyResource, keyText: string | undefined): boolean | undefined {
    if ((kp.propertyDependencies?.publicKey ?? []).some((d) => d.urn === key.urn)) return true;
    const pk = read(() => asString(kp.props.publicKey));
    if (!pk.known) return undefined;
    return keyText !== undefined && pk.value !== undefined && pk.value.trim() === keyText.trim();
}

const certTypes = [AwsTypes.TlsSelfSignedCert, AwsTypes.TlsCertRequest, AwsTypes.TlsLocallySignedCert];

/** URNs of private keys that certificates are made with (`privateKeyPem`, `caPrivateKeyPem`). */
function signingKeys(certs: PolicyResource[]): Set<string> {
    const out = new Set<string>();
    for (const c of certs) {
        for (const prop of ["privateKeyPem", "caPrivateKeyPem"]) {
            for (const d of c.propertyDependencies?.[prop] ?? []) if (d.type === AwsTypes.TlsPrivateKey) out.add(d.urn);
        }
    }
    return out;
}

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const index = indexStack(args.resources);
    const unknowns = new Unknowns();
    const keyPairs = ofType(index, AwsTypes.KeyPair);
    for (const kp of keyPairs) {
        if (stateMissing(kp)) {
            unknowns.unresolved(kp.props, kp.name, "tags");
            continue;
        }
        const tag = tagWithDefaults(kp, opts.tagKey);
        const text = unknowns.take(tag);
        if (!tag.known) continue;
        if (text === undefined) reportViolation(`${kp.name} has no '${opts.tagKey}' tag with pem handling instructions.`, kp.urn);
        else if (!mentionsChmod(text, opts.requiredText)) reportViolation(`${kp.name}'s '${opts.tagKey}' tag does not say '${opts.requiredText}' (or a chmod that does the same).`, kp.urn);
    }
    if (opts.requireKeyPairForTlsKeys) {
        const signing = signingKeys(ofType(index, ...certTypes));
        for (const key of ofType(index, AwsTypes.TlsPrivateKey)) {
            // A key that signs or requests a certificate is a TLS key, not an SSH key.
            if (signing.has(key.urn)) continue;
            const keyText = read(() => asString(key.props.publicKeyOpenssh));
            const answers = keyPairs.map((kp) => carries(kp, key, keyText.known ? keyText.value : undefined));
            if (answers.includes(true)) continue;
            // With key pairs around whose keys cannot be compared yet, the answer waits for the update.
            if (keyPairs.length > 0 && (answers.includes(undefined) || !keyText.known)) unknowns.unresolved(key.props, key.name, "publicKeyOpenssh");
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
