/** Left-aligned plain-text columns: readable in any terminal and in a CI log. */
export function textTable(headers: string[], rows: string[][], indent = "  "): string[] {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: string[]) => indent + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
    return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
