/**
 * EBS volumes — standalone (`aws.ebs.Volume`), instance and spot-request root and extra devices,
 * launch configuration devices, launch template mappings — are encrypted. An instance that launches
 * from a template and names no root device of its own takes the template's, checked there.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { AwsTypes } from "../model";
import { flag, ruleOptions } from "../lib/rule-options";
import { Props, asBoolean, asObject } from "../lib/shape";
import { Unknowns, read } from "../lib/unknowns";

const options = ruleOptions({
    trustAccountDefaultEncryption: flag("Treat a volume that does not set `encrypted` as encrypted (the account has EBS encryption by default on).", false),
});

interface Check {
    name: string;
    unknowns: Unknowns;
    trustDefault: boolean;
    report: (msg: string) => void;
}

function checkDevice(c: Check, label: string, device: unknown): void {
    const dev = asObject(device) ?? {};
    const enc = read(() => dev.encrypted);
    if (!enc.known) return c.unknowns.note(enc);
    const value = asBoolean(enc.value);
    if (value === true || (value === undefined && c.trustDefault)) return;
    c.report(`${c.name}: ${label} is not encrypted${value === undefined ? " (encrypted is not set)" : ""}.`);
}

function checkList(c: Check, props: Props, prop: string, inner?: string): void {
    const list = c.unknowns.take(read(() => props[prop]));
    if (!Array.isArray(list)) return;
    for (let i = 0; i < list.length; i++) {
        const item = read(() => list[i]);
        if (!item.known) {
            c.unknowns.note(item);
            continue;
        }
        if (!inner) {
            checkDevice(c, `${prop}[${i}]`, item.value);
            continue;
        }
        const dev = read(() => asObject(item.value)?.[inner]);
        if (!dev.known) c.unknowns.note(dev);
        else if (asObject(dev.value)) checkDevice(c, `${prop}[${i}].${inner}`, dev.value); // no ebs: instance store
    }
}

function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    const c: Check = {
        name: args.name,
        unknowns: new Unknowns(),
        trustDefault: options.read(args.getConfig()).trustAccountDefaultEncryption,
        report: (m) => reportViolation(m),
    };
    const p = args.props;
    switch (args.type) {
        case AwsTypes.EbsVolume:
        case AwsTypes.Volume:
            checkDevice(c, "the volume", p);
            break;
        case AwsTypes.Instance:
        case AwsTypes.SpotInstanceRequest:
        case AwsTypes.LaunchConfiguration: {
            const root = read(() => p.rootBlockDevice);
            // No root device of its own, launched from a template: the template's mapping applies (checked there).
            const template = read(() => asObject(p.launchTemplate));
            const inherited = root.known && root.value === undefined && args.type !== AwsTypes.LaunchConfiguration && (!template.known || template.value !== undefined);
            if (!root.known) c.unknowns.note(root);
            else if (!inherited) checkDevice(c, "the root volume", root.value);
            checkList(c, p, "ebsBlockDevices");
            break;
        }
        case AwsTypes.LaunchTemplate:
            checkList(c, p, "blockDeviceMappings", "ebs");
            break;
        default:
            return;
    }
    c.unknowns.settle();
}

export const ebsEncrypted: ResourceValidationPolicy = {
    name: "ebs-encrypted",
    description: "EBS volumes (root, additional and standalone) must be encrypted.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Set `encrypted: true` on `rootBlockDevice`, every `ebsBlockDevices` entry, launch template `blockDeviceMappings[].ebs`, and `aws.ebs.Volume` (or, for an account with EBS encryption by default, set this rule's `trustAccountDefaultEncryption`).",
    configSchema: options.configSchema,
    validateResource,
};
