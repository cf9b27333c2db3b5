/** Font sizes the drawio styles use; the layout sizes every label from them. */
export const FONT = { node: 11, title: 11, edge: 10 } as const;

/**
 * The box a label needs, estimated without a browser: 0.58 em per character, above Helvetica's average
 * at these sizes (render-png checks with mxGraph's own measurements that every text fits its box).
 */
export function textSize(lines: string[], fontSize: number): { width: number; height: number } {
    const longest = Math.max(0, ...lines.map((l) => l.length));
    return { width: Math.ceil(longest * fontSize * 0.58), height: Math.ceil(lines.length * fontSize * 1.25) };
}
