/**
 * The stand-in provider: the `Provider` interface of `@pulumi/pulumi/provider`, answering the real engine's
 * Check / Diff / Create / Read / Update / Delete / Invoke for the types in its catalog without any cloud.
 * Check refuses what AWS would refuse at create time; Diff replaces what AWS cannot change in place;
 * Create derives ids, ARNs and addresses exactly as the offline mocks do (offline/fake-derivation.ts).
 */
import type * as provider from "@pulumi/pulumi/provider";
import { fakeId, digest } from "../../offline/fake-derivation";
import { answerInvoke } from "./invokes";
import { GENERIC_COMPUTED, OutputContext, ProviderSettings, ResourceKind } from "./kind";
import { CheckFailure, tagFailures } from "./constraints/rules";
import { NetworkRegistry, nextGeneration } from "./network-registry";
import { containsUnknown, knownStringMap, parseUrn, Props, reveal, sameValue, UNKNOWN } from "./wire";

export interface StandInLogger {
    info(message: string, urn?: string): void;
    debug(message: string, urn?: string): void;
    warn(message: string, urn?: string): void;
}

export interface StandInOptions {
    /** `aws` or `tls`: the package whose types and version this plugin stands in for. */
    pkg: string;
    version: string;
    kinds: Record<string, ResourceKind>;
    settings: () => ProviderSettings;
    registry: NetworkRegistry;
    logger: StandInLogger;
}

/** Pulumi's autoname: the resource name, a hyphen and 7 hex characters (random in Pulumi, derived here). */
export function autoname(name: string, urn: string): string {
    return `${name}-${digest(`autoname::${urn}`).slice(0, 7)}`;
}

/** The Provider, plus what a preview shows (the SDK's server does not tell Create/Update they are previews). */
export interface StandInProvider extends provider.Provider {
    previewCreate(urn: string, inputs: Props): Props;
    previewUpdate(id: string, urn: string, olds: Props, news: Props): Props;
}

