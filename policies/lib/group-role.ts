/**
 * "Is this security group one of X?" answered without ids: by its `Role` tag, by name patterns or
 * ids from config (for stacks that do not use our tags), through `resolveReference`.
 */
import type { PolicyResource } from "@pulumi/policy";
import { DefaultSecurityGroupType, SecurityGroupType } from "./rule-entries";
import { Reference, StackIndex, resolveReference } from "./stack-index";
import { Maybe, read } from "./unknowns";
import { asObject, asString } from "./shape";

export const GroupTypes = [SecurityGroupType, DefaultSecurityGroupType];

export interface GroupMatcher {
    roleTagKey: string;
    roles: readonly string[];
    namePatterns: readonly RegExp[];
    ids: readonly string[];
}

export type Answer = "yes" | "no" | "unknown";

// One compiler of name patterns for the model and the rules still on this file.
export { compilePatterns } from "../model/group-match";

/** A tag of a resource from `tags`, falling back to `tagsAll` (where provider default tags land). */
export function tagOf(props: Record<string, unknown>, key: string): Maybe<string | undefined> {
    const tags = read(() => asObject(props.tags));
    if (tags.known && tags.value && key in tags.value) return read(() => asString(tags.value![key]));
    const all = read(() => asObject(props.tagsAll));
    if (all.known && all.value && key in all.value) return read(() => asString(all.value![key]));
    if (!tags.known) return tags;
    if (!all.known) return all;
    return { known: true, value: undefined };
}

/**
 * A tag as `tagOf` reads it, falling back to the provider's `defaultTags`: in a preview `tagsAll` is
 * unknown (or, in a `preview --json` step, absent) until the provider merges them in.
 */
export function tagWithDefaults(r: { props: Record<string, unknown>; provider?: { props: Record<string, unknown> } }, key: string): Maybe<string | undefined> {
    const own = tagOf(r.props, key);
    if (own.known && own.value !== undefined) return own;
    const defaults = read(() => {
        const raw = r.provider?.props.defaultTags;
        let v: unknown = raw;
        if (typeof raw === "string") {
            try {
                v = JSON.parse(raw); // provider config objects are stored as JSON text
            } catch {
                v = undefined;
            }
        }
        const first = Array.isArray(v) ? v[0] : v;
        return asString(asObject(asObject(first)?.tags)?.[key]);
    });
    if (defaults.known && defaults.value !== undefined) return defaults;
    return own;
}

/** Names a resource is known by: its logical name, its `name` and its `Name` tag. */
function namesOf(r: PolicyResource): string[] {
    const names = [r.name];
    const n = read(() => asString(r.props.name));
    if (n.known && n.value) names.push(n.value);
    const t = tagOf(r.props, "Name");
    if (t.known && t.value) names.push(t.value);
    return names;
}

/** Does one security group in the stack match? */
export function groupMatches(r: PolicyResource, m: GroupMatcher): Answer {
    const id = read(() => asString(r.props.id));
    if (id.known && id.value && m.ids.includes(id.value)) return "yes";
    if (m.namePatterns.length > 0 && namesOf(r).some((n) => m.namePatterns.some((p) => p.test(n)))) return "yes";
    // A Role set only through the provider's defaultTags is the group's role too.
    const role = tagWithDefaults(r, m.roleTagKey);
    if (!role.known) return "unknown";
    return role.value !== undefined && m.roles.includes(role.value) ? "yes" : "no";
}

/** Combine the answers for every candidate a reference may be: decided only when they agree. */
export function referenceMatches(ref: Reference, m: GroupMatcher): Answer {
    if (ref.externalId !== undefined && ref.candidates.length === 0) return m.ids.includes(ref.externalId) ? "yes" : "no";
    if (ref.candidates.length === 0) return ref.unknown ? "unknown" : "no";
    const answers = new Set(ref.candidates.map((c) => groupMatches(c, m)));
    return answers.size === 1 ? [...answers][0] : "unknown";
}

/** Resolve `holder.props[prop]` (read as `value`) to security groups and ask the matcher; `shared` as in `resolveReference`. */
export function referencedGroupMatches(index: StackIndex, holder: PolicyResource, prop: string, value: Maybe<unknown>, m: GroupMatcher, shared = false): Answer {
    return referenceMatches(resolveReference(index, holder, prop, value, GroupTypes, shared), m);
}

/** A short human label for a reference, for violation messages. */
export function describeReference(index: StackIndex, holder: PolicyResource, prop: string, value: Maybe<unknown>, shared = false): string {
    const ref = resolveReference(index, holder, prop, value, GroupTypes, shared);
    if (ref.candidates.length > 0) return ref.candidates.map((c) => `'${c.name}'`).join(" or ");
    if (ref.externalId) return `'${ref.externalId}' (not in this stack)`;
    return "an unknown group";
}
