/** What every entity parser shares: the index, the options, and the common part of an entity. */
import { isProviderType } from "./aws-types";
import { Ref, ResourceIndex, prop } from "./resource-index";
import { ModelResource } from "./snapshot";
import { providerDefaultTags, providerUrn, tagOf, tagsOf } from "./tags";
import { Entity, Link, ModelOptions } from "./types";
import { Read, known, str } from "./wire";

export const DEFAULT_OPTIONS: Required<ModelOptions> = { tierTagKey: "Tier", internalTiers: ["internal"], roleTagKey: "Role", useRouteHeuristic: true };

export class ModelContext {
    private readonly defaults = new Map<string, Read<Record<string, string>>>();

    constructor(readonly idx: ResourceIndex, readonly opts: Required<ModelOptions>) {}

    /** The `defaultTags` of the provider that manages `r`. */
    defaultTags(r: ModelResource): Read<Record<string, string>> {
        const urn = providerUrn(r);
        const provider = urn !== undefined ? this.idx.get(urn) : undefined;
        if (!provider || !isProviderType(provider.type)) return known({});
        let d = this.defaults.get(provider.urn);
        if (!d) this.defaults.set(provider.urn, (d = providerDefaultTags(provider)));
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

    entity(r: ModelResource): Entity {
        return { urn: r.urn, type: r.type, name: r.name, label: this.label(r), tags: tagsOf(r, this.defaultTags(r)), resource: r };
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
        const s = str(prop(r, key));
        return typeof s === "string" ? s : undefined;
    }
}

export const noLink: Link = { urns: [], external: [], unknown: false };