export function createStandInProvider(o: StandInOptions): StandInProvider {
    let announced = false;
    const announce = () => {
        if (announced) return;
        announced = true;
        o.logger.info(`pulumi-resource-${o.pkg} ${o.version} is a STAND-IN (bastion-network engine/provider): it calls no cloud API and nothing is deployed; ids, ARNs and addresses are derived from resource names`);
    };
    const warnedTypes = new Set<string>();
    const kindOf = (type: string, urn: string): ResourceKind | undefined => {
        const kind = o.kinds[type];
        if (!kind && !warnedTypes.has(type)) {
            warnedTypes.add(type);
            o.logger.warn(`stand-in ${o.pkg} provider does not model ${type}: no constraints checked, no replacements known, a generic id derived from the name`, urn);
        }
        return kind;
    };

    /**
     * Outputs for a Create (`keepId` absent) or an Update. Values derive from the resource's name, or for a
     * replacement created while its predecessor lives, from `<name>#<generation>`, so it differs as in AWS.
     */
    const outputsFor = (urn: string, inputs: Props, keepId?: string): { id: string; outs: Props } => {
        const { type, name, stack, project } = parseUrn(urn);
        const kind = kindOf(type, urn);
        const settings = o.settings();
        const live = o.registry.liveGenerations(urn);
        const generation = keepId !== undefined ? live[keepId] ?? 0 : nextGeneration(live);
        const seed = generation === 0 ? name : `${name}#${generation}`;
        const ctx: OutputContext = { type, name: seed, stack, project, inputs: reveal(inputs) as Props, settings, registry: o.registry, id: "" };
        const id = keepId ?? (kind?.id ? kind.id(ctx) : fakeId(type, seed));
        ctx.id = id;
        const outs: Props = { ...(kind?.outputs?.(ctx, id) ?? {}), ...inputs, id };
        if (kind?.arn) outs.arn = kind.arn(ctx, id);
        if (kind?.tags) outs.tagsAll = { ...settings.defaultTags, ...knownStringMap(inputs.tags) };
        kind?.remember?.(ctx, id, outs);
        if (keepId === undefined) o.registry.rememberLive(urn, id, generation);
        return { id, outs };
    };

    const tagsAllOf = (tags: unknown): unknown => (containsUnknown(tags) ? UNKNOWN : { ...o.settings().defaultTags, ...knownStringMap(tags) });

    return {
        version: o.version,

        // As the real provider plans it: the inputs, tagsAll, and every computed value unknown until created.
        previewCreate(urn, inputs) {
            const kind = kindOf(parseUrn(urn).type, urn);
            const outs: Props = { ...inputs };
            for (const k of [...(kind?.computed ?? []), ...(kind?.arn ? ["arn"] : [])]) if (outs[k] === undefined) outs[k] = UNKNOWN;
            if (kind?.tags) outs.tagsAll = tagsAllOf(inputs.tags);
            return outs;
        },

        // An update keeps what AWS keeps (id, ARN, addresses) and takes the new inputs.
        previewUpdate(_id, urn, olds, news) {
            const kind = kindOf(parseUrn(urn).type, urn);
            const outs: Props = { ...olds, ...news };
            if (kind?.tags) outs.tagsAll = tagsAllOf(news.tags);
            return outs;
        },

        async check(urn, olds: Props, news: Props) {
            announce();
            const { type, name } = parseUrn(urn);
            const kind = kindOf(type, urn);
            if (!kind) return { inputs: news };
            const inputs: Props = { ...kind.defaults, ...news };
            const failures: CheckFailure[] = [];
            const auto = kind.autoname;
            if (auto && (inputs[auto.property] === undefined || inputs[auto.property] === null)) {
                // The engine sends the old inputs: an autoname once given is kept, as Pulumi keeps it.
                const previous = olds?.[auto.property];
                const generated = typeof previous === "string" ? previous : autoname(name, urn);
                if (generated.length > auto.maxLength) {
                    failures.push({ property: auto.property, reason: `the autoname "${generated}" (resource name plus 8 characters) is longer than the ${auto.maxLength} AWS allows; give the resource a shorter name or set ${auto.property}` });
                }
                inputs[auto.property] = generated;
            }
            for (const rule of kind.rules ?? []) failures.push(...rule(inputs));
            if (kind.tags) {
                const own = knownStringMap(inputs.tags);
                const all = { ...o.settings().defaultTags, ...own };
                if (Object.keys(all).length) failures.push(...tagFailures(all, kind.tags, own ?? {}));
            }
            return { inputs, failures };
        },

        async diff(_id, urn, olds: Props, news: Props) {
            const { type, name } = parseUrn(urn);
            const kind = kindOf(type, urn);
            const computed = new Set<string>([...GENERIC_COMPUTED, ...(kind?.computed ?? []), ...(kind?.autoname ? [kind.autoname.property] : [])]);
            const changed: string[] = [];
            for (const key of new Set([...Object.keys(news), ...Object.keys(olds)])) {
                if (key === "id" || key === "arn" || key === "tagsAll") continue;
                const absent = news[key] === undefined || news[key] === null;
                if (absent && computed.has(key)) continue;
                if (containsUnknown(news[key]) || !sameValue(olds[key], news[key])) changed.push(key);
            }
            if (kind?.tags) {
                const expected = { ...o.settings().defaultTags, ...knownStringMap(news.tags) };
                if (!containsUnknown(news.tags) && !sameValue(olds.tagsAll ?? {}, expected) && !changed.includes("tags")) changed.push("tagsAll");
            }
            const replaces = [...new Set([...changed.filter((k) => kind?.replaceOnChange.includes(k)), ...(kind?.dynamicReplaces?.(olds, news) ?? [])])];
            // As the bridge does: a replaced resource whose name the program fixed is deleted first (AWS names are unique).
            const auto = kind?.autoname;
            const fixedName = auto && typeof news[auto.property] === "string" && news[auto.property] !== autoname(name, urn) && news[auto.property] === olds[auto.property];
            return { changes: changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && Boolean(fixedName) };
        },

        async create(urn, inputs: Props) {
            announce();
            const { id, outs } = outputsFor(urn, inputs);
            o.logger.debug(`stand-in: recorded ${parseUrn(urn).type} as ${id}; nothing was created in ${o.pkg === "aws" ? "AWS" : "any cloud"}`, urn);
            return { id, outs };
        },

        async update(id, urn, _olds: Props, news: Props) {
            const { outs } = outputsFor(urn, news, id);
            o.logger.debug(`stand-in: recorded the update of ${id}; nothing was changed in ${o.pkg === "aws" ? "AWS" : "any cloud"}`, urn);
            return { outs };
        },

        async read(id, urn, props?: Props) {
            // Nothing changes behind the stand-in's back: a refresh reads back what it recorded.
            if (!props || Object.keys(props).length === 0) {
                throw new Error(`the stand-in ${o.pkg} provider can only read back resources it recorded itself; ${id} (${urn}) is not one of them`);
            }
            return { id, props };
        },

        async delete(id, urn) {
            o.registry.forgetLive(urn, id);
            o.logger.debug(`stand-in: forgot ${id}; nothing was deleted in ${o.pkg === "aws" ? "AWS" : "any cloud"}`, urn);
        },

        async invoke(token, args: Props) {
            announce();
            const answer = answerInvoke(token, reveal(args) as Props, o.settings());
            if (!answer) throw new Error(`the stand-in ${o.pkg} provider has no answer for ${token}; add it to engine/provider/invokes.ts`);
            if (token === "aws:ec2/getInstance:getInstance" && answer.outputs) {
                o.logger.warn(`stand-in: ${String(answer.outputs.id)} is not a real instance; its subnet, groups and addresses are invented from its id`);
            }
            return answer;
        },
    };
}
