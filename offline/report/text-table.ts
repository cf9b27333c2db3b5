/** Left-aligned plain-text columns: readable in any terminal and in a CI log. */
export function textTable(headers: string[], rows: string[][], indent = "  "): string[] {
    // A loop, not Math.max(...rows): a large stack's reachability table has more rows than a call takes arguments.
    const widths = headers.map((h) => h.length);
    for (const r of rows) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], (r[i] ?? "").length);
    const line = (cells: string[]) => indent + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
    return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
