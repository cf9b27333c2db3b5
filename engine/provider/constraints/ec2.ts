/**
 * What EC2 refuses at create time, per input, each with the API reference it comes from
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_<Action>.html).
 */
import { Address4 } from "ip-address";
import * as sshpk from "sshpk";
import { knownString, Props, reveal } from "../wire";
import { CheckFailure, numberRange, Rule, TagRules, text, TextRule } from "./rules";

const EC2_API = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference";

/** API_CreateSecurityGroup (GroupName, Description) and API_IpRange / API_UserIdGroupPair (Description). */
const SG_CHARACTER = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]$/;
const SG_CHARACTERS_TEXT = "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*";

export const securityGroupDescription: TextRule = {
    min: 1, max: 255, allowed: SG_CHARACTER, allowedText: SG_CHARACTERS_TEXT, api: `CreateSecurityGroup Description, ${EC2_API}/API_CreateSecurityGroup.html`,
};
export const securityGroupName: TextRule = {
    min: 1, max: 255, allowed: SG_CHARACTER, allowedText: SG_CHARACTERS_TEXT, forbiddenPrefixes: ["sg-"],
    api: `CreateSecurityGroup GroupName, ${EC2_API}/API_CreateSecurityGroup.html`,
};
export const ruleDescription: TextRule = {
    max: 255, allowed: SG_CHARACTER, allowedText: SG_CHARACTERS_TEXT, api: `IpRange/UserIdGroupPair Description, ${EC2_API}/API_IpRange.html`,
};

/** API_Tag: keys up to 127 Unicode characters, not starting with aws:; values up to 256. EC2 allows any character. */
export const ec2Tags: TagRules = {
    key: { min: 1, max: 127, forbiddenPrefixes: ["aws:"], api: `EC2 Tag Key, ${EC2_API}/API_Tag.html` },
    value: { max: 256, api: `EC2 Tag Value, ${EC2_API}/API_Tag.html` },
    // "Maximum number of tags per resource: 50" (Amazon EC2 User Guide, Tag restrictions).
    maxTags: 50,
};

/** API_CreateKeyPair / API_ImportKeyPair KeyName: up to 255 ASCII characters. */
export const keyPairName: TextRule = {
    min: 1, max: 255, allowed: /^[\x20-\x7e]$/, allowedText: "ASCII characters", api: `ImportKeyPair KeyName, ${EC2_API}/API_ImportKeyPair.html`,
};

