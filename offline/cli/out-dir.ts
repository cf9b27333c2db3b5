import { accessSync, constants, mkdirSync, statSync } from "fs";
import { dirname, resolve } from "path";
import { InputError } from "./input-error";

/**
 * Makes sure `--out` is a directory this process can write, before the work that fills it: a file, or a
 * place it cannot create or write, is the operator's to fix (exit 2, one line).
 */
export function prepareOutDir(dir: string): void {
    const fix = "give --out a directory you can write to (default: out/<stack>).";
    const target = resolve(dir);
    const kind = kindOf(target);
    if (kind === "file") throw new InputError(`--out ${dir} is a file, not a directory; ${fix}`);
    try {
        // One level at a time from the nearest existing folder: Node's recursive mkdir can spin forever on
        // paths such as /proc/x/y, where each level answers ENOENT.
        const missing: string[] = [];
        let p = target;
        while (kindOf(p) === "none" && dirname(p) !== p) {
            missing.unshift(p);
            p = dirname(p);
        }
        if (kindOf(p) === "file") throw Object.assign(new Error("ENOTDIR"), { code: "ENOTDIR" });
        for (const m of missing) mkdirSync(m);
        accessSync(target, constants.W_OK);
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? String(e);
        const why = code === "ENOTDIR" ? "a part of the path is a file" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOENT" ? "it cannot be created there" : code;
        throw new InputError(`--out ${dir} cannot be written (${why}); ${fix}`);
    }
}

function kindOf(p: string): "dir" | "file" | "none" {
    try {
        return statSync(p).isDirectory() ? "dir" : "file";
    } catch {
        return "none";
    }
}
