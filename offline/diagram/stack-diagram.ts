import { sceneOf } from "../artifacts/diagram-scene";
import { drawioXml } from "../artifacts/drawio";
import { readSnapshotFile } from "../readers";
import { StackSnapshot } from "../snapshot";
import { readDrawing } from "./drawio-geometry";

/** A snapshot's network.drawio and how many cells it holds. */
export async function snapshotDiagramXml(snapshot: StackSnapshot, title: string): Promise<{ xml: string; cells: number }> {
    const xml = await drawioXml(sceneOf(snapshot), title);
    return { xml, cells: readDrawing(xml).cellCount };
}

/** The diagram of any export or preview file the readers accept; with `base`, the change from it drawn in. */
export async function fileDiagramXml(file: string, base?: string): Promise<{ xml: string; cells: number }> {
    const { snapshot } = readSnapshotFile(file);
    if (!base) return snapshotDiagramXml(snapshot, `${snapshot.project} / ${snapshot.stack} - ${file}`);
    // loaded only now: the diff and its model are needed only with a base
    const { reachabilityOf } = await import("../report/reachability-table");
    const { diffReachability } = await import("../reach-diff/compare");
    const { diffDiagramXml } = await import("../reach-diff/diagram");
    const before = readSnapshotFile(base).snapshot;
    const after = reachabilityOf(snapshot);
    const xml = await diffDiagramXml(snapshot, after, diffReachability(reachabilityOf(before), after), `${snapshot.project} / ${snapshot.stack} - ${base} -> ${file}`);
    return { xml, cells: readDrawing(xml).cellCount };
}

/** A committed stack's network.drawio, from an offline run of the program (mocked provider, nothing deployed). */
export async function stackDiagramXml(stack: string): Promise<{ xml: string; cells: number }> {
    // loaded only now: it pulls in the stack program and @pulumi/aws
    const { runStackOffline } = await import("../mock-runner");
    const run = await runStackOffline({ stack, preview: false });
    const title = `${run.snapshot.project} / ${stack} - offline preview (mocked provider)`;
    return snapshotDiagramXml(run.snapshot, title);
}
