/** Internet gateways, NAT gateways, VPC endpoints and Network Firewalls, with their VPC and subnet. */
import { AwsTypes, VPC_TYPES } from "./aws-types";
import { ModelContext, noLink } from "./context";
import { readString } from "./resource-index";
import { Gateway } from "./types";

const KINDS: [string, Gateway["kind"]][] = [
    [AwsTypes.InternetGateway, "igw"], [AwsTypes.NatGateway, "nat"], [AwsTypes.VpcEndpoint, "vpc-endpoint"], [AwsTypes.NetworkFirewall, "network-firewall"],
];

export function readGateways(c: ModelContext): Gateway[] {
    return KINDS.flatMap(([type, kind]) => c.idx.ofType(type).map((r): Gateway => (Object.assign(c.entity(r), {
        kind,
        vpc: c.ref(r, "vpcId", VPC_TYPES),
        subnet: kind === "nat" ? c.ref(r, "subnetId", [AwsTypes.Subnet]) : noLink,
        connectivity: kind === "nat" ? readString(r, "connectivityType") : undefined,
        allocation: kind === "nat" ? c.ref(r, "allocationId", [AwsTypes.Eip]) : undefined,
        privateIp: kind === "nat" ? readString(r, "privateIp") : undefined,
        publicIp: kind === "nat" ? readString(r, "publicIp") : undefined,
        endpointType: kind === "vpc-endpoint" ? readString(r, "vpcEndpointType") : undefined,
    }))));
}
