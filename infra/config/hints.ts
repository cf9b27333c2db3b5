/** Wording shared by the config validators: how a wrong value is shown, and "did you mean" for a typo. */

/** A short, safe rendering of a wrong value for a problem message (never a whole key or long text). */
export function showValue(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "a list";
    if (typeof v === "object") return "an object";
    if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
    return String(v);
}

/** The known key within two edits of `word` (case-insensitive), for "did you mean" hints. */
export function closestKey(word: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = 3;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
