/**
 * The EC2/VPC types our program registers. Replacement properties follow the Terraform AWS provider
 * (ForceNew / RequiresReplace in its schema) that pulumi-aws 7.48.0 wraps; see README.md for the table.
 */
import { fakeArn, fakeFingerprint, fakeId, fakeInstanceAddresses, fakePrivateIp, fakePublicIp, FAKE_ACCOUNT, uniquePublicIp } from "../../offline/fake-derivation";
import {
    cidrBlock, ec2Tags, EC2_API_BASE, imageDescription, imageName, importedPublicKey, instanceDevices, keyPairName, oneOfStrings,
    securityGroupDescription, securityGroupName, securityGroupRule, userDataSize, zoneInRegion,
} from "./constraints/ec2";
import { text } from "./constraints/rules";
import { hexOf, OutputContext, OWNER, ProviderSettings, ResourceKind } from "./kind";
import { knownString, Props, reveal, sameValue } from "./wire";

const ec2Arn = (c: OutputContext, id: string) => fakeArn(c.type, c.settings.region, id, c.inputs);
const scope = (c: OutputContext) => `${c.project}/${c.stack}`;
const claimFor = (c: OutputContext) => (ip: string) => c.registry.claimPublicIp(scope(c), ip, c.name);
const eni = (c: OutputContext) => `eni-${hexOf(`eni::${c.type}::${c.name}`, 17)}`;

/** AZ ids (`apne2-az1`) as AWS pairs them with zone letters; the mapping differs per account, any fixed one will do. */
function zoneId(region: string, zone: string): string {
    const short = region.replace(/^(\w\w)-(\w)\w*-(\d+)$/, "$1$2$3");
    return `${short}-az${zone.charCodeAt(zone.length - 1) - 96}`;
}

function ruleSource(p: Props): string | undefined {
    return ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"].find((k) => p[k] !== undefined && p[k] !== null);
}

