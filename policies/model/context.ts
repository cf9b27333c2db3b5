/** What every entity parser shares: the index, the options, and the common part of an entity. */
import { TagKeys } from "../vocabulary";
import { isProviderType } from "./aws-types";
import { Ref, ResourceIndex, prop, stateMissing } from "./resource-index";
import { ModelResource } from "./snapshot";
import { providerDefaultTags, providerUrn, tagOf, tagsOf } from "./tags";
import { Entity, Link, ModelOptions, Verdict } from "./types";
import { Read, known, knownString } from "./wire";

const NO_DEFAULTS: Read<Record<string, string>> = known({});

export const DEFAULT_OPTIONS: Required<ModelOptions> = { tierTagKey: TagKeys.Tier, internalTiers: ["internal"], roleTagKey: TagKeys.Role, useRouteHeuristic: true };

/**
 * The options with the defaults filled in where a caller left one out. Every option left out or given
 * its default value itself (the common case, asked for on every resource) is `DEFAULT_OPTIONS`: no copy.
 */
export function fullOptions(options: ModelOptions): Required<ModelOptions> {
    if (onlyDefaults(options)) return DEFAULT_OPTIONS;
    const out = { ...DEFAULT_OPTIONS };
    for (const [k, v] of Object.entries(options)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    return out;
}

function onlyDefaults(options: ModelOptions): boolean {
    for (const k in options) {
        const v = options[k as keyof ModelOptions];
        if (v !== undefined && v !== DEFAULT_OPTIONS[k as keyof ModelOptions]) return false;
    }
    return true;
}

const keyOf = (full: Required<ModelOptions>) => JSON.stringify([full.tierTagKey, full.internalTiers, full.roleTagKey, full.useRouteHeuristic]);
const DEFAULT_KEY = keyOf(DEFAULT_OPTIONS);

/** Equal for options that build the same model: a rule that spells out a default shares the model of one that does not. */
export function optionsKey(full: Required<ModelOptions>): string {
    return full === DEFAULT_OPTIONS ? DEFAULT_KEY : keyOf(full);
}

export class ModelContext {
    /** By provider reference; made on the first resource with a provider. */
    private defaults?: Map<string, Read<Record<string, string>>>;
    private lastProvider: string | undefined;
    private lastDefaults: Read<Record<string, string>> = NO_DEFAULTS;

    constructor(readonly idx: ResourceIndex, readonly opts: Required<ModelOptions>) {}

    /** The `defaultTags` of the provider that manages `r` (read once per provider reference). */
    defaultTags(r: ModelResource): Read<Record<string, string>> {
        if (!r.provider) return NO_DEFAULTS;
        // Asked several times per resource, and resources of one provider mostly share one reference string.
        if (r.provider === this.lastProvider) return this.lastDefaults;
        const byRef = (this.defaults ??= new Map());
        let d = byRef.get(r.provider);
        if (!d) {
            const urn = providerUrn(r);
            const provider = urn !== undefined ? this.idx.get(urn) : undefined;
            d = provider && isProviderType(provider.type) ? providerDefaultTags(provider) : NO_DEFAULTS;
            byRef.set(r.provider, d);
        }
        this.lastProvider = r.provider;
        this.lastDefaults = d;
        return d;
    }

    tag(r: ModelResource, key: string): Read<string | undefined> {
        return tagOf(r, key, this.defaultTags(r));
    }

    /** The Name tag, else the logical name. */
    label(r: ModelResource): string {
        const n = this.tag(r, "Name");
        return n.known && n.value !== undefined ? n.value : r.name;
    }

    /** The common part of an entity; its label is the Name tag as `tags` holds it (own, then tagsAll, then defaults). */
    entity(r: ModelResource): Entity {
        const tags = tagsOf(r, this.defaultTags(r));
        return { urn: r.urn, type: r.type, name: r.name, label: tags.Name ?? r.name, tags, stateMissing: stateMissing(r) };
    }

    link(ref: Ref): Link {
        return { urns: ref.found.map((f) => f.urn), external: ref.external, unknown: ref.unknown };
    }

    /** `idx.ref` as a `Link`. */
    ref(holder: ModelResource, key: string, types: readonly string[]): Link {
        return this.link(this.idx.ref(holder, key, types));
    }

    /** A known string property, else undefined (unknowns included). */
    knownString(r: ModelResource, key: string): string | undefined {
        return knownString(prop(r, key));
    }
}

export const noLink: Link = { urns: [], external: [], unknown: false };

/**
 * What a reference to ONE of `link.urns` answers: the candidates' answer when they all agree, else
 * unknown; with no candidate, unknown while the link is, else `"no"` (nothing in the snapshot: no claim).
 */
export function linkVerdict(link: Link, answer: (urn: string) => Verdict): Verdict {
    if (link.urns.length === 0) return link.unknown ? "unknown" : "no";
    const answers = new Set(link.urns.map(answer));
    return answers.size === 1 ? [...answers][0] : "unknown";
}
