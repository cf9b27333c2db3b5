/**
 * The stack's outputs as `pulumi up` prints them after an update: an `Outputs:` block, names padded to one
 * column, strings quoted on one line, objects and lists indented, secrets as `[secret]` and, in a preview, values not
 * known yet as `output<string>`.
 */
import { isSecretWrapper, isSentinel } from "../../policies/model/wire";

const INDENT = "    ";

export function outputsText(outputs: Record<string, unknown>): string {
    const names = Object.keys(outputs).sort();
    if (names.length === 0) return "";
    const width = Math.max(...names.map((n) => n.length));
    const lines = names.map((n) => `${INDENT}${n.padEnd(width)}: ${value(outputs[n], INDENT)}`);
    return `Outputs:\n${lines.join("\n")}\n`;
}

function value(v: unknown, indent: string): string {
    if (isSentinel(v)) return "output<string>";
    if (isSecretWrapper(v)) return "[secret]";
    // One quoted line, escapes and all, as the CLI's Go formatting (%q) shows a string.
    if (typeof v === "string") return JSON.stringify(v);
    if (v === null || v === undefined) return "null";
    if (Array.isArray(v)) {
        if (v.length === 0) return "[]";
        const inner = indent + INDENT;
        return `[\n${v.map((item, i) => `${inner}[${i}]: ${value(item, inner)}`).join("\n")}\n${indent}]`;
    }
    if (typeof v === "object") {
        const keys = Object.keys(v).sort();
        if (keys.length === 0) return "{}";
        const inner = indent + INDENT;
        const width = Math.max(...keys.map((k) => k.length));
        return `{\n${keys.map((k) => `${inner}${k.padEnd(width)}: ${value((v as Record<string, unknown>)[k], inner)}`).join("\n")}\n${indent}}`;
    }
    return String(v);
}

