/**
 * The one table of type tokens the network model reads (AWS provider v5-v7 names; `alb` is the alias
 * module of `lb`). Anything whose type is not here cannot change what the model says.
 */
export const AwsTypes = {
    Vpc: "aws:ec2/vpc:Vpc",
    DefaultVpc: "aws:ec2/defaultVpc:DefaultVpc",
    Subnet: "aws:ec2/subnet:Subnet",
    InternetGateway: "aws:ec2/internetGateway:InternetGateway",
    NatGateway: "aws:ec2/natGateway:NatGateway",
    VpnGateway: "aws:ec2/vpnGateway:VpnGateway",
    VpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    NetworkFirewall: "aws:networkfirewall/firewall:Firewall",
    Eip: "aws:ec2/eip:Eip",
    EipAssociation: "aws:ec2/eipAssociation:EipAssociation",
    RouteTable: "aws:ec2/routeTable:RouteTable",
    DefaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    Route: "aws:ec2/route:Route",
    RouteTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    MainRouteTableAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    SecurityGroup: "aws:ec2/securityGroup:SecurityGroup",
    DefaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    SecurityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    SecurityGroupEgressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    SecurityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ManagedPrefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
    NetworkAcl: "aws:ec2/networkAcl:NetworkAcl",
    DefaultNetworkAcl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    NetworkAclRule: "aws:ec2/networkAclRule:NetworkAclRule",
    NetworkAclAssociation: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
    Instance: "aws:ec2/instance:Instance",
    SpotInstanceRequest: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
    AutoscalingGroup: "aws:autoscaling/group:Group",
    LaunchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    LaunchConfiguration: "aws:ec2/launchConfiguration:LaunchConfiguration",
    NetworkInterface: "aws:ec2/networkInterface:NetworkInterface",
    LoadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    AlbLoadBalancer: "aws:alb/loadBalancer:LoadBalancer",
    Listener: "aws:lb/listener:Listener",
    AlbListener: "aws:alb/listener:Listener",
    TargetGroup: "aws:lb/targetGroup:TargetGroup",
    InstanceConnectEndpoint: "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
    FlowLog: "aws:ec2/flowLog:FlowLog",
    KeyPair: "aws:ec2/keyPair:KeyPair",
    /** `aws.ebs.Volume`, the real token. */
    EbsVolume: "aws:ebs/volume:Volume",
    /** Kept for snapshots written with the token this pack once expected; no @pulumi/aws class has it. */
    Volume: "aws:ec2/volume:Volume",
    EbsEncryptionByDefault: "aws:ebs/encryptionByDefault:EncryptionByDefault",
    AmiFromInstance: "aws:ec2/amiFromInstance:AmiFromInstance",
    TlsPrivateKey: "tls:index/privateKey:PrivateKey",
    TlsSelfSignedCert: "tls:index/selfSignedCert:SelfSignedCert",
    TlsCertRequest: "tls:index/certRequest:CertRequest",
    TlsLocallySignedCert: "tls:index/locallySignedCert:LocallySignedCert",
    Stack: "pulumi:pulumi:Stack",
    AwsProvider: "pulumi:providers:aws",
} as const;

export type AwsType = (typeof AwsTypes)[keyof typeof AwsTypes];

export const VPC_TYPES = [AwsTypes.Vpc, AwsTypes.DefaultVpc] as const;
export const SECURITY_GROUP_TYPES = [AwsTypes.SecurityGroup, AwsTypes.DefaultSecurityGroup] as const;
/** Every type that can hold a security group rule (inline blocks or a rule resource). */
export const RULE_BEARING_TYPES = [
    AwsTypes.SecurityGroup, AwsTypes.DefaultSecurityGroup, AwsTypes.SecurityGroupRule, AwsTypes.SecurityGroupIngressRule, AwsTypes.SecurityGroupEgressRule,
] as const;
export const ROUTE_TABLE_TYPES = [AwsTypes.RouteTable, AwsTypes.DefaultRouteTable] as const;
export const NACL_TYPES = [AwsTypes.NetworkAcl, AwsTypes.DefaultNetworkAcl] as const;
export const LOAD_BALANCER_TYPES = [AwsTypes.LoadBalancer, AwsTypes.AlbLoadBalancer] as const;
export const LISTENER_TYPES = [AwsTypes.Listener, AwsTypes.AlbListener] as const;
export const INSTANCE_TYPES = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest] as const;
export const INSPECTION_ENDPOINT_TYPES = [AwsTypes.VpcEndpoint, AwsTypes.NetworkFirewall] as const;
export const TLS_CERT_TYPES = [AwsTypes.TlsSelfSignedCert, AwsTypes.TlsCertRequest, AwsTypes.TlsLocallySignedCert] as const;

/** A provider resource's type (`pulumi:providers:aws`): where `defaultTags` live. */
export function isProviderType(type: string): boolean {
    return type.startsWith("pulumi:providers:");
}


export function isOneOf<T extends string>(type: string, types: readonly T[]): type is T {
    return (types as readonly string[]).includes(type);
}
