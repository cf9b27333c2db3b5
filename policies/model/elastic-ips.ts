/** Elastic IPs and what they are bound to: directly (`instance` / `networkInterface`) or through an `EipAssociation`. */
import { AwsTypes, INSTANCE_TYPES } from "./aws-types";
import { ModelContext } from "./context";
import { UNK, str } from "./wire";
import { prop, readString, setting } from "./resource-index";
import { ModelResource } from "./snapshot";
import { EipAssociation, EipBinding, ElasticIp, HostAddress } from "./types";

const HOST_TYPES = [...INSTANCE_TYPES, AwsTypes.NetworkInterface];

export class ElasticIps {
    readonly eips: ElasticIp[] = [];
    readonly associations: EipAssociation[] = [];
    private readonly byHost = new Map<string, HostAddress[]>();

    constructor(private readonly c: ModelContext) {
        const byUrn = new Map<string, ElasticIp>();
        const bind = (eip: ElasticIp | undefined, hosts: ModelResource[], via: ModelResource, address: HostAddress) => {
            for (const h of hosts) this.byHost.set(h.urn, [...(this.byHost.get(h.urn) ?? []), address]);
            if (!eip) return;
            for (const h of hosts) if (!eip.boundTo.urns.includes(h.urn)) eip.boundTo.urns.push(h.urn);
            if (!eip.via.includes(via.urn)) eip.via.push(via.urn);
        };
        const address = (eip: ModelResource): HostAddress => {
            const v = str(prop(eip, "publicIp"));
            return { kind: "elastic-ip", ip: typeof v === "string" ? v : undefined, known: true, sourceUrn: eip.urn };
        };
        for (const r of c.idx.ofType(AwsTypes.Eip)) {
            const e: ElasticIp = Object.assign(c.entity(r), {
                publicIp: readString(r, "publicIp"), allocationId: readString(r, "allocationId"),
                boundTo: { urns: [], external: [], unknown: false }, via: [], bindings: this.bindings(r, ["instance", "networkInterface"]),
            });
            this.eips.push(e);
            byUrn.set(r.urn, e);
            for (const key of ["instance", "networkInterface"]) {
                const ref = c.idx.ref(r, key, HOST_TYPES);
                e.boundTo.external.push(...ref.external);
                if (ref.found.length > 0) bind(e, ref.found, r, address(r));
            }
        }
        for (const a of c.idx.ofType(AwsTypes.EipAssociation)) {
            const eipRef = c.idx.ref(a, "allocationId", [AwsTypes.Eip]);
            const eipRes = eipRef.found[0];
            const eip = eipRes ? byUrn.get(eipRes.urn) : undefined;
            const pub = str(prop(a, "publicIp"));
            const addr: HostAddress = eipRes ? address(eipRes) : { kind: "elastic-ip", ip: typeof pub === "string" ? pub : undefined, known: true, sourceUrn: a.urn };
            bind(eip, [...c.idx.ref(a, "instanceId", INSTANCE_TYPES).found, ...c.idx.ref(a, "networkInterfaceId", [AwsTypes.NetworkInterface]).found], a, addr);
            this.associations.push(Object.assign(c.entity(a), { eip: c.link(eipRef), bindings: this.bindings(a, ["instanceId", "networkInterfaceId"]) }));
        }
    }

    /**
     * The binding properties of `r` that are set, each with the host it names. A setting the program
     * did not give is not set even while a preview shows it unknown; one it gave from another
     * resource's output is a binding whose host the dependencies tell, else `unknown`.
     */
    private bindings(r: ModelResource, keys: string[]): EipBinding[] {
        const out: EipBinding[] = [];
        for (const property of keys) {
            const v = setting(r, property);
            if (v !== UNK && str(v) === undefined) continue;
            out.push({ property, host: this.c.link(this.c.idx.resolve(r, property, v, HOST_TYPES)) });
        }
        return out;
    }

    /** The Elastic IP addresses bound to a host. */
    addressesOf(urn: string): HostAddress[] {
        return this.byHost.get(urn) ?? [];
    }
}
