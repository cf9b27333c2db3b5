/**
 * Reading props that may hold unknown (preview) values without ever guessing.
 *
 * @pulumi/policy's proxy throws `UnknownValueError` on a read of an unknown. A rule that must still
 * decide what the known values decide reads each field through `read`, which turns that one error
 * into a "not known" result. After reporting what the known values decide, a rule that skipped
 * unknowns rethrows the first one (`Unknowns.settle`): the server keeps the violations already
 * reported and adds the advisory "can't run during preview" — never a violation invented from an
 * unknown, never a silent pass either.
 *
 * Two copies of @pulumi/policy may be loaded at once (the pack's own `policies/node_modules` after
 * `npm ci` there, and the one that builds the props). So an unknown is recognised by its shape, not
 * by `instanceof`, and an error this pack raises itself is made by the proxy that built the props:
 * that copy's server is the one that must recognise it.
 */
import * as policy from "@pulumi/policy";
import { UNKNOWN_SENTINEL } from "../model/wire";

type UnknownErrorClass = new (sentinel: string, props: string[]) => Error;
// `UnknownValueError` is exported at runtime but its declaration is stripped from the .d.ts.
const OwnUnknownValueError = (policy as unknown as { UnknownValueError: UnknownErrorClass }).UnknownValueError;
/** Pulumi's unknown-string sentinel, which the error's constructor requires. */
const unknownString = UNKNOWN_SENTINEL;

/** An `UnknownValueError` of any copy of @pulumi/policy: its class name and its property path. */
export function isUnknownValueError(e: unknown): e is Error {
    if (!(e instanceof Error)) return false;
    const ctor = (e as { constructor?: { name?: unknown } }).constructor;
    return ctor?.name === "UnknownValueError" && Array.isArray((e as { props?: unknown }).props);
}

const isProxy = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && (v as Record<string, unknown>).__isSpecialProxy === true;

/**
 * An `UnknownValueError` at `path`, of the class the proxy around `props` throws. The key is set on
 * the proxy's own target for the length of one read and removed again; the value the rule sees is
 * never changed. Without a proxy (a direct call with plain objects) the pack's own class serves.
 */
export function unknownErrorAt(props: unknown, path: string[]): Error {
    if (isProxy(props)) {
        const target = props.__getSpecialProxyTarget as Record<string, unknown> | undefined;
        if (target && typeof target === "object") {
            let key = path.join(".");
            const has = (k: string) => Object.prototype.hasOwnProperty.call(target, k);
            // The property itself may be the unknown (an inline list the preview does not know yet).
            if (has(key)) {
                try {
                    void props[key];
                } catch (e) {
                    if (isUnknownValueError(e)) return e;
                }
                while (has(key)) key += "'";
            }
            target[key] = unknownString;
            try {
                void props[key];
            } catch (e) {
                if (isUnknownValueError(e)) return e;
            } finally {
                delete target[key];
            }
        }
    }
    return new OwnUnknownValueError(unknownString, path);
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
     * computed from several groups). Recorded as the same error an unknown read of `props` (the
     * holder's props, for the class of its proxy) gives, at `path`.
     */
    unresolved(props: unknown, ...path: string[]): void {
        this.first ??= unknownErrorAt(props, path);
    }

    get any(): boolean {
        return this.first !== undefined;
    }

    /** Rethrows the first unknown stepped over, if any; call once, after reporting. */
    settle(): void {
        if (this.first) throw this.first;
    }
}
