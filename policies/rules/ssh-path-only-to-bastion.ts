/**
 * No path from outside the VPC to port 22 of any host but the bastion's. Where `ssh-only-from-bastion`
 * checks each port-22 rule, this follows the whole path with the reachability model: a public address,
 * a route through an internet gateway, network ACLs and a rule that admits an outside source (a CIDR
 * or prefix list; a group reference never admits outside traffic). Outside means the internet and
 * every range outside the stack's VPCs that a rule names; the Instance Connect endpoint sits in a
 * subnet of the VPC, so it is inside.
 */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { TagKeys } from "../vocabulary";
import { compilePatterns } from "../model/group-match";
import { integer, regexList, ruleOptions, stringList, text } from "../lib/rule-options";
import { logicalName, pathVerdicts, reportPathVerdicts } from "../reachability/path-findings";
import { cidrSet, containsRange } from "../model/cidr-set";

const options = ruleOptions({
    sshPort: integer("The port treated as SSH.", 22, 1, 65535),
    roleTagKey: text("Tag key holding a host's (or its security group's) role.", TagKeys.Role),
    bastionRoles: stringList("Roles of hosts that may take SSH from outside the VPC.", ["bastion"]),
    bastionHostNamePatterns: regexList("Regexes on a host's Name tag or logical name marking it a bastion (stacks without Role tags)."),
    insideCidrs: stringList("Ranges outside the VPC treated as inside (e.g. a VPN range); sources wholly within them are not outside.", []),
});

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const bastionNames = compilePatterns(opts.bastionHostNamePatterns);
    // One set: a source inside the ranges together is inside, even when no single range holds it.
    const inside = cidrSet(opts.insideCidrs);
    const verdicts = pathVerdicts(args.resources, { roleTagKey: opts.roleTagKey, operatorCidrs: [] }, (row, source, target) => {
        if (!source.outside || (source.cidr !== undefined && containsRange(inside, source.cidr))) return "no";
        const opensSsh = row.protocol === "?" || row.protocol === "all" || (row.protocol === "tcp" && (!row.ports || (row.ports.from <= opts.sshPort && opts.sshPort <= row.ports.to)));
        if (!opensSsh) return "no";
        const bastion = (target.role !== undefined && opts.bastionRoles.includes(target.role)) || bastionNames.some((p) => p.test(target.label) || p.test(logicalName(target.urn)));
        return bastion ? "no" : "yes";
    });
    reportPathVerdicts(args, reportViolation, verdicts, (f) => `${f.target.label} is not the bastion, yet ${f.message}`);
}

export const sshPathOnlyToBastion: StackValidationPolicy = {
    name: "ssh-path-only-to-bastion",
    description: "No path from outside the VPC to port 22 of any host but the bastion's (the Instance Connect endpoint counts as inside).",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Reach hosts over SSH through the bastion or the EC2 Instance Connect endpoint: remove the CIDR or prefix-list source " +
        "of the rule that admits port 22 on this host (admit the bastion's security group instead), or take the host's public " +
        "address away. If the host is a bastion, tag it Role=bastion or name it in bastionHostNamePatterns.",
    configSchema: options.configSchema,
    validateStack,
};
