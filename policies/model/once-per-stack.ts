/**
 * A value derived from a whole stack (the network model, an index), built once per stack analysis and
 * shared by every stack rule that asks for it, instead of once per rule.
 *
 * Why a key this cheap is enough. The analyzer server (@pulumi/policy's `makeAnalyzeStackRpcFun`) hands
 * every stack policy a freshly deserialized `resources` array — new objects each time, so identity says
 * nothing — but in the same order, with the same URNs, and runs the policies one after another with only
 * a resolved promise between them. One AnalyzeStack request is therefore one turn of the event loop
 * (microtasks only) unless a rule awaits real I/O. The next request — `pulumi up` sends one for its
 * preview and another after the update, same URNs, other values — can only arrive after this one was
 * answered, on a later turn.
 *
 * So a value is kept only until the event loop's next check phase (`setImmediate`), and within that turn
 * it is found again by its purpose and the URN list, compared element by element (the server hands every
 * policy the same URN strings, so that is a pointer comparison per resource). A rule that awaits I/O
 * between two uses only costs a rebuild, never a stale answer. Whoever runs stack policies without a
 * server (the offline harness) must start each stack analysis on a new turn, as a gRPC request does.
 */

/** All this module reads of a resource: stack policy resources, snapshots and exports all have it. */
export interface HasUrn {
    readonly urn: string;
}

interface Entry {
    urns: readonly string[];
    value: unknown;
}

/** Values built on this turn of the event loop, by purpose; emptied at the next check phase. */
const thisTurn = new Map<string, Entry[]>();
/**
 * One stack analysis asks with one URN list; a few more cover a caller that analyzes several stacks in one
 * turn, and the bound keeps a caller asking per resource (thousands of lists) from a search per call.
 */
const LISTS_PER_PURPOSE = 4;
let clearScheduled = false;

function sameUrns(a: readonly string[], b: readonly HasUrn[]): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i].urn) return false;
    return true;
}

/**
 * `build()` the first time a stack analysis asks for `purpose`, the same value for the rest of it.
 *
 * `purpose` names what is built and from which options (e.g. `network-model` plus the rule options that
 * change the result, serialized: they are small): two calls with the same purpose on the same stack must
 * want the same value. `build` must read `resources` only (not a rule's own state), since the value goes
 * to whichever rule asked first.
 */
export function oncePerStack<T>(resources: readonly HasUrn[], purpose: string, build: () => T): T {
    const entries = thisTurn.get(purpose);
    const hit = entries?.find((e) => sameUrns(e.urns, resources));
    if (hit) return hit.value as T;
    const value = build();
    const entry: Entry = { urns: resources.map((r) => r.urn), value };
    if (!entries) thisTurn.set(purpose, [entry]);
    else if (entries.push(entry) > LISTS_PER_PURPOSE) entries.shift();
    if (!clearScheduled) {
        clearScheduled = true;
        // Also lets the model be collected once the analysis that built it is over.
        setImmediate(() => {
            thisTurn.clear();
            clearScheduled = false;
        });
    }
    return value;
}
