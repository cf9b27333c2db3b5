/**
 * The hosts of a snapshot — instances, spot requests, network interfaces, load balancers, Instance
 * Connect endpoints, auto scaling groups — with where they run, their security groups, and which
 * addresses they get (private; an automatic public IP from their own setting, their launch template
 * or their subnet; Elastic IPs; an internet-facing load balancer's).
 */
import { AwsTypes, INSTANCE_TYPES, LISTENER_TYPES, LOAD_BALANCER_TYPES, SECURITY_GROUP_TYPES, VPC_TYPES, isOneOf } from "./aws-types";
import { ModelContext, noLink } from "./context";
import { ElasticIps } from "./elastic-ips";
import { launchConfigurationOf, launchTemplateOf, primaryInterfaceOf } from "./launch-settings";
import { prop, setting, settingBoolean } from "./resource-index";
import { ModelResource } from "./snapshot";
import { trafficOf } from "./traffic";
import { Host, HostKind, LaunchConfiguration, LaunchTemplate, Link, PublicAddress, Subnet, Traffic } from "./types";
import { Read, UNK, known, list, record, str } from "./wire";

export interface HostInputs {
    subnets: Map<string, Subnet>;
    templates: Map<string, LaunchTemplate>;
    configurations: Map<string, LaunchConfiguration>;
    eips: ElasticIps;
}

const KIND: Record<string, HostKind> = {
    [AwsTypes.Instance]: "instance", [AwsTypes.SpotInstanceRequest]: "spot-request", [AwsTypes.NetworkInterface]: "network-interface",
    [AwsTypes.LoadBalancer]: "load-balancer", [AwsTypes.AlbLoadBalancer]: "load-balancer",
    [AwsTypes.InstanceConnectEndpoint]: "instance-connect-endpoint", [AwsTypes.AutoscalingGroup]: "autoscaling-group",
};

export class HostReader {
    constructor(private readonly c: ModelContext, private readonly x: HostInputs) {}

    /** Every host, in snapshot order. */
    hosts(): Host[] {
        const out: Host[] = [];
        for (const r of this.c.idx.resources) {
            const kind = KIND[r.type];
            if (kind) out.push(this.host(r, kind));
        }
        return out;
    }

    private subnetLink(r: ModelResource, key: string): Link {
        // A subnet id the program did not set reads as not set (a preview's computed output).
        const v = key === "subnetId" ? setting(r, key) : prop(r, key);
        return this.c.link(this.c.idx.resolve(r, key, v, [AwsTypes.Subnet], key === "vpcZoneIdentifiers"));
    }

    /** Where an instance or spot request runs: its subnetId, else its primary interface's, else its template's. */
    private instanceSubnets(r: ModelResource, eni: Link, lt: Link): Link {
        const own = this.subnetLink(r, "subnetId");
        if (own.urns.length > 0 || own.external.length > 0 || own.unknown) return own;
        if (eni.urns.length === 1) return this.subnetLink(this.c.idx.get(eni.urns[0])!, "subnetId");
        if (eni.unknown || eni.external.length > 0) return { ...noLink, unknown: eni.unknown };
        if (lt.unknown) return { ...noLink, unknown: true };
        const template = lt.urns.length === 1 ? this.x.templates.get(lt.urns[0]) : undefined;
        if (!template) return noLink;
        if (!template.primary.known) return { ...noLink, unknown: true };
        return template.primary.value?.subnet ?? noLink;
    }

    private subnetMissing(r: ModelResource, link: Link, label: string): string | undefined {
        if (link.urns.length > 0) return undefined;
        if (link.unknown) return `the subnet of ${label} is not known yet`;
        if (link.external.length > 0) return `the subnet of ${label} (${link.external[0]}) is not in the snapshot`;
        return `${label} names no subnet (the default VPC's, not in the snapshot)`;
    }

