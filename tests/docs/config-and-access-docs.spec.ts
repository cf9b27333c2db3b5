// The docs cannot drift from what they describe: the config tables list exactly the schema's keys with its
// defaults, docs/access.md creates the key and includes the ssh config with the README's very commands, and no
// doc points at notes that are not in the repository.
import * as assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stackFileJsonSchema } from "../../infra/config/json-schema";

const ROOT = join(__dirname, "..", "..");
const read = (f: string) => readFileSync(join(ROOT, f), "utf8");

type Node = { type?: string; properties?: Record<string, Node>; items?: Node; default?: unknown };

/** Leaf key paths of the settings schema with their defaults; a list of objects is one key (`subnets`). */
function leaves(node: Node, path: string[] = [], out = new Map<string, unknown>()): Map<string, unknown> {
    if (node.type === "object" && node.properties && path.length < 3) {
        for (const [k, v] of Object.entries(node.properties)) leaves(v, [...path, k], out);
    } else out.set(path.join("."), node.default);
    return out;
}

/** First-column keys of the markdown table that follows `heading`, with the default column. */
function table(doc: string, heading: string): Map<string, string> {
    const start = doc.indexOf(heading);
    assert.ok(start >= 0, `no "${heading}"`);
    const rows = new Map<string, string>();
    for (const line of doc.slice(start).split("\n").slice(1)) {
        if (line.startsWith("#")) break;
        const m = /^\| `([^`]+)` \| (?:[^|\\]|\\\|)+ \| ((?:[^|\\]|\\\|)+) \|/.exec(line);
        if (m) rows.set(m[1], m[2]);
    }
    return rows;
}

const settingsNode = (Object.values((stackFileJsonSchema() as { properties: { config: { patternProperties: Record<string, Node> } } }).properties.config.patternProperties)[0]);

describe("docs: the config tables", () => {
    const schema = leaves(settingsNode);
    const roles = ["web", "db", "bastion"];
    const keyOf = (k: string) => k.replace(/^hosts\.(web|db|bastion)\./, "hosts.<role>.");

    it("README lists every settings key (access as one row) and aws:region, and nothing else", () => {
        const expected = new Set(["aws:region", ...[...schema.keys()].filter((k) => !k.startsWith("access.")).map(keyOf), "access"]);
        const rows = table(read("README.md"), "## Configuration");
        assert.deepEqual([...rows.keys()].sort(), [...expected].sort());
    });

    it("README shows each schema default", () => {
        const rows = table(read("README.md"), "## Configuration");
        for (const [key, value] of schema) {
            if (value === undefined || key.startsWith("access.") || key === "subnets") continue;
            const shown = typeof value === "string" ? value : JSON.stringify(value);
            assert.ok(rows.get(keyOf(key))?.includes(shown), `${key}: default ${shown} not in "${rows.get(keyOf(key))}"`);
        }
        assert.ok(roles.every((r) => schema.has(`hosts.${r}.instanceType`)));
    });

    it("docs/access.md lists every key of access, with its defaults", () => {
        const accessNode = settingsNode.properties!.access;
        const keys = leaves(accessNode, [], new Map());
        const rows = table(read("docs/access.md"), "## 6. Config keys of `access`");
        const expected = [...keys.keys()].flatMap((k) => (k.startsWith("recovery") ? [] : [k])).concat(["recovery", "recovery[].target", "recovery[].newKey"]);
        assert.deepEqual([...rows.keys()].sort(), expected.sort());
        for (const [key, value] of keys) {
            if (value === undefined || typeof value === "object") continue;
            assert.ok(rows.get(key)?.includes(String(value)), `${key}: default ${String(value)} not in "${rows.get(key)}"`);
        }
    });
});

describe("docs: one way to make the key and include the ssh config", () => {
    const realPath = new Set(read("docs/real-path.sh").split("\n"));
    const sections = read("docs/access.md").split(/\n(?=## )/);
    const shell = (section: string) => [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split("\n"));

    for (const [title, pattern] of [["## 1. Key pairs", /^(mkdir -p -m 700|ssh-keygen|pulumi config set .*keyPair)/], ["## 3. ssh config", /sshConfig >|Include/]] as const) {
        it(`docs/access.md "${title}" uses the README's commands (docs/real-path.sh, run by the engine spec)`, () => {
            const lines = shell(sections.find((s) => s.startsWith(title)) ?? "").filter((l) => pattern.test(l));
            assert.ok(lines.length >= 2, `commands in ${title}`);
            for (const l of lines) assert.ok(realPath.has(l), `not a line of docs/real-path.sh: ${l}`);
        });
    }
});

/** Every file under `dir` (relative to the root) but installed, built and generated ones. */
function sourceFiles(dir: string): string[] {
    const out: string[] = [];
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) {
            if (!["node_modules", ".git", "bin", "out", "dist"].includes(e.name)) out.push(...sourceFiles(rel));
        } else if (e.isFile()) out.push(rel);
    }
    return out;
}

describe("docs: no references to notes outside the repository", () => {
    // Notes, issues and tasks the people who wrote the code had, and a reader of the repository has not.
    const POINTER = /\bseeds? \d{3}|\bnotes? \d{3}|\bthe seed's\b|\bseed §|\bissue \d+\b|\btask \d+\b|SEEDS\.md/i;
    const files = ["README.md", "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
    for (const f of files) {
        it(f, () => assert.doesNotMatch(read(f), POINTER));
    }
    it("nor in the code's comments: every source, script and workflow file", () => {
        // Walked rather than asked of git: CI also runs the suite in a copy of the checkout without .git.
        const tracked = sourceFiles("").filter((f) => /\.(ts|js|sh|ya?ml)$|^\.ci\//.test(f));
        assert.ok(tracked.length > 300, `${tracked.length} source files`);
        const hits = tracked.flatMap((f) => read(f).split("\n").flatMap((line, i) => (POINTER.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])));
        assert.deepEqual(hits, []);
    });
});

describe("docs: the README's layout names what exists", () => {
    it("every folder and file of the Layout block is in the repository", () => {
        const readme = read("README.md");
        const open = readme.indexOf("```\n", readme.indexOf("## Layout")) + 4;
        const lines = readme.slice(open, readme.indexOf("```", open)).trim().split("\n");
        for (const line of lines) {
            const names = line.split(/ {2,}/)[0].split(", ");
            for (const name of names) assert.ok(existsSync(join(ROOT, name.trim())), `${name} (README Layout)`);
            // Paths named in the description: relative to the line's folder, or to the root.
            const first = names[0].trim();
            const mentioned = line.split(/ {2,}/).slice(1).join(" ").split(/\s+/).map((t) => t.replace(/^[(`]+|[),`:;]+$/g, "")).filter((t) => /^[\w.-]+(\/[\w./-]*|\.(ts|ya?ml|json|md))$/.test(t));
            for (const m of mentioned) assert.ok(existsSync(join(ROOT, first, m)) || existsSync(join(ROOT, m)), `${m} (README Layout: ${line})`);
        }
    });
});
