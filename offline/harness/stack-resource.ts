import type { PolicyResource } from "@pulumi/policy";
import type { ResourceSnapshot } from "../snapshot";
import { isTypeOf } from "./args";
import type { Context } from "./context";
import { engineProps } from "./policy-internals";

/**
 * `opts` and `provider` are built once per resource and shared by every policy that looks at it. The
 * server builds a fresh copy per call; no policy can tell the difference short of mutating them, and
 * building them per policy was a third of the harness's cost on a large stack.
 */
export function sharedFields(target: { opts: unknown; provider?: unknown }, r: ResourceSnapshot, ctx: Context): void {
    target.opts = ctx.optsOf(r);
    const provider = ctx.providerOf(r);
    if (provider) target.provider = provider;
}

/**
 * A stack resource as a stack policy sees it. The same values the server builds, but props,
 * dependencies and propertyDependencies are resolved on first read (accessors on the prototype):
 * each stack policy gets a fresh graph, as from the server, and a large stack no longer pays for
 * the parts a policy never reads.
 */
class StackResource implements PolicyResource {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    opts!: PolicyResource["opts"];
    provider?: PolicyResource["provider"];
    #parent?: PolicyResource | null;
    #props?: Record<string, unknown>;
    #dependencies?: PolicyResource[];
    #propertyDependencies?: Record<string, PolicyResource[]>;

    readonly #ctx: Context;
    readonly #r: ResourceSnapshot;
    readonly #graph: Map<string, StackResource>;

    constructor(ctx: Context, r: ResourceSnapshot, graph: Map<string, StackResource>) {
        this.#ctx = ctx;
        this.#r = r;
        this.#graph = graph;
        this.type = r.type;
        this.urn = r.urn;
        this.name = r.name;
        sharedFields(this, r, ctx);
    }

    get props(): Record<string, unknown> { return (this.#props ??= engineProps(this.#ctx.outputsOf(this.#r))); }
    set props(v: Record<string, unknown>) { this.#props = v; }

    // Dangling URNs (e.g. a backup whose dependencies are missing) are dropped, as the server does.
    get dependencies(): PolicyResource[] { return (this.#dependencies ??= this.#resolve(this.#r.dependencies)); }
    set dependencies(v: PolicyResource[]) { this.#dependencies = v; }

    get propertyDependencies(): Record<string, PolicyResource[]> {
        if (!this.#propertyDependencies) {
            const out: Record<string, PolicyResource[]> = {};
            // The engine sends only properties that have dependencies (plugin/analyzer_plugin.go skips empty
            // lists), and the server then drops URNs it cannot resolve, keeping the (possibly empty) entry.
            for (const [k, urns] of Object.entries(this.#r.propertyDependencies ?? {})) if (urns.length > 0) out[k] = this.#resolve(urns);
            this.#propertyDependencies = out;
        }
        return this.#propertyDependencies;
    }
    set propertyDependencies(v: Record<string, PolicyResource[]>) { this.#propertyDependencies = v; }

    get parent(): PolicyResource | undefined {
        if (this.#parent === undefined) this.#parent = (this.#r.parent && this.#graph.get(this.#r.parent)) || null;
        return this.#parent ?? undefined;
    }
    set parent(v: PolicyResource | undefined) { this.#parent = v ?? null; }

    isType(cls: unknown): boolean { return isTypeOf(this.type, cls); }
    asType<T>(cls: unknown): T | undefined { return (isTypeOf(this.type, cls) ? this.props : undefined) as T | undefined; }

    #resolve(urns: string[] | undefined): PolicyResource[] {
        const out: PolicyResource[] = [];
        for (const u of urns ?? []) {
            const d = this.#graph.get(u);
            if (d) out.push(d);
        }
        return out;
    }
}

export function stackResources(ctx: Context, resources: ResourceSnapshot[]): PolicyResource[] {
    const graph = new Map<string, StackResource>();
    return resources.map((r) => {
        const o = new StackResource(ctx, r, graph);
        graph.set(o.urn, o);
        return o;
    });
}
