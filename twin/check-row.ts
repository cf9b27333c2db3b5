/** One line of the twin's table: what was tried, what was expected, what happened. */
export interface CheckRow {
    /** Group in the table: `ssh`, `key`, `tcp`, `model`, `hardening`. */
    group: string;
    check: string;
    expected: string;
    observed: string;
    status: "pass" | "fail" | "skip";
}

export function row(group: string, check: string, expected: string, observed: string, ok: boolean): CheckRow {
    return { group, check, expected, observed, status: ok ? "pass" : "fail" };
}

export function skipped(group: string, check: string, why: string): CheckRow {
    return { group, check, expected: "-", observed: why, status: "skip" };
}

/** ssh's last stderr line, which names why it failed (`Permission denied`, `Network is unreachable`...). */
export function lastLine(text: string): string {
    const lines = text.trim().split("\n").map((l) => l.trim()).filter((l) => l !== "");
    return lines[lines.length - 1] ?? "";
}
