import { execFileSync } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { InputError } from "../cli/input-error";

/** Headless, and quiet: no network of its own, no updates, no sync, a throwaway profile. */
const FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--allow-file-access-from-files",
];

/** Runs Debian's chromium once on a local page with a fresh profile directory, removed afterwards. */
export function runChromium(pageUrl: string, extra: string[]): string {
    const profile = mkdtempSync(join(tmpdir(), "diagram-chromium-"));
    try {
        return execFileSync("chromium", [...FLAGS, `--user-data-dir=${profile}`, ...extra, pageUrl], {
            encoding: "utf8",
            timeout: 120_000,
            maxBuffer: 64 * 1024 * 1024,
            stdio: ["ignore", "pipe", "pipe"],
        });
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new InputError("chromium is not installed: run `apt-get install -y chromium` (Debian) and try again");
        throw e;
    } finally {
        rmSync(profile, { recursive: true, force: true });
    }
}
