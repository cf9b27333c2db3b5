/**
 * The bastion's hardening as the stack renders it: the `write_files` of its cloud-init user data,
 * sorted into what the twin installs in the bastion's private mount namespace.
 */
import { parse } from "yaml";

export interface RenderedFile {
    path: string;
    content: string;
    append: boolean;
}

export interface HardeningFiles {
    /** Placed in a private copy of the directory, bound over it. */
    byDirectory: Map<string, RenderedFile[]>;
    /** Appended to (or replacing) a private copy of an existing file, bound over it (`/etc/bash.bashrc`). */
    appends: RenderedFile[];
    /** Appended to the login user's `~/.bashrc` (cloud-init creates the user from `/etc/skel`). */
    skelBashrc: string;
    /** sshd drop-ins, read by the twin's sshd through `Include`. */
    sshd: RenderedFile[];
    /** Paths the twin does not install, for the report. */
    skipped: string[];
}

/** Directories the twin can bind a private copy over. */
export const BOUND_DIRECTORIES = ["/etc/profile.d", "/etc/rsyslog.d"];
/** Existing files the twin can bind a private copy over. */
export const BOUND_FILES = ["/etc/bash.bashrc"];

function dirname(p: string): string {
    return p.slice(0, p.lastIndexOf("/")) || "/";
}

export function writeFilesOf(userData: string | undefined): RenderedFile[] {
    if (!userData || !userData.startsWith("#cloud-config")) return [];
    const doc = parse(userData) as { write_files?: { path?: unknown; content?: unknown; append?: unknown }[] } | null;
    return (doc?.write_files ?? [])
        .filter((f) => typeof f.path === "string" && typeof f.content === "string")
        .map((f) => ({ path: f.path as string, content: f.content as string, append: f.append === true }));
}

export function hardeningFiles(userData: string | undefined): HardeningFiles {
    const out: HardeningFiles = { byDirectory: new Map(), appends: [], skelBashrc: "", sshd: [], skipped: [] };
    for (const f of writeFilesOf(userData)) {
        const dir = dirname(f.path);
        if (f.path === "/etc/skel/.bashrc") out.skelBashrc += f.content;
        else if (dir === "/etc/ssh/sshd_config.d") out.sshd.push(f);
        else if (BOUND_FILES.includes(f.path)) out.appends.push(f);
        else if (BOUND_DIRECTORIES.includes(dir)) out.byDirectory.set(dir, [...(out.byDirectory.get(dir) ?? []), f]);
        else out.skipped.push(f.path);
    }
    return out;
}
