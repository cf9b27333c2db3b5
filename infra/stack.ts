/**
 * The stack: from a validated config, the network, the firewall, the hosts and the access paths,
 * and the outputs an operator needs. Only wiring; every decision is in the config and the plan.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cloudInitOptionsFor, renderCloudInit } from "./access/cloud-init";
import { ValidatedSettings } from "./config";
import { HostPlacement, HostRole, Hosts } from "./hosts/hosts";
import { defaultTags, resourceName, shortAz } from "./naming";
import { Network, NetworkSubnet } from "./network/network";
import { Firewall } from "./security/firewall";
import { buildAccess } from "./stack-access";

export function buildStack({ settings: s, subnets }: ValidatedSettings) {
    const tags = defaultTags(pulumi.getProject(), s.environment);
    const provider = new aws.Provider(resourceName(s.prefix, "aws"), { region: s.region as aws.Region, defaultTags: { tags } });
    const opts = { providers: { aws: provider } };

    const network = new Network(resourceName(s.prefix, "network"), {
        prefix: s.prefix, region: s.region, vpcCidr: s.vpcCidr, subnets, nat: s.nat, flowLogs: s.flowLogs,
    }, opts);

    const firewall = new Firewall(resourceName(s.prefix, "firewall"), {
        prefix: s.prefix, vpcId: network.vpcId, operatorCidrs: s.operatorCidrs, appPorts: s.appPorts, dbPort: s.dbPort, egressCidrs: s.egressCidrs,
    }, opts);

    const subnetOf: Record<HostRole, NetworkSubnet> = {
        web: network.first("public"), db: network.first("internal"), bastion: network.first("admin"),
    };
    const access = buildAccess(s, opts, provider);
    // Hosts reached (and reaching out) through an Elastic IP attached once they run.
    const elasticIpRoles: HostRole[] = ["bastion"];
    const placement = (role: HostRole): HostPlacement => ({
        subnetId: subnetOf[role].subnet.id,
        az: subnetOf[role].plan.az,
        tier: subnetOf[role].plan.tier,
        securityGroupId: firewall.groups[role].id,
        spec: s.hosts[role],
        userData: renderCloudInit({ ...cloudInitOptionsFor(role, s.access, s.environment, s.prefix), waitForPublicAddress: elasticIpRoles.includes(role) }),
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
    // The bastion's Elastic IP follows a recovered bastion: the replacement has no other public address.
    const bastionReplacement = recovered.find((r) => r.target === "bastion")?.host.newInstanceId;
    hosts.assignBastionAddress(bastionReplacement ?? hosts.instances.bastion.id, network.internetGateway);
    const wired = access.wire({ network, firewall, hosts, recovered });

    return {
        vpcId: network.vpcId,
        subnets: subnets.map((p) => ({
            name: resourceName(s.prefix, "subnet", p.tier, shortAz(p.az, s.region)),
            tier: p.tier, az: p.az, cidr: p.cidr, usableAddresses: p.usableAddresses,
        })),
        bastionPublicIp: hosts.bastionEip.publicIp,
        securityGroupIds: pulumi.output({ web: firewall.groups.web.id, db: firewall.groups.db.id, bastion: firewall.groups.bastion.id }),
        ...wired,
    };
}
