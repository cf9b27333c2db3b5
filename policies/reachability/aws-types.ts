/** Type tokens the reachability model reads (AWS provider v5-v7 names; `alb` is the alias module of `lb`). */
export const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    igw: "aws:ec2/internetGateway:InternetGateway",
    nat: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    eipAssociation: "aws:ec2/eipAssociation:EipAssociation",
    routeTable: "aws:ec2/routeTable:RouteTable",
    defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    route: "aws:ec2/route:Route",
    association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    mainAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    legacyRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
    nacl: "aws:ec2/networkAcl:NetworkAcl",
    defaultNacl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    naclRule: "aws:ec2/networkAclRule:NetworkAclRule",
    naclAssociation: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
    instance: "aws:ec2/instance:Instance",
    eni: "aws:ec2/networkInterface:NetworkInterface",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    alb: "aws:alb/loadBalancer:LoadBalancer",
    eice: "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
    listener: "aws:lb/listener:Listener",
    albListener: "aws:alb/listener:Listener",
} as const;

/** Every type the model reads: anything else in a snapshot cannot change a verdict. */
export const MODEL_TYPES: ReadonlySet<string> = new Set(Object.values(T));

export const SG_TYPES = [T.sg, T.defaultSg] as const;
export const ROUTE_TABLE_TYPES = [T.routeTable, T.defaultRouteTable] as const;
export const NACL_TYPES = [T.nacl, T.defaultNacl] as const;
export const LB_TYPES = [T.lb, T.alb] as const;