    private groups(r: ModelResource, keys: string[]): { keys: string[]; unknown: boolean } {
        const out: string[] = [];
        let unknown = false;
        for (const k of keys) {
            // An instance's `securityGroups` holds group names and repeats `vpcSecurityGroupIds` in a VPC.
            if (k === "securityGroups" && r.type === AwsTypes.Instance && out.length > 0) continue;
            const ref = this.c.idx.ref(r, k, SECURITY_GROUP_TYPES);
            out.push(...ref.found.map((g) => g.urn));
            for (const id of ref.external) {
                const byName = k === "securityGroups" && r.type === AwsTypes.Instance ? this.c.idx.ofType(AwsTypes.SecurityGroup).find((g) => str(prop(g, "name")) === id) : undefined;
                out.push(byName ? byName.urn : `id:${id}`);
            }
            unknown ||= ref.unknown;
        }
        return { keys: [...new Set(out)], unknown };
    }

    private vpcOf(subnets: Link): string | undefined {
        const s = subnets.urns.length > 0 ? this.x.subnets.get(subnets.urns[0]) : undefined;
        return s && s.vpc.urns.length === 1 ? s.vpc.urns[0] : undefined;
    }

    private host(r: ModelResource, kind: HostKind): Host {
        const c = this.c;
        const label = c.label(r);
        const isInstance = isOneOf(r.type, INSTANCE_TYPES);
        const lt = isInstance || kind === "autoscaling-group" ? launchTemplateOf(c, r) : undefined;
        const primaryInterface = isInstance ? primaryInterfaceOf(c, r) : undefined;
        let subnets: Link;
        if (isInstance) subnets = this.instanceSubnets(r, primaryInterface!, lt!);
        else if (kind === "autoscaling-group") subnets = this.asgSubnets(r);
        else if (kind === "load-balancer") subnets = this.lbSubnets(r);
        else subnets = this.subnetLink(r, "subnetId");
        const groupKeys = kind === "instance" || kind === "spot-request" ? ["vpcSecurityGroupIds", "securityGroups"] : kind === "instance-connect-endpoint" ? ["securityGroupIds"] : kind === "autoscaling-group" ? [] : ["securityGroups"];
        const g = this.groups(r, groupKeys);
        let groupsWhy: string | undefined;
        if (g.keys.length === 0 && !g.unknown && (kind === "instance" || kind === "network-interface")) {
            // Launched without a group: the VPC's default group, whose rules are known only if it is managed here.
            const vpc = this.vpcOf(subnets);
            const dflt = vpc && c.idx.ofType(AwsTypes.DefaultSecurityGroup).find((d) => c.idx.ref(d, "vpcId", VPC_TYPES).found.some((v) => v.urn === vpc));
            if (dflt) g.keys.push(dflt.urn);
            else {
                g.unknown = true;
                groupsWhy = `${label} uses its VPC's default security group, which is not in the snapshot`;
            }
        }
        const roleOwn = c.tag(r, c.opts.roleTagKey);
        const firstGroup = g.keys.map((k) => c.idx.get(k)).find((x) => x !== undefined);
        const role: Read<string | undefined> = roleOwn.known && roleOwn.value === undefined && firstGroup ? c.tag(firstGroup, c.opts.roleTagKey) : roleOwn;
        const host: Host = Object.assign(c.entity(r), { kind, subnets, subnetMissing: this.subnetMissing(r, subnets, label), groupKeys: g.keys, groupsUnknown: g.unknown, groupsWhy,
            privateIps: [], addresses: [], associatePublicIp: known(undefined), associatePublicIpFrom: { via: "", urn: r.urn }, publicAddress: { verdict: "no" as const, via: "" }, role,
            tier: this.tierOf(r, subnets),
            launchTemplate: lt, primaryInterface,
        });
        if (isInstance) this.instance(r, host);
        else if (kind === "network-interface") this.eni(r, host);
        else if (kind === "load-balancer") this.loadBalancer(r, host);
        else if (kind === "instance-connect-endpoint") {
            host.addresses.push({ kind: "private", known: true, sourceUrn: r.urn });
            host.preserveClientIp = settingBoolean(r, "preserveClientIp");
        } else if (kind === "autoscaling-group") this.autoscaling(r, host);
        return host;
    }

    private tierOf(r: ModelResource, subnets: Link): Host["tier"] {
        const subnet = subnets.urns.map((u) => this.x.subnets.get(u)).find((s) => s !== undefined);
        const tag = subnet?.tier.tier;
        if (subnet && tag?.known && tag.value !== undefined) return { tag: tag.value, internal: subnet.tier.internal };
        const own = this.c.tag(r, this.c.opts.tierTagKey);
        if (own.known && own.value !== undefined) return { tag: own.value, internal: this.c.opts.internalTiers.includes(own.value) ? "yes" : "no" };
        return { internal: subnet ? subnet.tier.internal : "unknown" };
    }

