/** Font sizes the drawio styles use; the layout sizes every label from them. */
export const FONT = { node: 11, title: 11, edge: 10 } as const;

/**
 * The box a label needs, estimated without a browser: 0.62 em per character is wider than Helvetica's
 * widest common glyphs at these sizes, so a rendered label fits inside the box the layout reserved.
 */
export function textSize(lines: string[], fontSize: number): { width: number; height: number } {
    const longest = Math.max(0, ...lines.map((l) => l.length));
    return { width: Math.ceil(longest * fontSize * 0.62), height: Math.ceil(lines.length * fontSize * 1.25) };
}
