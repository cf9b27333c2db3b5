/**
 * reachability.json: the model's endpoints and rows for tools (the diagram, the network twin, a
 * PR bot), with keys sorted so equal plans give identical files.
 */
import { mkdirSync, writeFileSync } from "fs";
import { basename, dirname, join } from "path";
import { Reachability } from "../../policies/reachability";
import { StackSnapshot } from "../snapshot";
import { canonicalJson } from "./canonical-json";

export const REACHABILITY_FORMAT = "bastion-network/reachability@1";

export function reachabilityJson(model: Reachability, snapshot: Pick<StackSnapshot, "project" | "stack" | "source">): string {
    const count = (v: string) => model.rows.filter((r) => r.verdict === v).length;
    return canonicalJson({
        format: REACHABILITY_FORMAT,
        project: snapshot.project,
        stack: snapshot.stack,
        source: snapshot.source,
        summary: { paths: model.rows.length, yes: count("yes"), no: count("no"), unknown: count("unknown") },
        endpoints: model.endpoints,
        rows: model.rows,
        notes: model.notes,
    });
}

/** `policy:check` keeps one file per input: `out/reachability/<input file name>.json` (`stdin` for standard input). */
export function reachabilityFileFor(inputFile: string, outRoot = "out/reachability"): string {
    const base = basename(inputFile).replace(/\.json$/i, "").replace(/[^A-Za-z0-9._-]/g, "_").replace(/^[._]+/, "");
    return join(outRoot, `${base === "" || inputFile === "-" ? "stdin" : base}.json`);
}

/** Writes reachability.json for a snapshot to `file` (its folder created if needed) and returns the path. */
export function writeReachabilityJson(file: string, model: Reachability, snapshot: Pick<StackSnapshot, "project" | "stack" | "source">): string {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, reachabilityJson(model, snapshot));
    return file;
}
