/** Pulumi type tokens of the AWS (and tls) resources the rules read. */
export const AwsTypes = {
    Instance: "aws:ec2/instance:Instance",
    LaunchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    LaunchConfiguration: "aws:ec2/launchConfiguration:LaunchConfiguration",
    Volume: "aws:ec2/volume:Volume",
    KeyPair: "aws:ec2/keyPair:KeyPair",
    Eip: "aws:ec2/eip:Eip",
    EipAssociation: "aws:ec2/eipAssociation:EipAssociation",
    NetworkInterface: "aws:ec2/networkInterface:NetworkInterface",
    Subnet: "aws:ec2/subnet:Subnet",
    RouteTable: "aws:ec2/routeTable:RouteTable",
    Route: "aws:ec2/route:Route",
    RouteTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    InternetGateway: "aws:ec2/internetGateway:InternetGateway",
    Vpc: "aws:ec2/vpc:Vpc",
    FlowLog: "aws:ec2/flowLog:FlowLog",
    TlsPrivateKey: "tls:index/privateKey:PrivateKey",
} as const;
