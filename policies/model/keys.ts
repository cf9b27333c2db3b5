/** Key pairs and the TLS keys of a snapshot: which key a pair registers, and which keys make certificates. */
import { AwsTypes, TLS_CERT_TYPES } from "./aws-types";
import { ModelContext } from "./context";
import { readString } from "./resource-index";
import { ModelResource } from "./snapshot";
import { KeyPair, TlsKey } from "./types";
import { UNK, record, str } from "./wire";

// Additive fields of a key pair, declared here (the entity types live in host-types.ts): what a rule
// needs to tell a tag that is absent from one a preview has not resolved yet.
declare module "./host-types" {
    interface KeyPair {
        /**
         * Its own `tags` (or a value in them) are unknown, so a key absent from `tags` may still arrive.
         * `tagsAll` and the provider's `defaultTags` count only when known: a preview leaves `tagsAll`
         * unknown on every new resource, and an unknown computed output reads as not set.
         */
        tagsPending: boolean;
    }
}

/** Are `r`'s own tags, or any value in them, unknown? */
function tagsPending(r: ModelResource): boolean {
    const t = record(r.outputs?.tags ?? r.inputs?.tags);
    return t === UNK || Object.values(t).some((v) => str(v) === UNK);
}

export function readKeys(c: ModelContext): { keyPairs: KeyPair[]; tlsKeys: TlsKey[] } {
    const keyPairs = c.idx.ofType(AwsTypes.KeyPair).map((kp): KeyPair => (Object.assign(c.entity(kp), {
        keyName: readString(kp, "keyName"),
        publicKey: readString(kp, "publicKey"),
        fromKeys: c.idx.dependencies(kp, "publicKey", [AwsTypes.TlsPrivateKey]).map((k) => k.urn),
        tagsPending: tagsPending(kp),
    })));
    // A key that signs or requests a certificate is a TLS key, not an SSH key.
    const signs = new Map<string, string[]>();
    for (const cert of c.idx.ofType(...TLS_CERT_TYPES)) {
        for (const key of ["privateKeyPem", "caPrivateKeyPem"]) {
            for (const k of c.idx.dependencies(cert, key, [AwsTypes.TlsPrivateKey])) signs.set(k.urn, [...(signs.get(k.urn) ?? []), cert.urn]);
        }
    }
    const tlsKeys = c.idx.ofType(AwsTypes.TlsPrivateKey).map((k): TlsKey => (Object.assign(c.entity(k), {
        algorithm: readString(k, "algorithm"),
        publicKeyOpenssh: readString(k, "publicKeyOpenssh"),
        privateKeyPem: readString(k, "privateKeyPem"),
        signs: signs.get(k.urn) ?? [],
    })));
    return { keyPairs, tlsKeys };
}
