/**
 * What IAM, CloudWatch Logs and Elastic Load Balancing refuse at create time, each with the API reference
 * it comes from.
 */
import { knownString } from "../wire";
import { Rule, TagRules, TextRule } from "./rules";

const IAM_API = "https://docs.aws.amazon.com/IAM/latest/APIReference";
const LOGS_API = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference";
const ELB_API = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference";

/** IAM names: `[\w+=,.@-]+` (API_CreateRole RoleName, API_CreatePolicy PolicyName, API_CreateGroup GroupName...). */
const IAM_NAME_CHARACTER = /^[\w+=,.@-]$/;
const IAM_NAME_TEXT = "letters, digits and _+=,.@-";

function iamName(action: string, parameter: string, max: number): TextRule {
    return { min: 1, max, allowed: IAM_NAME_CHARACTER, allowedText: IAM_NAME_TEXT, api: `${action} ${parameter}, ${IAM_API}/API_${action}.html` };
}

export const roleName = iamName("CreateRole", "RoleName", 64);
export const userName = iamName("CreateUser", "UserName", 64);
export const groupName = iamName("CreateGroup", "GroupName", 128);
export const policyName = iamName("CreatePolicy", "PolicyName", 128);
export const rolePolicyName = iamName("PutRolePolicy", "PolicyName", 128);

/** API_CreateRole Path: `/` or `/.../` of printable ASCII, up to 512. */
export const iamPath: TextRule = {
    min: 1, max: 512, pattern: { re: /^(\/|\/[\x21-\x7e]+\/)$/, text: "must be / or begin and end with / (printable ASCII between)" },
    api: `CreateRole Path, ${IAM_API}/API_CreateRole.html`,
};

/** API_CreateRole / API_CreatePolicy Description: up to 1000 characters of tab, newline and Latin-1 printables. */
export function iamDescription(action: "CreateRole" | "CreatePolicy"): TextRule {
    return { max: 1000, allowed: /^[\t\n\r\x20-\x7e\xa1-\xff]$/u, allowedText: "tab, newline and printable Latin-1 characters", api: `${action} Description, ${IAM_API}/API_${action}.html` };
}

/** API_Tag (IAM): keys 1-128, values 0-256, letters, digits, spaces and _.:/=+-@; 50 tags per resource (IAM quotas). */
const IAM_TAG_CHARACTER = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]$/u;
export const iamTags: TagRules = {
    key: { min: 1, max: 128, allowed: IAM_TAG_CHARACTER, allowedText: "letters, digits, spaces and _.:/=+-@", forbiddenPrefixes: ["aws:"], api: `IAM Tag Key, ${IAM_API}/API_Tag.html` },
    value: { max: 256, allowed: IAM_TAG_CHARACTER, allowedText: "letters, digits, spaces and _.:/=+-@", api: `IAM Tag Value, ${IAM_API}/API_Tag.html` },
    maxTags: 50,
};

/**
 * A policy document: JSON (MalformedPolicyDocument otherwise), within the size IAM stores. `maxChars` is the
 * quota on characters not counting white space (IAM User Guide, "IAM and AWS STS quotas": managed policy
 * 6,144; role inline policies 10,240 together; trust policy 2,048 by default).
 */
export function policyDocument(property: string, action: string, maxChars: number): Rule {
    return (inputs) => {
        const doc = knownString(inputs[property]);
        if (doc === undefined) return [];
        const api = `${action} ${property === "assumeRolePolicy" ? "AssumeRolePolicyDocument" : "PolicyDocument"}, ${IAM_API}/API_${action}.html`;
        try {
            JSON.parse(doc);
        } catch {
            return [{ property, reason: `is not valid JSON; IAM refuses it as MalformedPolicyDocument (${api})` }];
        }
        const size = doc.replace(/\s/g, "").length;
        if (size > maxChars) return [{ property, reason: `is ${size} characters without white space; IAM allows ${maxChars} (${api})` }];
        return [];
    };
}

