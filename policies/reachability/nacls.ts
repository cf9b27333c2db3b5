/**
 * Network ACLs: stateless, numbered, first match wins, a final deny. A subnet uses the ACL it is
 * associated with, else its VPC's default ACL — which allows everything unless a `DefaultNetworkAcl`
 * in the snapshot says otherwise. Traffic within one subnet never crosses an ACL.
 */
import { Block, block, within } from "../model/ipv4-block";
import { NACL_TYPES, T } from "./aws-types";
import { ResourceIndex } from "./resource-index";
import { Traffic, covers, intersect, trafficLabel, trafficOf } from "./traffic";
import { ModelResource, Verdict } from "./types";
import { UNK, bool, declared, labelOf, list, num, prop, record, str } from "./values";

interface NaclEntry {
    ruleNo: number;
    allow: boolean;
    traffic: Traffic;
    /** Undefined: IPv6 (not modelled) or not known. */
    cidr?: Block;
    known: boolean;
    label: string;
}

interface Acl {
    label: string;
    urn: string;
    /** `UNK`: the entries are not known yet. */
    ingress: NaclEntry[] | typeof UNK;
    egress: NaclEntry[] | typeof UNK;
}

export interface NaclDecision {
    verdict: Verdict;
    text: string;
    urn?: string;
}

/** Where traffic comes from or goes to, as the ACL sees it: an internet address no rule names, or blocks. */
export type NaclPeer = "internet" | Block[];

export class Nacls {
    private readonly bySubnet = new Map<string, Acl>();
    private readonly defaultByVpc = new Map<string, Acl>();
    private unresolved = false;

    constructor(private readonly idx: ResourceIndex) {
        const acls = new Map<string, Acl>();
        for (const a of idx.ofType(...NACL_TYPES)) acls.set(a.urn, this.read(a));
        const standalone = idx.ofType(T.naclRule);
        for (const r of standalone) {
            const acl = idx.ref(r, "networkAclId", NACL_TYPES).found[0];
            const entry = acl ? acls.get(acl.urn) : undefined;
            if (!entry) continue;
            const egress = bool(prop(r, "egress"));
            const e = this.entry(labelOf(r), prop(r, "ruleNumber"), prop(r, "ruleAction"), prop(r, "protocol"), prop(r, "fromPort"), prop(r, "toPort"), prop(r, "cidrBlock"), prop(r, "icmpType"));
            for (const dir of egress === UNK ? (["ingress", "egress"] as const) : egress ? (["egress"] as const) : (["ingress"] as const)) {
                const list = entry[dir];
                if (list !== UNK) list.push(egress === UNK ? { ...e, known: false } : e);
            }
        }
        for (const a of idx.ofType(...NACL_TYPES)) {
            const acl = acls.get(a.urn) as Acl;
            const ref = idx.ref(a, "subnetIds", [T.subnet]);
            this.unresolved ||= ref.unknown;
            for (const s of ref.found) this.bySubnet.set(s.urn, acl);
            if (a.type === T.defaultNacl) {
                const vpc = idx.ref(a, "defaultNetworkAclId", [T.vpc]).found[0] ?? idx.ofType(T.vpc).find((v) => str(prop(v, "defaultNetworkAclId")) === str(prop(a, "defaultNetworkAclId")));
                if (vpc) this.defaultByVpc.set(vpc.urn, acl);
            }
        }
        for (const assoc of idx.ofType(T.naclAssociation)) {
            const subnet = idx.ref(assoc, "subnetId", [T.subnet]);
            const acl = idx.ref(assoc, "networkAclId", NACL_TYPES);
            if (subnet.found.length === 1 && acl.found.length === 1) this.bySubnet.set(subnet.found[0].urn, acls.get(acl.found[0].urn) as Acl);
            else this.unresolved ||= subnet.unknown || acl.unknown;
        }
        for (const acl of acls.values()) {
            for (const dir of ["ingress", "egress"] as const) {
                const list = acl[dir];
                if (list !== UNK) list.sort((x, y) => x.ruleNo - y.ruleNo);
            }
        }
    }

