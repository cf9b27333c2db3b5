/**
 * The data sources our program calls, answered from the same derivations as the offline mocks.
 * An invoke the stand-in does not know fails with a message naming it (a real provider would answer it).
 */
import { digest, FAKE_ACCOUNT, FAKE_AMI, fakePrivateIp } from "../../offline/fake-derivation";
import type { CheckFailure } from "./constraints/rules";
import type { ProviderSettings } from "./kind";
import { knownString, Props, reveal } from "./wire";

export interface InvokeAnswer {
    outputs?: Props;
    failures?: CheckFailure[];
}

/** `i-` + 8 or 17 hex digits (API_DescribeInstances InstanceIds). */
const INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

export function answerInvoke(token: string, args: Props, settings: ProviderSettings): InvokeAnswer | undefined {
    const region = settings.region;
    switch (token) {
        case "aws:ec2/getAmi:getAmi":
            return { outputs: { ...FAKE_AMI, imageId: FAKE_AMI.id, ownerId: (reveal(args.owners) as string[] | undefined)?.[0] ?? FAKE_ACCOUNT, rootDeviceName: "/dev/sda1", virtualizationType: "hvm", mostRecent: args.mostRecent ?? false, owners: args.owners ?? [], filters: args.filters ?? [] } };
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const names = ["a", "b", "c", "d"].map((l) => `${region}${l}`);
            return { outputs: { id: region, names, zoneIds: names.map((_, i) => `${region.replace(/^(\w\w)-(\w)\w*-(\d+)$/, "$1$2$3")}-az${i + 1}`), state: args.state, groupNames: names.map(() => region) } };
        }
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { outputs: { id: FAKE_ACCOUNT, accountId: FAKE_ACCOUNT, arn: `arn:aws:iam::${FAKE_ACCOUNT}:user/stand-in`, userId: "AIDASTANDINNOTREAL0000" } };
        case "aws:index/getRegion:getRegion":
            return { outputs: { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: `${region} (stand-in)` } };
        case "aws:index/getPartition:getPartition":
            return { outputs: { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" } };
        case "aws:ec2/getInstance:getInstance":
            return instance(args, region);
        default:
            return undefined;
    }
}

/**
 * An instance outside the stack (lost-key recovery of a host by id). The stand-in has no such instance, so it
 * answers with a plausible one derived from the id, in the provider's region, and says so in its log.
 */
function instance(args: Props, region: string): InvokeAnswer {
    const id = knownString(args.instanceId);
    if (id === undefined || !INSTANCE_ID.test(id)) {
        return { failures: [{ property: "instanceId", reason: `"${String(id)}" is not an EC2 instance id (i- and 8 or 17 hex digits; https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html)` }] };
    }
    const hex = digest(`instance::${id}`);
    return {
        outputs: {
            id, instanceId: id, arn: `arn:aws:ec2:${region}:${FAKE_ACCOUNT}:instance/${id}`, instanceType: "t3.micro", instanceState: "running",
            ami: FAKE_AMI.id, availabilityZone: `${region}a`, subnetId: `subnet-${hex.slice(0, 17)}`, vpcSecurityGroupIds: [`sg-${hex.slice(17, 34)}`],
            securityGroups: [], privateIp: fakePrivateIp("10.0.0.0/24", id), publicIp: "", associatePublicIpAddress: false, iamInstanceProfile: "",
            keyName: "", tags: { Name: `stand-in-${id}` }, privateDns: "", publicDns: "",
        },
    };
}
