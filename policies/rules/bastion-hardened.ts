/**
 * The bastion's user data sets an idle session timeout (`TMOUT`) and a command audit log
 * (`PROMPT_COMMAND` through `logger -p local0`). Plain, base64 and gzip+base64 user data are read
 * (the model decodes them); a host launched from a template without user data of its own is judged on
 * the template. Reads only the network model; session-startup.ts says which lines a login shell runs.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { TagKeys } from "../vocabulary";
import { AwsTypes, Read } from "../model";
import { resourceModel } from "../model/resource-model";
import { sessionStartupText } from "../lib/session-startup";
import { integer, ruleOptions, stringList, text } from "../lib/rule-options";
import { unknownErrorAt } from "../lib/unknowns";

const types: string[] = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest, AwsTypes.LaunchTemplate, AwsTypes.LaunchConfiguration];
const fromTemplate: string[] = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest];

const options = ruleOptions({
    roleTagKey: text("Tag key holding a host's role.", TagKeys.Role),
    bastionRoles: stringList("Roles that mark a host as a bastion.", ["bastion"]),
    maxIdleTimeoutSeconds: integer("Largest acceptable TMOUT value.", 900, 1),
    auditLogCommand: text("Text PROMPT_COMMAND must contain (the audit log sink).", "logger -p local0"),
});
type Options = ReturnType<typeof options.read>;

/** What is missing from a bastion's user data; empty when hardened. */
export function hardeningGaps(text: string, opts: Options): string[] {
    const gaps: string[] = [];
    // The value that takes effect is the last assignment; one inside a subshell `( TMOUT=0 )` is a
    // probe (is TMOUT still writable?) that sets nothing in the shell.
    const assignments = [...text.matchAll(/(^|[\s;'"(])(?:export\s+|readonly\s+|declare\s+-r\s+)?TMOUT=["']?(\d+)/gm)]
        .filter((m) => !/\(\s*$/.test(text.slice(0, m.index) + m[1]));
    const tmout = assignments.length > 0 ? assignments[assignments.length - 1][2] : undefined;
    if (tmout === undefined) gaps.push("no idle timeout (TMOUT=)");
    else if (parseInt(tmout, 10) <= 0 || parseInt(tmout, 10) > opts.maxIdleTimeoutSeconds) gaps.push(`TMOUT=${tmout} exceeds ${opts.maxIdleTimeoutSeconds}s or disables the timeout`);
    const prompt = text.split(/\r?\n/).some((l) => l.includes("PROMPT_COMMAND") && l.includes(opts.auditLogCommand));
    if (!prompt) gaps.push(`no command audit log (PROMPT_COMMAND with '${opts.auditLogCommand}')`);
    return gaps;
}

function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (!types.includes(args.type)) return;
    const opts = options.read(args.getConfig());
    // A Role set only through the provider's defaultTags marks a bastion too (the model counts them).
    const launch = resourceModel(args, { roleTagKey: opts.roleTagKey }).launchSettings.find((s) => s.urn === args.urn);
    if (!launch) return;
    const wait = (r: Read<unknown>) => unknownErrorAt(args.props, r.known ? [] : r.at?.path ?? []);
    const role = launch.role;
    if (!role.known) throw wait(role);
    if (role.value === undefined || !opts.bastionRoles.includes(role.value)) return;
    // Launch templates take base64 in `userData`; instances take text or `userDataBase64`: the model reads both.
    const userData = launch.userData;
    if (userData.known && userData.value !== undefined) {
        // Only what a login shell will run counts: not comments, echoes, or files no shell sources.
        const gaps = hardeningGaps(sessionStartupText(userData.value), opts);
        if (gaps.length > 0) reportViolation(`${args.name} is a bastion whose user data has ${gaps.join(" and ")}.`);
        return;
    }
    // A host launched from a template with no user data of its own runs the template's (checked there).
    const template = launch.fromTemplate;
    const inherits = fromTemplate.includes(args.type) && (!template.known || template.value);
    if (!inherits && userData.known) reportViolation(`${args.name} is a bastion without user data: no idle timeout and no command audit log.`);
    if (!userData.known) throw wait(userData);
}

export const bastionHardened: ResourceValidationPolicy = {
    name: "bastion-hardened",
    description: "A bastion's user data must set an idle session timeout (TMOUT) and a command audit log (PROMPT_COMMAND via logger).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "In the bastion's #cloud-config, write /etc/profile.d files that set `readonly TMOUT=600` and " +
        "`PROMPT_COMMAND='logger -p local0.debug \"[USER]$(whoami) [PWD]$PWD [COMMAND]$(history 1)\"'`, and route local0 to /var/log/command.log in rsyslog.",
    configSchema: options.configSchema,
    validateResource,
};
