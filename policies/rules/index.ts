/** Every rule of the pack, in the order their findings are reported. */
import type { Policies } from "@pulumi/policy";
import { bastionHardened } from "./bastion-hardened";
import { dbPortFromAppTierOnly } from "./db-port-from-app-tier-only";
import { defaultSgNoRules } from "./default-sg-no-rules";
import { ebsEncrypted } from "./ebs-encrypted";
import { imdsv2Required } from "./imdsv2-required";
import { noInternetPathToInternalHosts } from "./no-internet-path-to-internal-hosts";
import { noPublicIpOnInternalHosts } from "./no-public-ip-on-internal-hosts";
import { noWorldOpenAdminPorts } from "./no-world-open-admin-ports";
import { pemInstructionsPresent } from "./pem-instructions-present";
import { sgRuleDescriptions } from "./sg-rule-descriptions";
import { sshOnlyFromBastion } from "./ssh-only-from-bastion";
import { sshPathOnlyToBastion } from "./ssh-path-only-to-bastion";
import { vpcFlowLogsEnabled } from "./vpc-flow-logs-enabled";

export {
    bastionHardened, dbPortFromAppTierOnly, defaultSgNoRules, ebsEncrypted, imdsv2Required, noPublicIpOnInternalHosts,
    noWorldOpenAdminPorts, pemInstructionsPresent, sgRuleDescriptions, sshOnlyFromBastion, vpcFlowLogsEnabled,
};

export const allPolicies: Policies = [
    sshOnlyFromBastion,
    noPublicIpOnInternalHosts,
    pemInstructionsPresent,
    imdsv2Required,
    ebsEncrypted,
    noWorldOpenAdminPorts,
    dbPortFromAppTierOnly,
    vpcFlowLogsEnabled,
    defaultSgNoRules,
    sgRuleDescriptions,
    bastionHardened,
    noInternetPathToInternalHosts,
    sshPathOnlyToBastion,
];
