/**
 * EBS volumes — standalone (`aws.ebs.Volume`), instance and spot-request root and extra devices,
 * launch configuration devices, launch template mappings — are encrypted. An instance that launches
 * from a template and names no root device of its own takes the template's, checked there. Reads
 * only the network model.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { AwsTypes, BlockDevice, Read } from "../model";
import { resourceModel } from "../model/resource-model";
import { flag, ruleOptions } from "../lib/rule-options";
import { Unknowns } from "../lib/unknowns";

const options = ruleOptions({
    trustAccountDefaultEncryption: flag("Treat a volume that does not set `encrypted` as encrypted (the account has EBS encryption by default on).", false),
});

interface Check {
    name: string;
    trustDefault: boolean;
    report: (msg: string) => void;
    /** Remembers an unknown (the engine's own error at its path), raised once everything known is reported. */
    wait: (r: Read<unknown>) => void;
}

function checkDevice(c: Check, dev: BlockDevice): void {
    const enc = dev.encrypted;
    if (!enc.known) return c.wait(enc);
    if (enc.value === true || (enc.value === undefined && c.trustDefault)) return;
    c.report(`${c.name}: ${dev.where} is not encrypted${enc.value === undefined ? " (encrypted is not set)" : ""}.`);
}

function checkList(c: Check, devices: Read<Read<BlockDevice>[]>): void {
    if (!devices.known) return c.wait(devices);
    for (const d of devices.value) {
        if (d.known) checkDevice(c, d.value);
        else c.wait(d);
    }
}

const launchTypes: string[] = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest, AwsTypes.LaunchConfiguration, AwsTypes.LaunchTemplate];
const volumeTypes: string[] = [AwsTypes.EbsVolume, AwsTypes.Volume];

function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (!launchTypes.includes(args.type) && !volumeTypes.includes(args.type)) return;
    const unknowns = new Unknowns();
    const c: Check = {
        name: args.name,
        trustDefault: options.read(args.getConfig()).trustAccountDefaultEncryption,
        report: (m) => reportViolation(m),
        wait: (r) => {
            if (!r.known) unknowns.unresolved(args.props, ...(r.at?.path ?? []));
        },
    };
    const model = resourceModel(args);
    const volume = model.volumes.find((v) => v.urn === args.urn);
    if (volume) checkDevice(c, volume.device);
    const launch = model.launchSettings.find((s) => s.urn === args.urn);
    if (launch && args.type !== AwsTypes.LaunchTemplate) {
        const root = launch.rootDevice;
        // No root device of its own, launched from a template: the template's mapping applies (checked there).
        const fromTemplate = launch.fromTemplate;
        const inherited = root.known && root.value === undefined && args.type !== AwsTypes.LaunchConfiguration && (!fromTemplate.known || fromTemplate.value);
        if (!root.known) c.wait(root);
        else if (!inherited) checkDevice(c, root.value ?? { where: "the root volume", encrypted: { known: true, value: undefined, secret: false } });
    }
    if (launch) checkList(c, launch.devices);
    unknowns.settle();
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
