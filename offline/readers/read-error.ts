/** Why a file could not be turned into a snapshot; the CLI maps every kind to exit code 2. */
export type ReadErrorKind = "missing" | "unreadable" | "not-json" | "not-pulumi";

/**
 * A reader failure with a one-paragraph message meant for the operator, not a stack trace:
 * it names the file, what is wrong, and what the reader expected instead.
 */
export class SnapshotReadError extends Error {
    constructor(
        readonly kind: ReadErrorKind,
        readonly file: string,
        message: string,
    ) {
        super(message);
        this.name = "SnapshotReadError";
    }
}

export function isSnapshotReadError(e: unknown): e is SnapshotReadError {
    return e instanceof SnapshotReadError;
}
