/**
 * Builds resources in the snapshot shape the way a deployment records them: URNs under the
 * stack and an optional parent component, one default provider, outputs that repeat the inputs
 * plus what the cloud adds, and `dependencies` equal to the union of `propertyDependencies`.
 * Deterministic: ids and addresses come from a seeded generator, never from the clock.
 */
import { ResourceSnapshot, SECRET_SIG, SECRET_SIG_KEY, WireValue } from "../offline/snapshot";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";

/** mulberry32: tiny, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/**
 * A secret in the wire form the engine hands an analyzer (decrypted, still marked secret).
 * `toStackExport` writes it as `--show-secrets` does, so a reader can turn it back.
 */
export function secret(value: WireValue): WireValue {
    return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

export interface AddOptions {
    /** Input property -> the resources whose outputs flowed into it. */
    deps?: Record<string, ResourceSnapshot[]>;
    /** Extra outputs the provider computes (arn, public ip, ...). */
    outputs?: Record<string, WireValue>;
    /** Id prefix (`vpc`, `sg`, ...); the id is prefix + 17 hex digits. */
    idPrefix?: string;
    /** Explicit id, for resources whose id is not prefix-hex (key pairs, log groups). */
    id?: string;
    parent?: ResourceSnapshot;
}

export class StackBuilder {
    readonly resources: ResourceSnapshot[] = [];
    private readonly random: () => number;
    readonly provider: ResourceSnapshot;
    readonly root: ResourceSnapshot;

    constructor(
        readonly project: string,
        readonly stack: string,
        seed: number,
    ) {
        this.random = seededRandom(seed);
        this.root = this.push({
            urn: this.urn("pulumi:pulumi:Stack", `${project}-${stack}`),
            type: "pulumi:pulumi:Stack",
            name: `${project}-${stack}`,
            custom: false,
            inputs: {},
            outputs: {},
            dependencies: [],
            propertyDependencies: {},
        });
        const providerInputs = { region: REGION, version: "7.48.0", skipCredentialsValidation: "false" };
        this.provider = this.push({
            urn: this.urn("pulumi:providers:aws", "default_7_48_0"),
            type: "pulumi:providers:aws",
            name: "default_7_48_0",
            custom: true,
            id: this.uuid(),
            inputs: { ...providerInputs, __internal: {} },
            outputs: providerInputs,
            dependencies: [],
            propertyDependencies: {},
        });
    }

    hex(digits: number): string {
        let s = "";
        while (s.length < digits) s += Math.floor(this.random() * 0x100000000).toString(16).padStart(8, "0");
        return s.slice(0, digits);
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.random() * items.length)];
    }

    chance(p: number): boolean {
        return this.random() < p;
    }

    private uuid(): string {
        const h = this.hex(32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }

    private urn(type: string, name: string, parent?: ResourceSnapshot): string {
        // A child's URN carries its parent's qualified type chain, as the engine writes it.
        const qualified = parent && parent.type !== "pulumi:pulumi:Stack" ? `${qualifiedType(parent.urn)}$${type}` : type;
        return `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
    }

    private push(r: ResourceSnapshot): ResourceSnapshot {
        this.resources.push(r);
        return r;
    }

    arn(service: string, resource: string): string {
        return `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
    }

    component(type: string, name: string): ResourceSnapshot {
        return this.push({
            urn: this.urn(type, name, this.root),
            type,
            name,
            custom: false,
            inputs: {},
            outputs: {},
            parent: this.root.urn,
            dependencies: [],
            propertyDependencies: {},
        });
    }

    add(type: string, name: string, inputs: Record<string, WireValue>, opts: AddOptions = {}): ResourceSnapshot {
        const parent = opts.parent ?? this.root;
        const id = opts.id ?? `${opts.idPrefix ?? "r"}-${this.hex(17)}`;
        const propertyDependencies: Record<string, string[]> = {};
        for (const key of Object.keys(inputs)) propertyDependencies[key] = [];
        const dependencies = new Set<string>();
        for (const [key, from] of Object.entries(opts.deps ?? {})) {
            propertyDependencies[key] = from.map((r) => r.urn);
            for (const r of from) dependencies.add(r.urn);
        }
        return this.push({
            urn: this.urn(type, name, parent),
            type,
            name,
            custom: true,
            id,
            // Bridged providers record which inputs they defaulted; policies see this key too.
            inputs: { __defaults: [], ...inputs },
            outputs: { ...inputs, id, ...opts.outputs },
            parent: parent.urn,
            dependencies: [...dependencies],
            propertyDependencies,
            provider: `${this.provider.urn}::${this.provider.id}`,
        });
    }
}

function qualifiedType(urn: string): string {
    const parts = urn.split("::");
    return parts[2];
}
