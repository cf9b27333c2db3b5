/**
 * "Is this security group one of X?" asked of the model's groups: by the role tag (the provider's
 * defaultTags included), by name patterns or by ids from config (for stacks that do not use our tags).
 * A reference that may be one of several groups is decided only when they all agree.
 */
import { linkVerdict } from "./context";
import { Link, NetworkModel, Peer, SecurityGroup, Verdict } from "./types";

export interface GroupMatcher {
    roles: readonly string[];
    namePatterns: readonly RegExp[];
    ids: readonly string[];
}

/** Compiles config patterns; the harness and the CLI have already validated them as regexes. */
export function compilePatterns(patterns: unknown): RegExp[] {
    const out: RegExp[] = [];
    for (const p of Array.isArray(patterns) ? patterns : []) {
        if (typeof p !== "string") continue;
        try {
            out.push(new RegExp(p));
        } catch {
            // An invalid pattern matches nothing rather than crashing the pack mid-run.
        }
    }
    return out;
}

/** Names a group is known by: its logical name, its `name` and its `Name` tag. */
function namesOf(g: SecurityGroup): string[] {
    const names = [g.name];
    if (g.groupName.known && g.groupName.value) names.push(g.groupName.value);
    if (g.tags.Name) names.push(g.tags.Name);
    return names;
}

export function groupMatches(g: SecurityGroup, m: GroupMatcher): Verdict {
    if (g.groupId.known && g.groupId.value && m.ids.includes(g.groupId.value)) return "yes";
    if (m.namePatterns.length > 0 && namesOf(g).some((n) => m.namePatterns.some((p) => p.test(n)))) return "yes";
    if (!g.role.known) return "unknown";
    return g.role.value !== undefined && m.roles.includes(g.role.value) ? "yes" : "no";
}

function groupAt(model: NetworkModel, urn: string): SecurityGroup | undefined {
    const e = model.byUrn.get(urn);
    return e && "groupName" in e ? (e as SecurityGroup) : undefined;
}

/** One group by URN (a resource that is not a group is not one of X). */
export function urnMatches(model: NetworkModel, urn: string, m: GroupMatcher): Verdict {
    const g = groupAt(model, urn);
    return g ? groupMatches(g, m) : "no";
}

/** A reference that is ONE group, maybe among several candidates: decided only when every candidate agrees. */
export function linkMatches(model: NetworkModel, link: Link, m: GroupMatcher): Verdict {
    if (link.urns.length === 0 && link.external.length > 0) return m.ids.includes(link.external[0]) ? "yes" : "no";
    return linkVerdict(link, (u) => urnMatches(model, u, m));
}

/** `'web-sg' or 'app-sg'`, `'sg-0abc' (not in this stack)`, `an unknown group`. */
export function describeLink(model: NetworkModel, link: Link): string {
    if (link.urns.length > 0) return link.urns.map((u) => `'${model.byUrn.get(u)?.name ?? u}'`).join(" or ");
    if (link.external.length > 0) return `'${link.external[0]}' (not in this stack)`;
    return "an unknown group";
}

/**
 * Each group a (non-self) group peer names, with how a message names it. Groups that only dependencies
 * name are one answer, decided when they agree; a known id is what it names (outside the stack: one of
 * X only by `m.ids`).
 */
export function peerGroups(model: NetworkModel, p: Extract<Peer, { kind: "group" }>, m: GroupMatcher): { answer: Verdict; label: string }[] {
    const undecided = p.candidates || p.fromDependencies;
    const inSnapshot: Link = { ...p.group, external: [] };
    const out = undecided
        ? p.group.urns.length > 0 ? [{ answer: linkMatches(model, inSnapshot, m), label: describeLink(model, inSnapshot) }] : []
        : p.group.urns.map((u) => ({ answer: urnMatches(model, u, m), label: `'${model.byUrn.get(u)?.name ?? u}'` }));
    for (const id of p.group.external) out.push({ answer: m.ids.includes(id) ? "yes" : "no", label: `'${id}' (not in this stack)` });
    if (p.group.unknown) out.push({ answer: "unknown", label: "an unknown group" });
    return out;
}
