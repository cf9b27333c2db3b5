/**
 * How the stand-in treats one resource type: which inputs AWS cannot change in place (a change replaces
 * the resource, per the Terraform AWS provider's ForceNew / RequiresReplace), which outputs it computes,
 * what it refuses at Check, and what it answers at Create.
 */
import { digest, FAKE_ACCOUNT } from "../../offline/fake-derivation";
import type { CheckFailure, Rule, TagRules } from "./constraints/rules";
import type { NetworkRegistry } from "./network-registry";
import type { Props } from "./wire";

export interface ProviderSettings {
    region: string;
    defaultTags: Record<string, string>;
}

/** What a Create or Update knows when it computes outputs. */
export interface OutputContext {
    type: string;
    /**
     * What ids and addresses derive from: the resource's name (the URN's last part, as in the offline mocks),
     * or `<name>#<n>` for a replacement created while its predecessor still exists.
     */
    name: string;
    stack: string;
    project: string;
    /** Inputs with secrets revealed. */
    inputs: Props;
    settings: ProviderSettings;
    registry: NetworkRegistry;
    /** The id from fakeId, or the one AWS keeps across an update. */
    id: string;
}

export interface ResourceKind {
    /** Inputs AWS cannot change in place. */
    replaceOnChange: readonly string[];
    /** Outputs the provider computes (Optional+Computed inputs included): absent from the new inputs, they are no change. */
    computed: readonly string[];
    /** The name input Pulumi fills in (`<name>-<7 hex>`) when the program gives none, and its limit. */
    autoname?: { property: string; maxLength: number };
    /** Defaults the provider's Check fills in, as the real schema does. */
    defaults?: Props;
    /** Tags and their rules; absent for untagged types. */
    tags?: TagRules;
    rules?: readonly Rule[];
    /** Replacements that depend on the values (a rule's source kind, an instance's userData flag). */
    dynamicReplaces?: (olds: Props, news: Props) => string[];
    /** The id AWS gives (default: the derived one). */
    id?: (c: OutputContext) => string;
    /** The ARN, when the type has one (default: none). */
    arn?: (c: OutputContext, id: string) => string;
    /** Computed outputs beyond id, arn and tagsAll. */
    outputs?: (c: OutputContext, id: string) => Props;
    /** Called after Create/Update: remember what later resources read (a subnet's CIDR, an EIP's address). */
    remember?: (c: OutputContext, id: string, outputs: Props) => void;
}

export const GENERIC_COMPUTED = ["id", "arn", "tagsAll", "ownerId"] as const;

/** A hex tail as AWS ids have, derived like every other fake value. */
export function hexOf(text: string, length: number): string {
    return digest(text).slice(0, length);
}

/** IAM unique ids: a four-letter prefix by kind and 17 upper-case characters. */
export function iamUniqueId(prefix: string, c: OutputContext): string {
    return `${prefix}${hexOf(`${c.type}::${c.name}`, 17).toUpperCase()}`;
}

export const OWNER = { ownerId: FAKE_ACCOUNT };

export function failure(property: string, reason: string): CheckFailure {
    return { property, reason };
}
