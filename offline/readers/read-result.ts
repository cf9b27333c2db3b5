import { StackSnapshot } from "../snapshot";

/** Which of the accepted file shapes a document was. */
export type FileFormat = "stack-export" | "checkpoint" | "preview-json";

/** What a reader gives back: the snapshot, the stack outputs, and what it had to tolerate. */
export interface ReadResult {
    file: string;
    format: FileFormat;
    snapshot: StackSnapshot;
    /** Outputs of the root `pulumi:pulumi:Stack` resource (the stack outputs), wire form. */
    outputs: Record<string, unknown>;
    /** Things tolerated rather than refused (pending operations, dangling dependencies...). */
    warnings: string[];
    /** A preview's: the URNs of the resources its steps delete (not in `snapshot`). */
    removedUrns?: string[];
}