/** API_CreateImage Name: 3-128 characters of letters, digits, ()[] space . / - ' @ _. */
export const imageName: TextRule = {
    min: 3, max: 128, allowed: /^[a-zA-Z0-9()[\] ./\-'@_]$/, allowedText: "a-z, A-Z, 0-9, ( ) [ ] space . / - ' @ _",
    api: `CreateImage Name, ${EC2_API}/API_CreateImage.html`,
};
export const imageDescription: TextRule = { max: 255, api: `CreateImage Description, ${EC2_API}/API_CreateImage.html` };

/**
 * A VPC or subnet IPv4 block: /16 to /28 (Amazon VPC User Guide, "VPC CIDR blocks"; API_CreateVpc,
 * API_CreateSubnet) and written as its network address, which AWS would otherwise canonicalize (a perpetual diff).
 */
export function cidrBlock(property: string, action: "CreateVpc" | "CreateSubnet"): Rule {
    return (inputs) => {
        const v = knownString(inputs[property]);
        if (v === undefined) return [];
        const api = `${action} CidrBlock, ${EC2_API}/API_${action}.html`;
        if (!Address4.isValid(v) || !v.includes("/")) return [{ property, reason: `"${v}" is not an IPv4 CIDR block (${api})` }];
        const net = new Address4(v);
        if (net.subnetMask < 16 || net.subnetMask > 28) return [{ property, reason: `"${v}" is a /${net.subnetMask}; AWS allows /16 to /28 (${api})` }];
        if (net.startAddress().address !== net.addressMinusSuffix) {
            return [{ property, reason: `"${v}" has host bits set; write the network address ${net.startAddress().address}/${net.subnetMask} (${api})` }];
        }
        return [];
    };
}

/** An AZ input must name a zone of the provider's region (API_CreateSubnet AvailabilityZone, API_RunInstances Placement). */
export function zoneInRegion(property: string, region: () => string | undefined): Rule {
    return (inputs) => {
        const zone = knownString(inputs[property]);
        const r = region();
        if (zone === undefined || r === undefined || new RegExp(`^${r}[a-z]$`).test(zone)) return [];
        return [{ property, reason: `"${zone}" is not an availability zone of ${r}, the provider's region (${EC2_API}/API_CreateSubnet.html)` }];
    };
}

/** A security group rule (API_AuthorizeSecurityGroupIngress / API_IpPermission). */
export const securityGroupRule: Rule = (inputs) => {
    const out: CheckFailure[] = [];
    const sources = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"].filter((k) => inputs[k] !== undefined && inputs[k] !== null);
    // The provider's ExactlyOneOf on the source; AWS would take only the first it reads.
    if (sources.length !== 1) {
        out.push({ property: sources[1] ?? "cidrIpv4", reason: `a rule needs exactly one of cidrIpv4, cidrIpv6, prefixListId, referencedSecurityGroupId; got ${sources.length ? sources.join(", ") : "none"} (${EC2_API}/API_IpPermission.html)` });
    }
    const cidr = knownString(inputs.cidrIpv4);
    if (cidr !== undefined) {
        if (!Address4.isValid(cidr) || !cidr.includes("/")) out.push({ property: "cidrIpv4", reason: `"${cidr}" is not an IPv4 CIDR block (${EC2_API}/API_IpRange.html)` });
        else if (new Address4(cidr).startAddress().address !== new Address4(cidr).addressMinusSuffix) {
            out.push({ property: "cidrIpv4", reason: `"${cidr}" has host bits set; write the network address (${EC2_API}/API_IpRange.html)` });
        }
    }
    const protocol = String(reveal(inputs.ipProtocol) ?? "");
    const from = reveal(inputs.fromPort);
    const to = reveal(inputs.toPort);
    if ((protocol === "tcp" || protocol === "udp" || protocol === "6" || protocol === "17") && (from === undefined || to === undefined)) {
        out.push({ property: "fromPort", reason: `a ${protocol} rule needs fromPort and toPort (${EC2_API}/API_IpPermission.html)` });
    }
    if (typeof from === "number" && typeof to === "number" && (protocol === "tcp" || protocol === "udp") && from > to) {
        out.push({ property: "fromPort", reason: `fromPort ${from} is above toPort ${to} (${EC2_API}/API_IpPermission.html)` });
    }
    out.push(...numberRange("fromPort", -1, 65535, `${EC2_API}/API_IpPermission.html`)(inputs));
    out.push(...numberRange("toPort", -1, 65535, `${EC2_API}/API_IpPermission.html`)(inputs));
    out.push(...text("description", ruleDescription)(inputs));
    return out;
};

/** API_ImportKeyPair PublicKeyMaterial: an RSA or ED25519 public key EC2 can parse. */
export const importedPublicKey: Rule = (inputs) => {
    const key = knownString(inputs.publicKey);
    if (key === undefined) return [];
    const api = `ImportKeyPair PublicKeyMaterial, ${EC2_API}/API_ImportKeyPair.html`;
    try {
        const parsed = sshpk.parseKey(key, "auto");
        if (parsed.type !== "rsa" && parsed.type !== "ed25519") return [{ property: "publicKey", reason: `is a ${parsed.type} key; EC2 imports only RSA and ED25519 keys (${api})` }];
        if (parsed.type === "rsa" && parsed.size < 2048) return [{ property: "publicKey", reason: `is a ${parsed.size}-bit RSA key; EC2 needs 2048 bits or more (${api})` }];
    } catch {
        return [{ property: "publicKey", reason: `is not a public key EC2 can parse (OpenSSH, PEM or RFC 4716 format) (${api})` }];
    }
    return [];
};

/** API_RunInstances UserData: at most 16 KB before base64 encoding. */
export const userDataSize: Rule = (inputs) => {
    const data = knownString(inputs.userData);
    if (data === undefined || Buffer.byteLength(data) <= 16384) return [];
    return [{ property: "userData", reason: `is ${Buffer.byteLength(data)} bytes; EC2 takes at most 16384 bytes of user data (${EC2_API}/API_RunInstances.html)` }];
};

/** API_EbsBlockDevice VolumeSize per type (gp2/gp3: 1-16384 GiB) and API_InstanceMetadataOptionsRequest hop limit 1-64. */
export const instanceDevices: Rule = (inputs) => {
    const out: CheckFailure[] = [];
    const root = reveal(inputs.rootBlockDevice) as Props | undefined;
    const size = root?.volumeSize;
    const type = String(root?.volumeType ?? "gp3");
    const max = type === "standard" ? 1024 : type.startsWith("io") || type.startsWith("gp") ? 16384 : 16384;
    const min = type === "st1" || type === "sc1" ? 125 : type.startsWith("io") ? 4 : 1;
    if (typeof size === "number" && (size < min || size > max)) {
        out.push({ property: "rootBlockDevice.volumeSize", reason: `${size} GiB is outside ${min}..${max} for ${type} (${EC2_API}/API_EbsBlockDevice.html)` });
    }
    const hop = (reveal(inputs.metadataOptions) as Props | undefined)?.httpPutResponseHopLimit;
    if (typeof hop === "number" && (hop < 1 || hop > 64)) {
        out.push({ property: "metadataOptions.httpPutResponseHopLimit", reason: `${hop} is outside 1..64 (${EC2_API}/API_InstanceMetadataOptionsRequest.html)` });
    }
    return out;
};

/** Enumerations the EC2 API validates (API_AllocateAddress Domain, API_CreateFlowLogs). */
export function oneOfStrings(property: string, allowed: readonly string[], api: string): Rule {
    return (inputs) => {
        const v = knownString(inputs[property]);
        if (v === undefined || allowed.includes(v)) return [];
        return [{ property, reason: `"${v}" is not one of ${allowed.join(", ")} (${api})` }];
    };
}

export const EC2_API_BASE = EC2_API;
