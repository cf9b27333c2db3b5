/**
 * The commands that bring a topology up, pure: namespaces, veth pairs created directly inside them
 * (never in the machine's own namespace), addresses, per-subnet route tables, rulesets. Run in order.
 */
import { hostRuleset, igwRuleset, natRuleset } from "./nft-rules";
import { NS_PREFIX } from "./names";
import { Topology, TRANSIT } from "./topology";

export const NS = { router: `${NS_PREFIX}rtr`, igw: `${NS_PREFIX}igw`, inet: `${NS_PREFIX}inet` };

export interface PlanStep {
    /** argv run as root; `ip -n` / `ip netns exec` keep every change inside a twin namespace. */
    argv: string[];
    /** nftables ruleset fed to `nft -f -` on stdin. */
    stdin?: string;
}

/** Every namespace the topology needs, router first. */
export function namespaces(t: Topology): string[] {
    return [NS.router, NS.igw, NS.inet, ...t.hosts.map((h) => h.ns), ...t.endpoints.map((e) => e.ns), ...t.nats.map((n) => n.ns)];
}

const ip = (ns: string, ...args: string[]): PlanStep => ({ argv: ["ip", "-n", ns, ...args] });
const inNs = (ns: string, ...args: string[]): PlanStep => ({ argv: ["ip", "netns", "exec", ns, ...args] });
const sysctl = (ns: string, ...settings: string[]): PlanStep => inNs(ns, "sysctl", "-q", ...settings.flatMap((s) => ["-w", s]));
const nft = (ns: string, ruleset: string): PlanStep => ({ ...inNs(ns, "nft", "-f", "-"), stdin: ruleset });

/** One leg of a subnet: a veth from the subnet's bridge in the router to `eth0` of `ns`. */
function attach(t: Topology, ns: string, port: string, subnet: number, address: string): PlanStep[] {
    const s = t.subnets[subnet];
    return [
        ip(NS.router, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns),
        ip(NS.router, "link", "set", port, "master", `br${subnet}`, "up"),
        ip(ns, "addr", "add", `${address}/${s.prefixLength}`, "dev", "eth0"),
        ip(ns, "link", "set", "eth0", "up"),
        ip(ns, "route", "add", "default", "via", s.gateway),
    ];
}

export function networkPlan(t: Topology): PlanStep[] {
    const steps: PlanStep[] = namespaces(t).map((ns) => ({ argv: ["ip", "netns", "add", ns] }));
    for (const ns of namespaces(t)) {
        steps.push(ip(ns, "link", "set", "lo", "up"));
        // IPv4 only (as the model); no redirects, no reverse-path filter: AWS routes by table, not by source
        steps.push(sysctl(ns, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0", "net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.default.send_redirects=0"));
    }
    for (const ns of [NS.router, NS.igw, ...t.nats.map((n) => n.ns)]) steps.push(sysctl(ns, "net.ipv4.ip_forward=1"));
    for (const s of t.subnets) {
        steps.push(ip(NS.router, "link", "add", `br${s.index}`, "type", "bridge"));
        steps.push(ip(NS.router, "addr", "add", `${s.gateway}/${s.prefixLength}`, "dev", `br${s.index}`));
        steps.push(ip(NS.router, "link", "set", `br${s.index}`, "up"));
    }
    t.hosts.forEach((h, i) => steps.push(...attach(t, h.ns, `h${i}`, h.subnet, h.privateIp)));
    t.endpoints.forEach((e, i) => steps.push(...attach(t, e.ns, `e${i}`, e.subnet, e.privateIp)));
    t.nats.forEach((n, i) => steps.push(...attach(t, n.ns, `n${i}`, n.subnet, n.privateIp)));
    // router <-> internet gateway <-> internet
    steps.push(
        ip(NS.router, "link", "add", "igw0", "type", "veth", "peer", "name", "rtr0", "netns", NS.igw),
        ip(NS.router, "addr", "add", `${TRANSIT.routerIgw}/${TRANSIT.prefix}`, "dev", "igw0"),
        ip(NS.router, "link", "set", "igw0", "up"),
        ip(NS.igw, "addr", "add", `${TRANSIT.igwRouter}/${TRANSIT.prefix}`, "dev", "rtr0"),
        ip(NS.igw, "link", "set", "rtr0", "up"),
        ip(NS.igw, "link", "add", "inet0", "type", "veth", "peer", "name", "igw0", "netns", NS.inet),
        ip(NS.igw, "addr", "add", `${TRANSIT.igwInet}/${TRANSIT.prefix}`, "dev", "inet0"),
        ip(NS.igw, "link", "set", "inet0", "up"),
        ip(NS.igw, "route", "add", t.vpcCidr, "via", TRANSIT.routerIgw),
        ip(NS.igw, "route", "add", "default", "via", TRANSIT.inetIgw),
        ip(NS.inet, "addr", "add", `${TRANSIT.inetIgw}/${TRANSIT.prefix}`, "dev", "igw0"),
        ip(NS.inet, "link", "set", "igw0", "up"),
        ip(NS.inet, "addr", "add", `${t.operatorIp}/32`, "dev", "lo"),
        ip(NS.inet, "addr", "add", `${t.clientIp}/32`, "dev", "lo"),
        // the operator's address is the internet side's default source; the client binds its own
        ip(NS.inet, "route", "add", "default", "via", TRANSIT.igwInet, "src", t.operatorIp),
    );
    // one route table per subnet, chosen by the interface traffic arrives on (AWS: the subnet's table)
    for (const s of t.subnets) {
        const table = String(100 + s.index);
        for (const other of t.subnets) steps.push(ip(NS.router, "route", "add", other.cidr, "dev", `br${other.index}`, "table", table));
        for (const r of s.routes) {
            if (r.via.kind === "igw") {
                if (t.hasIgw) steps.push(ip(NS.router, "route", "add", r.destination, "via", TRANSIT.igwRouter, "dev", "igw0", "table", table));
            } else {
                const nat = t.nats[r.via.nat];
                steps.push(ip(NS.router, "route", "add", r.destination, "via", nat.privateIp, "dev", `br${nat.subnet}`, "table", table));
            }
        }
        steps.push(ip(NS.router, "rule", "add", "iif", `br${s.index}`, "lookup", table, "pref", String(1000 + s.index)));
        steps.push(ip(NS.router, "rule", "add", "iif", `br${s.index}`, "unreachable", "pref", String(2000 + s.index)));
    }
    // without an internet gateway in the snapshot the link exists but carries nothing
    steps.push(nft(NS.igw, igwRuleset(t.hasIgw ? t : { publicMap: [] })));
    for (const n of t.nats) steps.push(nft(n.ns, natRuleset(n, t.vpcCidr)));
    for (const h of [...t.hosts, ...t.endpoints]) steps.push(nft(h.ns, hostRuleset(h.firewall)));
    return steps;
}
