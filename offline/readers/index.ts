/** The readers' public surface: files and documents in, snapshots out. */
export { readSnapshotFile, readSnapshotDocument } from "./read-snapshot-file";
export { SnapshotReadError, isSnapshotReadError } from "./read-error";
export type { ReadErrorKind } from "./read-error";
export type { ReadResult, FileFormat } from "./read-result";