export function ec2Kinds(settings: () => ProviderSettings): Record<string, ResourceKind> {
    const region = () => settings().region;
    const securityGroupRuleKind: ResourceKind = {
        // Every field but the group is changed in place (ModifySecurityGroupRules)...
        replaceOnChange: ["securityGroupId"],
        computed: ["securityGroupRuleId"],
        tags: ec2Tags,
        rules: [securityGroupRule],
        // ...except the kind of source: the provider's ModifyPlan replaces the rule when it moves from a CIDR to a group, say.
        dynamicReplaces: (olds, news) => {
            const [a, b] = [ruleSource(olds), ruleSource(news)];
            return a && b && a !== b ? [a, b] : [];
        },
        arn: ec2Arn,
        outputs: (_c, id) => ({ securityGroupRuleId: id }),
    };
    return {
        "aws:ec2/vpc:Vpc": {
            replaceOnChange: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
            computed: ["defaultSecurityGroupId", "defaultRouteTableId", "defaultNetworkAclId", "mainRouteTableId", "dhcpOptionsId",
                "instanceTenancy", "enableDnsSupport", "enableDnsHostnames", "enableNetworkAddressUsageMetrics", "ipv6AssociationId", "ipv6CidrBlock"],
            tags: ec2Tags,
            rules: [cidrBlock("cidrBlock", "CreateVpc")],
            arn: ec2Arn,
            outputs: (c) => ({
                ...OWNER,
                defaultSecurityGroupId: fakeId("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", `${c.name}-default`),
                defaultRouteTableId: `rtb-${hexOf(`main-rtb::${c.name}`, 17)}`,
                mainRouteTableId: `rtb-${hexOf(`main-rtb::${c.name}`, 17)}`,
                defaultNetworkAclId: `acl-${hexOf(`acl::${c.name}`, 17)}`,
                dhcpOptionsId: `dopt-${hexOf(`dopt::${c.name}`, 17)}`,
                instanceTenancy: c.inputs.instanceTenancy ?? "default",
                enableDnsSupport: c.inputs.enableDnsSupport ?? true,
                enableDnsHostnames: c.inputs.enableDnsHostnames ?? false,
                enableNetworkAddressUsageMetrics: c.inputs.enableNetworkAddressUsageMetrics ?? false,
                ipv6AssociationId: "",
                ipv6CidrBlock: "",
            }),
        },
        "aws:ec2/subnet:Subnet": {
            replaceOnChange: ["vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId", "outpostArn", "ipv6Native"],
            computed: ["availabilityZone", "availabilityZoneId", "mapPublicIpOnLaunch", "assignIpv6AddressOnCreation", "ipv6CidrBlockAssociationId"],
            tags: ec2Tags,
            rules: [cidrBlock("cidrBlock", "CreateSubnet"), zoneInRegion("availabilityZone", region)],
            arn: ec2Arn,
            outputs: (c) => {
                const az = knownString(c.inputs.availabilityZone) ?? `${c.settings.region}a`;
                return { ...OWNER, availabilityZone: az, availabilityZoneId: zoneId(c.settings.region, az), mapPublicIpOnLaunch: c.inputs.mapPublicIpOnLaunch ?? false, assignIpv6AddressOnCreation: false, ipv6CidrBlockAssociationId: "" };
            },
            remember: (c, id, outs) => c.registry.rememberSubnet(scope(c), id, { cidr: String(c.inputs.cidrBlock), az: String(outs.availabilityZone), vpcId: knownString(c.inputs.vpcId) }),
        },
        "aws:ec2/internetGateway:InternetGateway": { replaceOnChange: [], computed: [], tags: ec2Tags, arn: ec2Arn, outputs: () => ({ ...OWNER }) },
        "aws:ec2/natGateway:NatGateway": {
            replaceOnChange: ["allocationId", "subnetId", "connectivityType", "privateIp"],
            computed: ["privateIp", "publicIp", "networkInterfaceId", "associationId", "connectivityType"],
            tags: ec2Tags,
            outputs: (c) => {
                const cidr = c.registry.subnet(scope(c), String(c.inputs.subnetId))?.cidr;
                const alloc = knownString(c.inputs.allocationId);
                return {
                    connectivityType: c.inputs.connectivityType ?? "public",
                    privateIp: cidr ? fakePrivateIp(cidr, c.name) : "10.0.0.5",
                    publicIp: (alloc && c.registry.eipAddress(scope(c), alloc)) ?? fakePublicIp(c.name),
                    networkInterfaceId: eni(c),
                    associationId: `eipassoc-${hexOf(`nat-assoc::${c.name}`, 17)}`,
                };
            },
        },
        "aws:ec2/eip:Eip": {
            replaceOnChange: ["domain", "vpc", "address", "customerOwnedIpv4Pool", "networkBorderGroup", "publicIpv4Pool", "ipamPoolId"],
            computed: ["allocationId", "publicIp", "publicDns", "privateIp", "privateDns", "associationId", "domain", "networkBorderGroup", "publicIpv4Pool", "instance", "networkInterface"],
            tags: ec2Tags,
            rules: [oneOfStrings("domain", ["vpc", "standard"], `AllocateAddress Domain, ${EC2_API_BASE}/API_AllocateAddress.html`)],
            arn: ec2Arn,
            outputs: (c, id) => {
                const ip = uniquePublicIp(c.name, claimFor(c));
                const attached = knownString(c.inputs.instance) ?? knownString(c.inputs.networkInterface);
                return {
                    allocationId: id, publicIp: ip, publicDns: `ec2-${ip.replace(/\./g, "-")}.${c.settings.region}.compute.amazonaws.com`,
                    domain: c.inputs.domain ?? "vpc", networkBorderGroup: c.settings.region, publicIpv4Pool: "amazon",
                    associationId: attached ? `eipassoc-${hexOf(`eip-assoc::${c.name}::${attached}`, 17)}` : "",
                    instance: c.inputs.instance ?? "", networkInterface: c.inputs.networkInterface ?? "", privateIp: "", privateDns: "",
                };
            },
            remember: (c, id, outs) => c.registry.rememberEip(scope(c), id, String(outs.publicIp)),
        },
        "aws:ec2/eipAssociation:EipAssociation": {
            replaceOnChange: ["allocationId", "instanceId", "networkInterfaceId", "privateIpAddress", "publicIp", "allowReassociation"],
            computed: ["publicIp", "privateIpAddress", "networkInterfaceId", "instanceId"],
            outputs: (c) => {
                const alloc = knownString(c.inputs.allocationId);
                return { publicIp: c.inputs.publicIp ?? (alloc ? c.registry.eipAddress(scope(c), alloc) ?? "" : ""), instanceId: c.inputs.instanceId ?? "", networkInterfaceId: c.inputs.networkInterfaceId ?? "", privateIpAddress: c.inputs.privateIpAddress ?? "" };
            },
        },
        "aws:ec2/routeTable:RouteTable": { replaceOnChange: ["vpcId"], computed: ["routes", "propagatingVgws"], tags: ec2Tags, arn: ec2Arn, outputs: (c) => ({ ...OWNER, routes: c.inputs.routes ?? [], propagatingVgws: [] }) },
        "aws:ec2/routeTableAssociation:RouteTableAssociation": { replaceOnChange: ["subnetId", "gatewayId"], computed: [] },
        "aws:ec2/securityGroup:SecurityGroup": {
            replaceOnChange: ["name", "namePrefix", "description", "vpcId"],
            computed: ["name", "ingress", "egress", "vpcId"],
            autoname: { property: "name", maxLength: 255 },
            defaults: { description: "Managed by Pulumi", revokeRulesOnDelete: false },
            tags: ec2Tags,
            rules: [text("name", securityGroupName), text("description", securityGroupDescription)],
            arn: ec2Arn,
            // The provider removes the egress rule AWS adds to a new group; rules are separate resources here.
            outputs: (c) => ({ ...OWNER, ingress: c.inputs.ingress ?? [], egress: c.inputs.egress ?? [] }),
        },
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
            replaceOnChange: ["vpcId"],
            computed: ["name", "description", "ingress", "egress", "vpcId"],
            tags: ec2Tags,
            arn: ec2Arn,
            outputs: (c) => ({ ...OWNER, name: "default", description: "default VPC security group", ingress: c.inputs.ingress ?? [], egress: c.inputs.egress ?? [] }),
        },
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": securityGroupRuleKind,
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": securityGroupRuleKind,
        "aws:ec2/instance:Instance": instanceKind(region),
        "aws:ec2/keyPair:KeyPair": {
            replaceOnChange: ["keyName", "keyNamePrefix", "publicKey"],
            computed: ["keyName", "keyPairId", "fingerprint", "keyType"],
            autoname: { property: "keyName", maxLength: 255 },
            tags: ec2Tags,
            rules: [text("keyName", keyPairName), importedPublicKey],
            // AWS's handle for a key pair is its name; the key-... id is a separate output.
            id: (c) => String(c.inputs.keyName),
            arn: (c) => fakeArn(c.type, c.settings.region, fakeId(c.type, c.name), c.inputs),
            outputs: (c) => ({ keyPairId: fakeId(c.type, c.name), fingerprint: fakeFingerprint(c.name), keyType: String(c.inputs.publicKey ?? "").startsWith("ssh-rsa") ? "rsa" : "ed25519" }),
        },
        "aws:ec2/flowLog:FlowLog": {
            replaceOnChange: ["vpcId", "subnetId", "eniId", "transitGatewayId", "transitGatewayAttachmentId", "trafficType", "logDestination",
                "logDestinationType", "iamRoleArn", "logFormat", "maxAggregationInterval", "destinationOptions", "deliverCrossAccountRole"],
            computed: ["logFormat", "maxAggregationInterval", "logDestinationType", "logGroupName"],
            tags: ec2Tags,
            rules: [
                oneOfStrings("trafficType", ["ACCEPT", "REJECT", "ALL"], `CreateFlowLogs TrafficType, ${EC2_API_BASE}/API_CreateFlowLogs.html`),
                oneOfStrings("logDestinationType", ["cloud-watch-logs", "s3", "kinesis-data-firehose"], `CreateFlowLogs LogDestinationType, ${EC2_API_BASE}/API_CreateFlowLogs.html`),
            ],
            arn: ec2Arn,
            outputs: (c) => ({
                logDestinationType: c.inputs.logDestinationType ?? "cloud-watch-logs", maxAggregationInterval: c.inputs.maxAggregationInterval ?? 600,
                logFormat: c.inputs.logFormat ?? "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}",
                logGroupName: "",
            }),
        },
        "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": {
            replaceOnChange: ["subnetId", "securityGroupIds", "preserveClientIp"],
            computed: ["securityGroupIds", "preserveClientIp", "availabilityZone", "dnsName", "fipsDnsName", "networkInterfaceIds", "vpcId"],
            tags: ec2Tags,
            arn: ec2Arn,
            outputs: (c, id) => {
                const subnet = c.registry.subnet(scope(c), String(c.inputs.subnetId));
                return {
                    ...OWNER, availabilityZone: subnet?.az ?? `${c.settings.region}a`, vpcId: subnet?.vpcId ?? "",
                    dnsName: `${id}.${hexOf(id, 8)}.ec2-instance-connect-endpoint.${c.settings.region}.amazonaws.com`,
                    fipsDnsName: `${id}.${hexOf(id, 8)}.fips.ec2-instance-connect-endpoint.${c.settings.region}.amazonaws.com`,
                    networkInterfaceIds: [eni(c)], preserveClientIp: c.inputs.preserveClientIp ?? true, securityGroupIds: c.inputs.securityGroupIds ?? [],
                };
            },
        },
        "aws:ec2/amiFromInstance:AmiFromInstance": {
            replaceOnChange: ["sourceInstanceId", "name", "snapshotWithoutReboot", "ebsBlockDevices", "ephemeralBlockDevices"],
            computed: ["name", "architecture", "rootDeviceName", "imageLocation", "platformDetails", "virtualizationType", "ebsBlockDevices"],
            autoname: { property: "name", maxLength: 128 },
            tags: ec2Tags,
            rules: [text("name", imageName), text("description", imageDescription)],
            arn: (c, id) => fakeArn(c.type, c.settings.region, id, c.inputs),
            outputs: (c) => ({
                ownerId: FAKE_ACCOUNT, architecture: "x86_64", rootDeviceName: "/dev/sda1", platformDetails: "Linux/UNIX", virtualizationType: "hvm",
                imageLocation: `${FAKE_ACCOUNT}/${String(c.inputs.name)}`, ebsBlockDevices: [],
            }),
        },
    };
}

