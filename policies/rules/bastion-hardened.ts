/**
 * The bastion's user data sets an idle session timeout (`TMOUT`) and a command audit log
 * (`PROMPT_COMMAND` through `logger -p local0`), as seed 004 §11 does by hand. Plain, base64 and
 * gzip+base64 user data are read; a host launched from a template without user data of its own is
 * judged on the template.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { TagKeys } from "../vocabulary";
import { AwsTypes } from "../model";
import { tagWithDefaults } from "../lib/group-role";
import { sessionStartupText } from "../lib/session-startup";
import { integer, ruleOptions, stringList, text } from "../lib/rule-options";
import { asObject, asString } from "../lib/shape";
import { Unknowns, read } from "../lib/unknowns";
import { gunzipSync } from "zlib";

const types: string[] = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest, AwsTypes.LaunchTemplate, AwsTypes.LaunchConfiguration];
const fromTemplate: string[] = [AwsTypes.Instance, AwsTypes.SpotInstanceRequest];

const options = ruleOptions({
    roleTagKey: text("Tag key holding a host's role.", TagKeys.Role),
    bastionRoles: stringList("Roles that mark a host as a bastion.", ["bastion"]),
    maxIdleTimeoutSeconds: integer("Largest acceptable TMOUT value.", 900, 1),
    auditLogCommand: text("Text PROMPT_COMMAND must contain (the audit log sink).", "logger -p local0"),
});
type Options = ReturnType<typeof options.read>;

/** User data as text: plain, or base64 (`userDataBase64`, launch templates). */
export function userDataText(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    const looksBase64 = /^[A-Za-z0-9+/=\s]+$/.test(raw) && raw.replace(/\s/g, "").length % 4 === 0;
    if (!looksBase64) return raw;
    const bytes = Buffer.from(raw, "base64");
    // cloud-init takes gzip-compressed user data (`userDataBase64` of a gzipped script).
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
            return gunzipSync(bytes).toString("utf8");
        } catch {
            return raw;
        }
    }
    const decoded = bytes.toString("utf8");
    // Plain text that happens to look like base64 decodes to garbage: keep whichever is readable.
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    return /[\x00-\x08\x0e-\x1f]/.test(decoded) || decoded.includes("\ufffd") ? raw : decoded;
}

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
    // A Role set only through the provider's defaultTags marks a bastion too (resource rules see no tagsAll).
    const role = tagWithDefaults({ props: args.props, provider: args.provider }, opts.roleTagKey);
    const unknowns = new Unknowns();
    const r = unknowns.take(role);
    if (!role.known) return unknowns.settle();
    if (r === undefined || !opts.bastionRoles.includes(r)) return;
    // Launch templates take base64 in `userData`; instances take text or `userDataBase64`.
    const plain = read(() => asString(args.props.userData));
    const b64 = read(() => asString(args.props.userDataBase64));
    const text = unknowns.take(plain) ?? unknowns.take(b64);
    if (text === undefined) {
        // A host launched from a template with no user data of its own runs the template's (checked there).
        const lt = read(() => asObject(args.props.launchTemplate));
        if (fromTemplate.includes(args.type) && (!lt.known || lt.value)) return unknowns.settle();
        if (plain.known && b64.known) reportViolation(`${args.name} is a bastion without user data: no idle timeout and no command audit log.`);
        return unknowns.settle();
    }
    // Only what a login shell will run counts: not comments, echoes, or files no shell sources.
    const gaps = hardeningGaps(sessionStartupText(userDataText(text) ?? ""), opts);
    if (gaps.length > 0) reportViolation(`${args.name} is a bastion whose user data has ${gaps.join(" and ")}.`);
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