    private setPrivate(h: Host, ips: unknown[]): void {
        for (const ip of ips) {
            const s = str(ip);
            if (typeof s === "string") {
                h.privateIps.push(s);
                h.addresses.push({ kind: "private", ip: s, known: true, sourceUrn: h.urn });
            }
        }
        if (h.privateIps.length === 0) h.addresses.push({ kind: "private", known: true, sourceUrn: h.urn });
    }

    private instance(r: ModelResource, h: Host): void {
        const secondary = list(prop(r, "secondaryPrivateIps"));
        this.setPrivate(h, [prop(r, "privateIp"), ...(secondary === UNK ? [] : secondary)]);
        const eips = this.x.eips.addressesOf(r.urn);
        const own = settingBoolean(r, "associatePublicIpAddress");
        let flag = own;
        let via = "sets associatePublicIpAddress: true";
        let from = r.urn;
        if (own.known && own.value === undefined && h.primaryInterface && h.primaryInterface.urns.length + h.primaryInterface.external.length === 0 && !h.primaryInterface.unknown) {
            const lt = h.launchTemplate!;
            const template = lt.urns.length === 1 ? this.x.templates.get(lt.urns[0]) : undefined;
            if (lt.unknown) flag = { known: false, reason: "preview", at: { urn: r.urn, path: ["launchTemplate"] } };
            else if (template) {
                const p = template.primary;
                flag = p.known ? (p.value ? p.value.associatePublicIp : known(undefined)) : p;
                via = `launches from '${template.name}', whose primary interface associates a public IP`;
                from = template.urn;
            }
        }
        h.associatePublicIp = flag;
        h.associatePublicIpFrom = { via, urn: from };
        const pub = str(prop(r, "publicIp"));
        if (typeof pub === "string") h.ownPublicIp = pub;
        let auto: PublicAddress;
        if (typeof pub === "string") {
            // A deployed host's own public IP; an Elastic IP replaces it, so it is not listed twice.
            if (!eips.some((e) => e.ip === pub)) h.addresses.push({ kind: "public-ip", ip: pub, known: true, sourceUrn: r.urn });
            auto = { verdict: "yes", via: `has public IP ${pub}`, urn: r.urn };
        } else if (pub === undefined && r.outputs && "publicIp" in r.outputs) auto = { verdict: "no", via: "publicIp is empty", urn: r.urn };
        else auto = this.autoPublic(flag, via, from, h.subnets);
        if (auto.verdict === "yes" && typeof pub !== "string") h.addresses.push({ kind: "public-ip", known: true, sourceUrn: r.urn });
        if (auto.verdict === "unknown") h.addresses.push({ kind: "public-ip", known: false, sourceUrn: r.urn });
        h.addresses.push(...eips);
        h.publicAddress = eips.length > 0 ? { verdict: "yes", via: "an Elastic IP", urn: eips[0].sourceUrn } : auto;
    }

    /** Does launch give the instance a public IP: its own (or template's) setting, else the subnet's `mapPublicIpOnLaunch`. */
    private autoPublic(flag: Read<boolean | undefined>, via: string, urn: string, subnets: Link): PublicAddress {
        if (!flag.known) return { verdict: "unknown", via: "associatePublicIpAddress", urn };
        if (flag.value !== undefined) return { verdict: flag.value ? "yes" : "no", via: flag.value ? via : "sets associatePublicIpAddress: false", urn };
        const subnet = subnets.urns.length > 0 ? this.x.subnets.get(subnets.urns[0]) : undefined;
        if (!subnet) return { verdict: "unknown", via: "subnet mapPublicIpOnLaunch" };
        const map = subnet.mapPublicIpOnLaunch;
        return { verdict: !map.known ? "unknown" : map.value === true ? "yes" : "no", via: "subnet mapPublicIpOnLaunch", urn: subnet.urn };
    }

