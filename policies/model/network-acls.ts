/**
 * Network ACLs: inline `ingress`/`egress` entries and `aws.ec2.NetworkAclRule`s read into one entry
 * shape, sorted by rule number; which ACL a subnet uses (its own association, else its VPC's default
 * ACL — which allows everything unless a `DefaultNetworkAcl` in the snapshot says otherwise).
 */
import { AwsTypes, NACL_TYPES, VPC_TYPES } from "./aws-types";
import { ModelContext } from "./context";
import { block } from "./ipv4-block";
import { declared, prop } from "./resource-index";
import { ModelResource } from "./snapshot";
import { trafficOf } from "./traffic";
import { NaclEntry, NetworkAcl, Subnet } from "./types";
import { Read, UNK, bool, known, list, num, record, str, unknown } from "./wire";

function entry(urn: string, label: string, ruleNo: unknown, action: unknown, protocol: unknown, from: unknown, to: unknown, cidr: unknown, icmpType: unknown): NaclEntry {
    const n = num(ruleNo);
    const act = str(action);
    const c = str(cidr);
    const proto = str(protocol);
    const isIcmp = proto === "icmp" || proto === "1";
    const traffic = isIcmp ? trafficOf(protocol, icmpType ?? -1, -1) : trafficOf(protocol, from, to);
    return {
        ruleNo: typeof n === "number" ? n : 0,
        allow: typeof act === "string" && act.toLowerCase() === "allow",
        traffic,
        cidr: c === UNK ? unknown("preview", { urn, path: ["cidrBlock"] }) : known(c),
        block: typeof c === "string" ? block(c) : undefined,
        known: n !== UNK && act !== UNK && c !== UNK && traffic.protocol !== "?",
        label,
        urn,
    };
}

export class NetworkAcls {
    readonly acls: NetworkAcl[] = [];
    private readonly bySubnet = new Map<string, NetworkAcl>();
    private readonly defaultByVpc = new Map<string, NetworkAcl>();
    private unresolved = false;

    constructor(private readonly c: ModelContext) {
        const idx = c.idx;
        const byUrn = new Map<string, NetworkAcl>();
        for (const a of idx.ofType(...NACL_TYPES)) {
            const acl: NetworkAcl = Object.assign(c.entity(a), { isDefault: a.type === AwsTypes.DefaultNetworkAcl, vpc: c.ref(a, "vpcId", VPC_TYPES), ingress: this.side(a, "ingress"), egress: this.side(a, "egress") });
            this.acls.push(acl);
            byUrn.set(a.urn, acl);
        }
        for (const r of idx.ofType(AwsTypes.NetworkAclRule)) {
            const owner = idx.ref(r, "networkAclId", NACL_TYPES).found[0];
            const acl = owner ? byUrn.get(owner.urn) : undefined;
            if (!acl) continue;
            const egress = bool(prop(r, "egress"));
            const e = entry(r.urn, c.label(r), prop(r, "ruleNumber"), prop(r, "ruleAction"), prop(r, "protocol"), prop(r, "fromPort"), prop(r, "toPort"), prop(r, "cidrBlock"), prop(r, "icmpType"));
            for (const dir of egress === UNK ? (["ingress", "egress"] as const) : egress ? (["egress"] as const) : (["ingress"] as const)) {
                const side = acl[dir];
                if (side.known) side.value.push(egress === UNK ? { ...e, known: false } : e);
            }
        }
        for (const a of idx.ofType(...NACL_TYPES)) {
            const acl = byUrn.get(a.urn)!;
            const ref = idx.ref(a, "subnetIds", [AwsTypes.Subnet]);
            this.unresolved ||= ref.unknown;
            for (const s of ref.found) this.bySubnet.set(s.urn, acl);
            if (a.type === AwsTypes.DefaultNetworkAcl) {
                const vpc = idx.ref(a, "defaultNetworkAclId", VPC_TYPES).found[0] ?? idx.ofType(...VPC_TYPES).find((v) => str(prop(v, "defaultNetworkAclId")) === str(prop(a, "defaultNetworkAclId")));
                if (vpc) this.defaultByVpc.set(vpc.urn, acl);
            }
        }
        for (const assoc of idx.ofType(AwsTypes.NetworkAclAssociation)) {
            const subnet = idx.ref(assoc, "subnetId", [AwsTypes.Subnet]);
            const acl = idx.ref(assoc, "networkAclId", NACL_TYPES);
            if (subnet.found.length === 1 && acl.found.length === 1) this.bySubnet.set(subnet.found[0].urn, byUrn.get(acl.found[0].urn)!);
            else this.unresolved ||= subnet.unknown || acl.unknown;
        }
        for (const acl of this.acls) {
            for (const side of [acl.ingress, acl.egress]) if (side.known) side.value.sort((x, y) => x.ruleNo - y.ruleNo);
        }
    }

    private side(a: ModelResource, dir: "ingress" | "egress"): Read<NaclEntry[]> {
        const blocks = list(declared(a, dir));
        if (blocks === UNK) return unknown("preview", { urn: a.urn, path: [dir] });
        const out: NaclEntry[] = [];
        for (const raw of blocks) {
            const f = record(raw);
            if (f === UNK) return unknown("preview", { urn: a.urn, path: [dir] });
            out.push(entry(a.urn, `${this.c.label(a)} ${dir} rule ${String(f.ruleNo)}`, f.ruleNo, f.action, f.protocol, f.fromPort, f.toPort, f.cidrBlock, f.icmpType));
        }
        return known(out);
    }

    /** The ACL a subnet uses (URN); undefined when it is the VPC's default ACL left as AWS makes it (allow all). */
    aclOf(subnet: ModelResource, vpcUrn: string | undefined): Subnet["networkAcl"] {
        const own = this.bySubnet.get(subnet.urn);
        if (own) return own.urn;
        if (this.unresolved) return "unknown";
        return vpcUrn ? this.defaultByVpc.get(vpcUrn)?.urn : undefined;
    }
}
