/**
 * No path from the internet to any port of an internal host. Per-rule checks see one rule at a time;
 * this follows the whole path — public address, route to an internet gateway, network ACLs, the
 * security group rule that admits the source — with the reachability model, so an internal host
 * that gained a public IP and an open port is caught however the pieces were written. "The
 * internet" is any internet address: the whole internet and every public range a rule names
 * (an operator's /32 reaching the database is a path from the internet too).
 */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { compilePatterns } from "../model/group-match";
import { regexList, ruleOptions, tierOptions } from "../lib/rule-options";
import { logicalName, pathVerdicts, reportPathVerdicts } from "../reachability/path-findings";

const options = ruleOptions({
    ...tierOptions("a subnet's (or host's)"),
    exemptHostNamePatterns: regexList("Regexes on a host's Name tag or logical name that this rule leaves alone."),
});

function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const opts = options.read(args.getConfig());
    const exempt = compilePatterns(opts.exemptHostNamePatterns);
    const verdicts = pathVerdicts(
        args.resources,
        { tierTagKey: opts.tierTagKey, internalTiers: opts.internalTiers, useRouteHeuristic: opts.useRouteHeuristic },
        (_row, source, target) => {
            if (!source.internetAddress || target.internal === "no") return "no";
            if (exempt.some((p) => p.test(target.label) || (target.urn !== undefined && p.test(logicalName(target.urn))))) return "no";
            return target.internal;
        },
    );
    reportPathVerdicts(args, reportViolation, verdicts, (f) => `${f.target.label} is an internal host, yet ${f.message}`);
}

export const noInternetPathToInternalHosts: StackValidationPolicy = {
    name: "no-internet-path-to-internal-hosts",
    description: "No path from the internet (any internet address) to any port of a host in an internal subnet, following addresses, routes, network ACLs and security group rules.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Break the path at any point the message names: take the public IP or Elastic IP off the internal host " +
        "(associatePublicIpAddress: false, no aws.ec2.Eip on it), keep its subnet's route table free of internet-gateway routes " +
        "(use a NAT gateway for outbound traffic), or narrow the security group rule so it admits only groups inside the VPC.",
    configSchema: options.configSchema,
    validateStack,
};
