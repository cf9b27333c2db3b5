/** Internet gateways, NAT gateways, VPC endpoints and Network Firewalls, with their VPC and subnet. */
import { AwsTypes, VPC_TYPES } from "./aws-types";
import { ModelContext, noLink } from "./context";
import { readString } from "./resource-index";
import { Gateway } from "./types";

const KINDS: [string, Gateway["kind"]][] = [
    [AwsTypes.InternetGateway, "igw"], [AwsTypes.NatGateway, "nat"], [AwsTypes.VpcEndpoint, "vpc-endpoint"], [AwsTypes.NetworkFirewall, "network-firewall"],
];

export function readGateways(c: ModelContext): Gateway[] {
    return KINDS.flatMap(([type, kind]) => c.idx.ofType(type).map((r): Gateway => ({
        ...c.entity(r),
        kind,
        vpc: c.ref(r, "vpcId", VPC_TYPES),
        subnet: kind === "nat" ? c.ref(r, "subnetId", [AwsTypes.Subnet]) : noLink,
        ...(kind === "nat"
            ? { connectivity: readString(r, "connectivityType"), allocation: c.ref(r, "allocationId", [AwsTypes.Eip]), privateIp: readString(r, "privateIp"), publicIp: readString(r, "publicIp") }
            : {}),
        ...(kind === "vpc-endpoint" ? { endpointType: readString(r, "vpcEndpointType") } : {}),
    })));
}
