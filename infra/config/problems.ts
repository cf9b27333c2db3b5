/** Zod's issues turned into this project's problems: a dotted key path (`subnets[2].size`) and what to do. */
import { z } from "zod";
import { ConfigProblem } from "../config-problem";
import { closestKey } from "./hints";

type Path = readonly PropertyKey[];

/** `["subnets", 2, "size"]` -> `subnets[2].size`, under `base` when given (`access.keyPair`). */
export function keyPath(path: Path, base = ""): string {
    return path.reduce<string>((key, p) => (typeof p === "number" ? `${key}[${p}]` : key === "" ? String(p) : `${key}.${String(p)}`), base);
}

/** Every issue as a problem; one problem per unknown key, with the known keys of its object and a "did you mean". */
export function problemsFrom(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, base = ""): ConfigProblem[] {
    return issues.flatMap((issue): ConfigProblem[] => {
        if (issue.code !== "unrecognized_keys") return [{ key: keyPath(issue.path, base), message: issue.message }];
        const known = knownKeys(schema, issue.path);
        return issue.keys.map((k) => {
            const near = closestKey(k, known);
            return {
                key: keyPath([...issue.path, k], base),
                message: `is not a known key${near ? `; did you mean "${near}"?` : "."} Known keys here: ${known.join(", ")}.`,
            };
        });
    });
}

/** The keys the object schema at `path` declares (wrappers such as defaults, pipes and arrays are looked through). */
export function knownKeys(schema: z.ZodType, path: Path): string[] {
    let node: z.core.$ZodType | undefined = schema;
    for (const step of [...path, undefined]) {
        node = node && unwrap(node);
        if (step === undefined || node === undefined) break;
        const def = node._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
        node = def.type === "object" ? def.shape?.[String(step)] : def.type === "array" ? def.element : undefined;
    }
    const def = node?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
    return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(node: z.core.$ZodType): z.core.$ZodType | undefined {
    for (let i = 0; i < 20; i++) {
        const def = node._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; out?: z.core.$ZodType };
        if (def.innerType) node = def.innerType;
        else if (def.type === "pipe" && def.in && def.out) node = (def.in._zod.def as { type: string }).type === "transform" ? def.out : def.in;
        else return node;
    }
    return node;
}

/**
 * A test for "does a check that reads `path` depend on a value that was refused?": true when an issue lies at
 * `path`, above it (the object holding it was refused) or below it (part of it was). An unknown key breaks
 * only itself, not the object it was typed into.
 */
export function brokenKeys(issues: readonly z.core.$ZodIssue[]): (path: Path) => boolean {
    const broken = issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys.map((k) => [...i.path, k]) : [i.path]));
    const startsWith = (long: Path, short: Path) => short.every((step, n) => long[n] === step);
    return (path) => broken.some((b) => startsWith(path, b) || startsWith(b, path));
}
