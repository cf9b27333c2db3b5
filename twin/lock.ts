/** One twin at a time: the start-of-run cleanup must never remove a running twin's namespaces. */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "fs";
import { RUN_DIR_PARENT } from "./names";

export const LOCK_FILE = `${RUN_DIR_PARENT}/bntw-lock`;

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code === "EPERM";
    }
}

/** Takes the lock, or returns the pid of the live twin that holds it; a dead holder's lock is taken over. */
export function acquireLock(): number | undefined {
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            const fd = openSync(LOCK_FILE, "wx", 0o600);
            writeSync(fd, String(process.pid));
            closeSync(fd);
            return undefined;
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
            const holder = Number(readFileSync(LOCK_FILE, "utf8").trim());
            if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) return holder;
            rmSync(LOCK_FILE, { force: true });
        }
    }
    return undefined;
}

export function releaseLock(): void {
    try {
        if (readFileSync(LOCK_FILE, "utf8").trim() === String(process.pid)) rmSync(LOCK_FILE, { force: true });
    } catch {
        // not ours or already gone
    }
}
