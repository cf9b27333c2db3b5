/**
 * The stack: from a validated config, the network, the firewall, the hosts and the access paths,
 * and the outputs an operator needs. Only wiring; every decision is in the config and the plan.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cloudInitOptionsFor, renderCloudInit } from "./access/cloud-init";
import { awsProviderArgs } from "./aws-provider-args";
import { AwsProviderSettings, ValidatedSettings } from "./config";
import { HostPlacement, HostRole, Hosts } from "./hosts/hosts";
import { defaultTags, resourceName, shortAz } from "./naming";
import { Network, NetworkSubnet } from "./network/network";
import { Firewall, WebEntry } from "./security/firewall";
import { buildAccess } from "./stack-access";
import { WebLoadBalancer } from "./web/load-balancer";

export function buildStack({ settings: s, subnets, aws: awsSettings }: ValidatedSettings & { aws?: AwsProviderSettings }) {
    // An explicit provider reads none of the stack's aws: config by itself: every setting is handed to it.
    const { args, tags } = awsProviderArgs(s.region, defaultTags(pulumi.getProject(), s.environment), awsSettings);
    const provider = new aws.Provider(resourceName(s.prefix, "aws"), args);
    const opts = { providers: { aws: provider } };

    const network = new Network(resourceName(s.prefix, "network"), {
        prefix: s.prefix, region: s.region, vpcCidr: s.vpcCidr, subnets, nat: s.nat, flowLogs: s.flowLogs,
    }, opts);

    const web: WebEntry = s.webAccess === "alb" ? { mode: "alb", https: s.certificateArn !== undefined } : { mode: s.webAccess };
    const firewall = new Firewall(resourceName(s.prefix, "firewall"), {
        prefix: s.prefix, vpcId: network.vpcId, operatorCidrs: s.operatorCidrs, appPorts: s.appPorts, dbPort: s.dbPort, egressCidrs: s.egressCidrs, web,
    }, opts);

    const subnetOf: Record<HostRole, NetworkSubnet> = {
        web: network.first("public"), db: network.first("internal"), bastion: network.first("admin"),
    };
    const access = buildAccess(s, opts, provider);
    // Hosts reached (and reaching out) through an Elastic IP attached once they run. Behind a load balancer
    // web keeps its address as its only way out (apt); its group admits the app port from the ALB only.
    const elasticIpRoles: ("bastion" | "web")[] = web.mode === "none" ? ["bastion"] : ["bastion", "web"];
    const placement = (role: HostRole): HostPlacement => ({
        subnetId: subnetOf[role].subnet.id,
        az: subnetOf[role].plan.az,
        tier: subnetOf[role].plan.tier,
        securityGroupId: firewall.groups[role].id,
        spec: s.hosts[role],
        userData: renderCloudInit({ ...cloudInitOptionsFor(role, s.access, s.environment, s.prefix), waitForPublicAddress: (elasticIpRoles as HostRole[]).includes(role) }),
    });
    const hosts = new Hosts(resourceName(s.prefix, "hosts"), {
        prefix: s.prefix,
        region: s.region,
        amiId: s.amiId,
        keyName: access.keyName,
        defaultTags: tags,
        bootAfter: network.wayOut,
        elasticIpRoles,
        hosts: {
            web: placement("web"), db: placement("db"), bastion: placement("bastion"),
        },
    }, opts);
    const recovered = access.recover(hosts, subnetOf);
    // Addresses and the load balancer follow a recovered host: the replacement is the one in service.
    const inService = (role: HostRole) => recovered.find((r) => r.target === role)?.host.newInstanceId ?? hosts.instances[role].id;
    const [, webEip] = elasticIpRoles.map((role) => hosts.assignAddress(role, inService(role), network.internetGateway));
    const alb = web.mode === "alb" && firewall.albGroup
        ? new WebLoadBalancer(resourceName(s.prefix, "web-entry"), {
            prefix: s.prefix,
            vpcId: network.vpcId,
            subnetIds: network.subnets.filter((x) => x.plan.tier === "public").map((x) => x.subnet.id),
            securityGroupId: firewall.albGroup.id,
            appPort: s.appPorts[0],
            webInstanceId: inService("web"),
            certificateArn: s.certificateArn,
        }, opts)
        : undefined;
    const wired = access.wire({ network, firewall, hosts, recovered });

    return {
        vpcId: network.vpcId,
        subnets: subnets.map((p, i) => ({
            name: resourceName(s.prefix, "subnet", p.tier, shortAz(p.az, s.region)),
            id: network.subnets[i].subnet.id,
            tier: p.tier, az: p.az, cidr: p.cidr, usableAddresses: p.usableAddresses,
        })),
        // The ids a consumer stack needs (docs/outputs.md): subnets per tier and the hosts in service.
        subnetIds: pulumi.output({
            public: network.subnets.filter((x) => x.plan.tier === "public").map((x) => x.subnet.id),
            internal: network.subnets.filter((x) => x.plan.tier === "internal").map((x) => x.subnet.id),
            admin: network.subnets.filter((x) => x.plan.tier === "admin").map((x) => x.subnet.id),
        }),
        instanceIds: pulumi.output({ web: inService("web"), db: inService("db"), bastion: inService("bastion") }),
        bastionPublicIp: hosts.bastionEip.publicIp,
        // The image the hosts were built from; pin it with `amiId` in config (docs/real-aws.md).
        amiId: hosts.amiId,
        // How people reach the web tier; `none` means nobody can (see docs/access.md).
        web: {
            access: web.mode,
            ...(webEip ? { publicIp: webEip.publicIp } : {}),
            ...(alb ? { url: alb.url } : webEip ? { url: webEip.publicIp.apply((ip) => `http://${ip}:${s.appPorts[0]}/`) } : {}),
        },
        securityGroupIds: pulumi.output({ web: firewall.groups.web.id, db: firewall.groups.db.id, bastion: firewall.groups.bastion.id }),
        ...wired,
    };
}