/** API_AttachGroupPolicy PolicyArn: an IAM policy ARN. */
export const policyArn: Rule = (inputs) => {
    const arn = knownString(inputs.policyArn);
    if (arn === undefined || /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+$/.test(arn)) return [];
    return [{ property: "policyArn", reason: `"${arn}" is not an IAM policy ARN (${IAM_API}/API_AttachGroupPolicy.html)` }];
};

/** API_CreateLogGroup logGroupName: 1-512 of `[.\-_/#A-Za-z0-9]`. */
export const logGroupName: TextRule = {
    min: 1, max: 512, allowed: /^[.\-_/#A-Za-z0-9]$/, allowedText: "a-z, A-Z, 0-9 and ._-/#", api: `CreateLogGroup logGroupName, ${LOGS_API}/API_CreateLogGroup.html`,
};

/** API_PutRetentionPolicy retentionInDays; 0 is the provider's "never expire" (no policy is put). */
export const LOG_RETENTION_DAYS = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export const LOG_RETENTION_API = `PutRetentionPolicy retentionInDays, ${LOGS_API}/API_PutRetentionPolicy.html`;

/** API_TagResource (Logs): keys 1-128, values 0-256, letters, digits, spaces and _.:/=+-@; up to 50 tags. */
export const logsTags: TagRules = {
    key: { min: 1, max: 128, allowed: IAM_TAG_CHARACTER, allowedText: "letters, digits, spaces and _.:/=+-@", forbiddenPrefixes: ["aws:"], api: `Logs tag key, ${LOGS_API}/API_TagResource.html` },
    value: { max: 256, allowed: IAM_TAG_CHARACTER, allowedText: "letters, digits, spaces and _.:/=+-@", api: `Logs tag value, ${LOGS_API}/API_TagResource.html` },
    maxTags: 50,
};

/** API_CreateLoadBalancer Name / API_CreateTargetGroup Name: 32 alphanumerics or hyphens, no hyphen at either end. */
function elbName(action: string, internalForbidden: boolean): TextRule {
    return {
        min: 1, max: 32, allowed: /^[a-zA-Z0-9-]$/, allowedText: "a-z, A-Z, 0-9 and -",
        forbiddenPrefixes: internalForbidden ? ["internal-"] : undefined,
        pattern: { re: /^[^-].*[^-]$|^[^-]$/, text: "must not begin or end with a hyphen" },
        api: `${action} Name, ${ELB_API}/API_${action}.html`,
    };
}
export const loadBalancerName = elbName("CreateLoadBalancer", true);
export const targetGroupName = elbName("CreateTargetGroup", false);

/** API_Tag (ELB): keys 1-128, values 0-256, letters, digits, spaces and _.:/=+-@; up to 50 tags. */
export const elbTags: TagRules = {
    key: { min: 1, max: 128, allowed: IAM_TAG_CHARACTER, allowedText: "letters, digits, spaces and _.:/=+-@", forbiddenPrefixes: ["aws:"], api: `ELB Tag Key, ${ELB_API}/API_Tag.html` },
    value: { max: 256, allowed: IAM_TAG_CHARACTER, allowedText: "letters, digits, spaces and _.:/=+-@", api: `ELB Tag Value, ${ELB_API}/API_Tag.html` },
    maxTags: 50,
};

export const ELB_API_BASE = ELB_API;

/** API_CreateLoadBalancer Subnets: an Application Load Balancer needs subnets in at least two AZs. */
export const albSubnets: Rule = (inputs) => {
    const type = knownString(inputs.loadBalancerType) ?? "application";
    const subnets = inputs.subnets;
    if (type !== "application" || !Array.isArray(subnets) || subnets.length >= 2) return [];
    return [{ property: "subnets", reason: `an Application Load Balancer needs subnets in at least two Availability Zones; got ${subnets.length} (${ELB_API}/API_CreateLoadBalancer.html)` }];
};
