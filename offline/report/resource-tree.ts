import { ResourceSnapshot } from "../snapshot";

/** `aws:ec2/subnet:Subnet` -> `Subnet`; enough to read a count line. */
export function shortType(type: string): string {
    if (type.startsWith("pulumi:providers:")) return `provider:${type.slice("pulumi:providers:".length)}`;
    return type.slice(type.lastIndexOf(":") + 1) || type;
}

function countLine(children: ResourceSnapshot[]): string {
    const counts = new Map<string, number>();
    for (const c of children) counts.set(shortType(c.type), (counts.get(shortType(c.type)) ?? 0) + 1);
    return [...counts.entries()].map(([t, n]) => `${t} x${n}`).join(", ");
}

/**
 * The resource tree by component: each component (and the stack) on its own line, followed by the counts by
 * type of the resources it directly owns. Custom resources are counted, not listed, so a 10,000-resource
 * stack stays readable.
 */
export function resourceTree(resources: ResourceSnapshot[]): string[] {
    const byUrn = new Set(resources.map((r) => r.urn));
    const children = new Map<string, ResourceSnapshot[]>();
    const roots: ResourceSnapshot[] = [];
    for (const r of resources) {
        if (r.parent && byUrn.has(r.parent)) {
            const list = children.get(r.parent) ?? [];
            list.push(r);
            children.set(r.parent, list);
        } else {
            roots.push(r);
        }
    }
    const lines: string[] = [];
    const walk = (node: ResourceSnapshot, depth: number) => {
        const kids = children.get(node.urn) ?? [];
        const custom = kids.filter((k) => !hasChildren(k));
        const counts = custom.length > 0 ? `  [${countLine(custom)}]` : "";
        lines.push(`${"  ".repeat(depth + 1)}${node.name} (${node.type})${counts}`);
        for (const k of kids) if (hasChildren(k)) walk(k, depth + 1);
    };
    const hasChildren = (r: ResourceSnapshot) => !r.custom || children.has(r.urn);
    const looseCustom = roots.filter((r) => !hasChildren(r));
    for (const r of roots) if (hasChildren(r)) walk(r, 0);
    if (looseCustom.length > 0) lines.push(`  (no parent in the file)  [${countLine(looseCustom)}]`);
    return lines;
}

/** Totals by full type token, largest first: the "what would be built" count. */
export function countsByType(resources: ResourceSnapshot[]): [string, number][] {
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