function instanceKind(region: () => string): ResourceKind {
    return {
        replaceOnChange: ["ami", "availabilityZone", "subnetId", "associatePublicIpAddress", "keyName", "privateIp", "placementGroup", "hostId",
            "cpuCoreCount", "cpuThreadsPerCore", "ebsBlockDevices", "ephemeralBlockDevices", "networkInterfaces", "ipv6AddressCount",
            "ipv6Addresses", "launchTemplate", "securityGroups", "enclaveOptions", "hibernation"],
        computed: ["availabilityZone", "privateIp", "privateDns", "publicIp", "publicDns", "primaryNetworkInterfaceId", "instanceState",
            "securityGroups", "tenancy", "ipv6Addresses", "outpostArn", "passwordData", "associatePublicIpAddress", "vpcSecurityGroupIds", "keyName", "subnetId"],
        tags: ec2Tags,
        rules: [userDataSize, instanceDevices, zoneInRegion("availabilityZone", region)],
        dynamicReplaces: (olds, news) => {
            const out: string[] = [];
            // user_data changes are applied with a stop/start unless user_data_replace_on_change is set.
            if (reveal(news.userDataReplaceOnChange) === true) {
                for (const k of ["userData", "userDataBase64"]) if (news[k] !== undefined && !sameValue(olds[k], news[k])) out.push(k);
            }
            // The root volume's encryption and key are fixed at launch; size, type and IOPS are modified in place.
            const [o, n] = [reveal(olds.rootBlockDevice) as Props | undefined, reveal(news.rootBlockDevice) as Props | undefined];
            if (o && n && ["encrypted", "kmsKeyId"].some((k) => n[k] !== undefined && !sameValue(o[k], n[k]))) out.push("rootBlockDevice");
            return out;
        },
        arn: ec2Arn,
        outputs: (c) => {
            const subnet = c.registry.subnet(scope(c), String(c.inputs.subnetId));
            const addresses = fakeInstanceAddresses({ name: c.name, region: c.settings.region, subnetCidr: subnet?.cidr, privateIp: c.inputs.privateIp, associatePublicIpAddress: c.inputs.associatePublicIpAddress, claimPublicIp: claimFor(c) });
            return {
                ...addresses,
                publicDns: addresses.publicIp ? `ec2-${addresses.publicIp.replace(/\./g, "-")}.${c.settings.region}.compute.amazonaws.com` : "",
                availabilityZone: c.inputs.availabilityZone ?? subnet?.az ?? `${c.settings.region}a`,
                associatePublicIpAddress: c.inputs.associatePublicIpAddress ?? false,
                primaryNetworkInterfaceId: eni(c), instanceState: "running", tenancy: c.inputs.tenancy ?? "default",
                securityGroups: [], ipv6Addresses: [], outpostArn: "", passwordData: "",
            };
        },
    };
}
