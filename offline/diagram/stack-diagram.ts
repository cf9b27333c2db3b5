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

/** The diagram of any export or preview file the readers accept. */
export function fileDiagramXml(file: string): Promise<{ xml: string; cells: number }> {
    const { snapshot } = readSnapshotFile(file);
    return snapshotDiagramXml(snapshot, `${snapshot.project} / ${snapshot.stack} - ${file}`);
}

/** A committed stack's network.drawio, from an offline run of the program (mocked provider, nothing deployed). */
export async function stackDiagramXml(stack: string): Promise<{ xml: string; cells: number }> {
    // loaded only now: it pulls in the stack program and @pulumi/aws
    const { runStackOffline } = await import("../mock-runner");
    const run = await runStackOffline({ stack, preview: false });
    const title = `${run.snapshot.project} / ${stack} - offline preview (mocked provider)`;
    return snapshotDiagramXml(run.snapshot, title);
}
