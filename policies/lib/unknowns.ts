/**
 * Reading props that may hold unknown (preview) values without ever guessing.
 *
 * @pulumi/policy's proxy throws `UnknownValueError` on a read of an unknown. A rule that must still
 * decide what the known values decide reads each field through `read`, which turns that one error
 * into a "not known" result. After reporting what the known values decide, a rule that skipped
 * unknowns rethrows the first one (`Unknowns.settle`): the server keeps the violations already
 * reported and adds the advisory "can't run during preview" — never a violation invented from an
 * unknown, never a silent pass either.
 */
import * as policy from "@pulumi/policy";

// `UnknownValueError` is exported at runtime but its declaration is stripped from the .d.ts.
const UnknownValueError = (policy as unknown as { UnknownValueError: new (sentinel: string, props: string[]) => Error }).UnknownValueError;
/** Pulumi's unknown-string sentinel, which the error's constructor requires. */
const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknownValueError(e: unknown): e is Error {
    return e instanceof UnknownValueError;
}

export type Maybe<T> = { known: true; value: T } | { known: false; error: Error };

/** Runs `fn`; an unknown read yields `{ known: false }`, any other error propagates. */
export function read<T>(fn: () => T): Maybe<T> {
    try {
        return { known: true, value: fn() };
    } catch (e) {
        if (isUnknownValueError(e)) return { known: false, error: e };
        throw e;
    }
}

/** Collects the unknowns a rule stepped over, to report them only when nothing else was decided. */
export class Unknowns {
    private first: Error | undefined;

    /** Returns the value when known; remembers the error and returns `undefined` when not. */
    take<T>(m: Maybe<T>): T | undefined {
        if (m.known) return m.value;
        this.first ??= m.error;
        return undefined;
    }

    note(m: Maybe<unknown>): void {
        if (!m.known) this.first ??= m.error;
    }

    /**
     * A reference that cannot be pinned down yet although no single read was unknown (e.g. a value
     * computed from several groups). Recorded as the same error an unknown read gives, at `path`.
     */
    unresolved(...path: string[]): void {
        this.first ??= new UnknownValueError(unknownString, path);
    }

    get any(): boolean {
        return this.first !== undefined;
    }

    /** Rethrows the first unknown stepped over, if any; call once, after reporting. */
    settle(): void {
        if (this.first) throw this.first;
    }
}
