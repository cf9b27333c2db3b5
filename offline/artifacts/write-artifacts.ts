import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { PolicyReport } from "../report/report";
import { SubnetRow } from "../report/subnet-rows";
import { StackSnapshot } from "../snapshot";
import { sceneOf } from "./diagram-scene";
import { drawioXml } from "./drawio";
import { canonicalJson } from "./canonical-json";
import { networkMarkdown, reachabilityMarkdown } from "./network-md";
import { reachabilityOf } from "../report/reachability-table";
import { reachabilityJson } from "./reachability-json";
import { sshConfigText } from "./ssh-config";
import { stackExportJson } from "./stack-export-writer";

export interface ArtifactInput {
    /** With its root stack resource (withStackRoot), as the report saw it. */
    snapshot: StackSnapshot;
    outputs: Record<string, unknown>;
    report: PolicyReport;
    subnets: SubnetRow[];
}

/**
 * plan.json: every resource with its inputs and outputs, the stack outputs, and the report. No
 * timestamps or paths, keys sorted: two runs on the same config give the same bytes.
 */
export function planJson(snapshot: StackSnapshot, outputs: Record<string, unknown>, report: PolicyReport): string {
    return canonicalJson({ project: snapshot.project, stack: snapshot.stack, source: snapshot.source, resources: snapshot.resources, outputs, report });
}

export const ARTIFACT_FILES = ["plan.json", "stack-export.json", "ssh_config", "network.drawio", "network.md", "reachability.json"] as const;

/** Writes every artifact into `dir` (created if needed) and returns the file names written, in a fixed order. */
export async function writeArtifacts(dir: string, input: ArtifactInput): Promise<string[]> {
    const { snapshot, outputs, report, subnets } = input;
    const scene = sceneOf(snapshot);
    const reachability = reachabilityOf(snapshot);
    const title = `${snapshot.project} / ${snapshot.stack} - offline preview (mocked provider)`;
    const contents: Record<(typeof ARTIFACT_FILES)[number], string> = {
        "plan.json": planJson(snapshot, outputs, report),
        "stack-export.json": stackExportJson(snapshot),
        ssh_config: sshConfigText(outputs, snapshot.stack),
        "network.drawio": await drawioXml(scene, title),
        "network.md": networkMarkdown(scene, subnets, title) + reachabilityMarkdown(reachability),
        "reachability.json": reachabilityJson(reachability, snapshot),
    };
    mkdirSync(dir, { recursive: true });
    for (const name of ARTIFACT_FILES) writeFileSync(join(dir, name), contents[name]);
    return [...ARTIFACT_FILES];
}
