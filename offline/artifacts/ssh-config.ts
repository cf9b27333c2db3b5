import { knownString } from "../../policies/model/wire";

/**
 * ssh_config comes straight from the stack's `sshConfig` output. When that output is unknown (a
 * `--preview` run) or absent (a stack that has none), the file says why instead of being missing, so
 * an `Include` of it never breaks ssh.
 */
export function sshConfigText(outputs: Record<string, unknown>, stack: string): string {
    const text = knownString(outputs.sshConfig);
    if (text) return text.endsWith("\n") ? text : text + "\n";
    const why = "sshConfig" in outputs ? "is not known until the update (run without --preview)" : "is not an output of this stack";
    return `# ssh config for stack ${stack}: the sshConfig output ${why}.\n`;
}