    private read(a: ModelResource): Acl {
        const side = (dir: "ingress" | "egress"): NaclEntry[] | typeof UNK => {
            const blocks = list(declared(a, dir));
            if (blocks === UNK) return UNK;
            const out: NaclEntry[] = [];
            for (const raw of blocks) {
                const f = record(raw);
                if (f === UNK) return UNK;
                out.push(this.entry(`${labelOf(a)} ${dir} rule ${String(f.ruleNo)}`, f.ruleNo, f.action, f.protocol, f.fromPort, f.toPort, f.cidrBlock, f.icmpType));
            }
            return out;
        };
        return { label: labelOf(a), urn: a.urn, ingress: side("ingress"), egress: side("egress") };
    }

    private entry(label: string, ruleNo: unknown, action: unknown, protocol: unknown, from: unknown, to: unknown, cidr: unknown, icmpType: unknown): NaclEntry {
        const n = num(ruleNo);
        const act = str(action);
        const c = str(cidr);
        const proto = str(protocol);
        const isIcmp = proto === "icmp" || proto === "1";
        const traffic = isIcmp ? trafficOf(protocol, icmpType ?? -1, -1) : trafficOf(protocol, from, to);
        const known = n !== UNK && act !== UNK && c !== UNK && traffic.protocol !== "?";
        return {
            ruleNo: typeof n === "number" ? n : 0,
            allow: typeof act === "string" && act.toLowerCase() === "allow",
            traffic,
            cidr: typeof c === "string" ? block(c) : undefined,
            known,
            label,
        };
    }

    /** The ACL of `subnet`; undefined when it is the VPC's default ACL left as AWS makes it (allow all). */
    private aclOf(subnet: ModelResource, vpc: ModelResource | undefined): Acl | "unknown" | undefined {
        const own = this.bySubnet.get(subnet.urn);
        if (own) return own;
        if (this.unresolved) return "unknown";
        return vpc ? this.defaultByVpc.get(vpc.urn) : undefined;
    }

    /** Does the ACL of `subnet` let `traffic` in from (or out to) `peer`? Some of the class getting through is a yes. */
    decide(subnet: ModelResource, vpc: ModelResource | undefined, direction: "ingress" | "egress", peer: NaclPeer, traffic: Traffic): NaclDecision {
        const acl = this.aclOf(subnet, vpc);
        const where = `${direction === "ingress" ? "inbound" : "outbound"} ${trafficLabel(traffic)} at ${labelOf(subnet)}`;
        if (acl === undefined) return { verdict: "yes", text: `default network ACL allows ${where}` };
        if (acl === "unknown") return { verdict: "unknown", text: `which network ACL ${labelOf(subnet)} uses is not known yet` };
        const entries = acl[direction];
        if (entries === UNK) return { verdict: "unknown", text: `the ${direction} entries of ${acl.label} are not known yet`, urn: acl.urn };
        let partial: NaclEntry | undefined;
        for (const e of entries) {
            if (!e.known) return { verdict: "unknown", text: `${e.label} is not known yet`, urn: acl.urn };
            if (!e.cidr) continue; // IPv6 entries never match an IPv4 path
            const match = peer === "internet" ? (e.cidr.prefix === 0 ? "yes" : "no") : within(peer, e.cidr);
            if (match === "no") continue;
            const overlap = intersect(e.traffic, traffic);
            if (!overlap) continue;
            if (match === "unknown") return { verdict: "unknown", text: `${e.label} (${e.cidr.cidr}) covers only some of the addresses` , urn: acl.urn };
            if (covers(e.traffic, traffic)) {
                if (e.allow) return { verdict: "yes", text: `${e.label} allows ${where}`, urn: acl.urn };
                return partial
                    ? { verdict: "yes", text: `${partial.label} allows part of ${where}`, urn: acl.urn }
                    : { verdict: "no", text: `${e.label} denies ${where}`, urn: acl.urn };
            }
            if (e.allow) partial ??= e;
        }
        if (partial) return { verdict: "yes", text: `${partial.label} allows part of ${where}`, urn: acl.urn };
        return { verdict: "no", text: `${acl.label} denies ${where} (no entry allows it)`, urn: acl.urn };
    }
}
