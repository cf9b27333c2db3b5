// An engine fixture for the pack's real-world shapes: run through the real CLI with the stand-in
// provider; never deployed. Each resource is one shape the pack once got wrong.
import * as aws from "@pulumi/aws";
import * as tls from "@pulumi/tls";

// Instructions that say `chmod 0400`, not `chmod 400`: no violation.
new aws.ec2.KeyPair("ops-key", {
    keyName: "ops-key",
    publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtnaoSazatBaCdzLCu673nRSTL0YK7M1zd0UH0RwVbU fixture",
    tags: { PemInstructions: "Save as ops.pem and run chmod 0400 ops.pem before ssh -i." },
});

// A key that only signs a CA certificate is a TLS key, never an SSH key: no key pair needed.
const caKey = new tls.PrivateKey("ca-key", { algorithm: "ECDSA" });
new tls.SelfSignedCert("ca", {
    privateKeyPem: caKey.privateKeyPem,
    isCaCertificate: true,
    allowedUses: ["cert_signing"],
    validityPeriodHours: 24,
    subject: { commonName: "fixture CA" },
});

const vpc = new aws.ec2.Vpc("shapes-vpc", { cidrBlock: "10.3.0.0/16" });

// A separate rule on the VPC's default group: SSH from the world (mandatory) and a rule on the default group.
new aws.vpc.SecurityGroupIngressRule("default-ssh", {
    securityGroupId: vpc.defaultSecurityGroupId,
    ipProtocol: "tcp",
    fromPort: 22,
    toPort: 22,
    cidrIpv4: "0.0.0.0/0",
    description: "ssh",
});

// No route table association: the VPC's main table decides, and nothing in the stack gives it an internet route.
const data = new aws.ec2.Subnet("shapes-data", { vpcId: vpc.id, cidrBlock: "10.3.8.0/24", availabilityZone: "ap-northeast-2a" });
new aws.ec2.Instance("shapes-data-1", {
    ami: "ami-0c9c942bd7bf113a2",
    instanceType: "t3.micro",
    subnetId: data.id,
    associatePublicIpAddress: true,
    metadataOptions: { httpTokens: "required" },
    rootBlockDevice: { encrypted: true },
});

new aws.ec2.FlowLog("shapes-flow", { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::fixture-flow-logs" });
