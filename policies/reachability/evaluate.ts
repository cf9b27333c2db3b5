/** Placeholder until the evaluation lands (same session): the API above is what callers code against. */
import { ModelSnapshot, Reachability, ReachabilityOptions } from "./types";

export function evaluate(_snapshot: ModelSnapshot, _options: ReachabilityOptions): Reachability {
    throw new Error("reachability: evaluation not implemented yet");
}
