/**
 * Where the twin's network comes from: the offline preview of a stack (the program under mocks, with
 * concrete fake addresses) or a `pulumi stack export` file. Both give the same snapshot the pack reads.
 */
import { AwsTypes } from "../policies/model/aws-types";
import { knownString } from "../policies/model/wire";
import { StackSnapshot } from "../offline/snapshot";

export interface TwinSource {
    /** For people: `stack dev (offline preview, mocked provider)` or the file's name. */
    label: string;
    snapshot: StackSnapshot;
    sshConfig?: string;
    sshInstructions?: string;
    /** Given on the command line; otherwise read from the bastion's SSH rules in the snapshot. */
    operatorCidrs?: string[];
}

function outputsOf(snapshot: StackSnapshot): Record<string, unknown> {
    return snapshot.resources.find((r) => r.type === AwsTypes.Stack)?.outputs ?? {};
}

export async function fromStack(stack: string): Promise<TwinSource> {
    // loaded only here: the stack program and @pulumi/aws are the slow part
    const { runStackOffline } = await import("../offline/mock-runner");
    const run = await runStackOffline({ stack, preview: false });
    return {
        label: `stack ${stack} (offline preview: mocked provider, fake ids and IPs derived from names)`,
        snapshot: run.snapshot,
        sshConfig: knownString(run.outputs.sshConfig),
        sshInstructions: knownString(run.outputs.sshInstructions),
    };
}

export async function fromFile(file: string): Promise<TwinSource> {
    const { readSnapshotFile } = await import("../offline/readers");
    const read = readSnapshotFile(file);
    const outputs = outputsOf(read.snapshot);
    // An export `npm start` wrote holds the mocked provider's made-up ids and addresses, and says so.
    const made = read.snapshot.mocked ? "; written by the offline preview: mocked provider, ids and addresses made up" : "";
    return { label: `${file} (${read.format}${made})`, snapshot: read.snapshot, sshConfig: knownString(outputs.sshConfig), sshInstructions: knownString(outputs.sshInstructions) };
}
