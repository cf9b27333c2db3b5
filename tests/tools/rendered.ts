/**
 * What the stacks render, as files on disk: every host's user data, the files its cloud-config writes,
 * and the ssh config `npm start` writes to out/<stack>/ssh_config. From the program run under mocks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { WriteFile } from "../../infra/access/cloud-init";
import { sshConfigText } from "../../offline/artifacts/ssh-config";
import { ofType, runStack } from "../helpers/mocks";

export const STACKS = ["dev", "prod"] as const;

export interface RenderedHost {
    stack: string;
    /** The instance's logical name, e.g. `mhson-ec2-bastion-2a`. */
    name: string;
    userData: string;
    cloudConfig: { write_files?: WriteFile[]; bootcmd?: (string | string[])[]; runcmd?: (string | string[])[] };
}

export async function renderedHosts(stack: string, settings?: Record<string, unknown>): Promise<RenderedHost[]> {
    const run = await runStack(stack, settings ? { settings } : {});
    return ofType(run, "aws:ec2/instance:Instance").filter((i) => typeof i.inputs.userData === "string").map((i) => ({
        stack,
        name: i.name,
        userData: String(i.inputs.userData),
        cloudConfig: parse(String(i.inputs.userData)) as RenderedHost["cloudConfig"],
    }));
}

/** The content a host's cloud-config writes to `path`, or undefined. */
export function writtenFile(host: RenderedHost, path: string): string | undefined {
    return host.cloudConfig.write_files?.find((f) => f.path === path)?.content;
}

/** Writes the stack's ssh config where `npm start` puts it, under `root`; returns the file's path. */
export async function writeSshConfig(stack: string, root: string): Promise<string> {
    const run = await runStack(stack);
    const dir = join(root, "out", stack);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "ssh_config");
    writeFileSync(file, sshConfigText(run.outputs, stack));
    return file;
}

/** The `Host` aliases of an ssh config. */
export function hostAliases(text: string): string[] {
    return [...text.matchAll(/^Host (\S+)$/gm)].map((m) => m[1]);
}