    private eni(r: ModelResource, h: Host): void {
        const ips = list(prop(r, "privateIps"));
        this.setPrivate(h, [prop(r, "privateIp"), ...(ips === UNK ? [] : ips)]);
        const eips = this.x.eips.addressesOf(r.urn);
        h.addresses.push(...eips);
        h.publicAddress = eips.length > 0 ? { verdict: "yes", via: "an Elastic IP", urn: eips[0].sourceUrn } : { verdict: "no", via: "" };
    }

    private lbSubnets(r: ModelResource): Link {
        const direct = this.subnetLink(r, "subnets");
        const mappings = list(prop(r, "subnetMappings"));
        if (direct.urns.length > 0 || mappings === UNK || mappings.length === 0) return direct;
        const urns = mappings.flatMap((m) => {
            const f = record(m);
            return f === UNK ? [] : this.c.idx.resolve(r, "subnetMappings", f.subnetId, [AwsTypes.Subnet]).found.map((s) => s.urn);
        });
        return urns.length > 0 ? { urns: [...new Set(urns)], external: [], unknown: false } : direct;
    }

    private loadBalancer(r: ModelResource, h: Host): void {
        h.addresses.push({ kind: "private", known: true, sourceUrn: r.urn });
        const internal = settingBoolean(r, "internal");
        h.internal = internal;
        const verdict = !internal.known ? "unknown" : internal.value === true ? "no" : "yes";
        h.publicAddress = { verdict, via: "internal", urn: r.urn };
        if (verdict !== "no") h.addresses.push({ kind: "load-balancer", known: verdict === "yes", sourceUrn: r.urn });
        // A load balancer answers only on its listeners' ports, whatever its groups admit.
        h.listeners = this.listeners(r);
    }

    private listeners(lb: ModelResource): Traffic[] {
        const out: Traffic[] = [];
        for (const l of this.c.idx.ofType(...LISTENER_TYPES)) {
            if (!this.c.idx.ref(l, "loadBalancerArn", LOAD_BALANCER_TYPES).found.includes(lb)) continue;
            const p = str(prop(l, "protocol"));
            const proto = typeof p === "string" && /udp/i.test(p) && !/tcp_udp/i.test(p) ? "udp" : "tcp";
            out.push(trafficOf(proto, prop(l, "port"), prop(l, "port")));
        }
        return out;
    }

    /** An auto scaling group launches into every subnet of `vpcZoneIdentifiers`, which depends on exactly those. */
    private asgSubnets(g: ModelResource): Link {
        const link = this.subnetLink(g, "vpcZoneIdentifiers");
        const named = this.c.idx.dependencies(g, "vpcZoneIdentifiers", [AwsTypes.Subnet]).map((s) => s.urn);
        return { ...link, urns: [...new Set([...link.urns, ...named])] };
    }

    private autoscaling(g: ModelResource, h: Host): void {
        const lt = h.launchTemplate ?? noLink;
        if (lt.unknown) {
            h.associatePublicIp = { known: false, reason: "preview" };
            h.publicAddress = { verdict: "unknown", via: "launch template" };
            return;
        }
        const template = lt.urns.length === 1 ? this.x.templates.get(lt.urns[0]) : undefined;
        if (template) {
            const p = template.primary;
            h.associatePublicIp = p.known ? (p.value ? p.value.associatePublicIp : known(undefined)) : p;
            h.associatePublicIpFrom = { via: `launch template '${template.name}'`, urn: template.urn };
            h.publicAddress = verdictOf(h.associatePublicIp, h.associatePublicIpFrom.via, template.urn);
            return;
        }
        if (lt.external.length > 0) return;
        const lc = launchConfigurationOf(this.c, g);
        h.launchConfiguration = lc;
        if (lc.unknown) h.associatePublicIp = { known: false, reason: "preview" };
        const config = lc.urns.length === 1 ? this.x.configurations.get(lc.urns[0]) : undefined;
        if (config) {
            h.associatePublicIp = config.associatePublicIp;
            h.associatePublicIpFrom = { via: "launch configuration", urn: config.urn };
        }
        h.publicAddress = verdictOf(h.associatePublicIp, "launch configuration", config?.urn);
    }
}

function verdictOf(flag: Read<boolean | undefined>, via: string, urn: string | undefined): PublicAddress {
    return { verdict: !flag.known ? "unknown" : flag.value === true ? "yes" : "no", via, ...(urn ? { urn } : {}) };
}

