/**
 * What of a host's user data a later SSH session runs. User data runs once, at boot, in a shell that
 * then exits: a `TMOUT=600` there sets nothing for anyone who logs in later, and neither does a
 * commented line, an `echo` to the boot log, or a file no shell sources. A setting takes effect only
 * when it is written into a file that login or interactive shells source — `/etc/profile`,
 * `/etc/profile.d/*.sh`, `/etc/bash.bashrc` / `/etc/bashrc`, a `.bashrc`/`.bash_profile`/`.profile`
 * (including `/etc/skel`'s), or `/etc/environment` (pam_env puts it in every session) — by a cloud-config `write_files` entry, a heredoc (`cat > f <<EOF`,
 * `tee f <<EOF`), or `echo`/`printf ... >> f` in the script or in `runcmd`/`bootcmd`.
 *
 * Returns those files' contents, comment lines removed. A file written in a way this does not read
 * (`sed -i`, a downloaded script) is not seen: the rule then reports the setting as missing.
 */
import { parse } from "yaml";

const STARTUP_FILE = /^(\/etc\/environment|\/etc\/profile|\/etc\/profile\.d\/[^/\s]+\.sh|\/etc\/bash\.bashrc|\/etc\/bashrc|(\/etc\/skel|\/root|\/home\/[^/\s]+|~)\/\.(bashrc|bash_profile|profile))$/;

export function isStartupFile(path: string): boolean {
    return STARTUP_FILE.test(path.trim().replace(/^["']|["']$/g, ""));
}

/** Shell code without comment lines (a `#` that starts a line; `#!` included). */
function withoutComments(text: string): string {
    return text.split(/\r?\n/).filter((l) => !/^\s*#/.test(l)).join("\n");
}

/** `'a b'` / `"a b"` / `a` -> the text echo would write. */
function unquote(s: string): string {
    const t = s.trim();
    if ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))) return t.slice(1, -1).replace(/\\"/g, '"');
    return t;
}

/** What a shell script (boot script, runcmd entry) writes into startup files. */
function fromShell(script: string): string[] {
    const out: string[] = [];
    const lines = script.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (/^\s*#/.test(line)) continue;
        // cat > f <<'EOS' / cat >> f <<EOS / tee [-a] f <<EOS / cat <<EOS > f
        const heredoc = /<<-?\s*['"]?(\w+)['"]?/.exec(line);
        if (heredoc) {
            const end = heredoc[1];
            const body: string[] = [];
            for (i++; i < lines.length && lines[i].trim() !== end; i++) body.push(lines[i]);
            const target = /(?:>>?|\btee\s+(?:-a\s+)?)\s*(["']?[^\s<>|;&"']+["']?)/.exec(line.replace(heredoc[0], ""));
            if (target && isStartupFile(target[1])) out.push(withoutComments(body.join("\n")));
            continue;
        }
        // echo 'text' >> f / printf '%s\n' 'text' > f
        const echo = /^\s*(?:echo(?:\s+-[neE]+)*|printf(?:\s+'%s\\n')?)\s+(.*?)\s*>>?\s*(\S+)\s*$/.exec(line);
        if (echo && isStartupFile(echo[2])) out.push(withoutComments(unquote(echo[1])));
    }
    return out;
}

interface CloudConfig {
    write_files?: { path?: unknown; content?: unknown; encoding?: unknown }[];
    runcmd?: unknown[];
    bootcmd?: unknown[];
}

function fromCloudConfig(text: string): string[] {
    let doc: CloudConfig;
    try {
        doc = (parse(text) ?? {}) as CloudConfig;
    } catch {
        return [];
    }
    const out: string[] = [];
    for (const f of Array.isArray(doc.write_files) ? doc.write_files : []) {
        if (typeof f?.path !== "string" || typeof f.content !== "string" || !isStartupFile(f.path)) continue;
        const encoded = typeof f.encoding === "string" && /^(b64|base64)$/i.test(f.encoding);
        out.push(withoutComments(encoded ? Buffer.from(f.content, "base64").toString("utf8") : f.content));
    }
    for (const cmd of [...(Array.isArray(doc.bootcmd) ? doc.bootcmd : []), ...(Array.isArray(doc.runcmd) ? doc.runcmd : [])]) {
        const script = typeof cmd === "string" ? cmd : Array.isArray(cmd) ? cmd.map(String).join(" ") : "";
        // `[sh, -c, "..."]` runs its last element as a script.
        out.push(...fromShell(Array.isArray(cmd) && cmd.length >= 3 && String(cmd[1]) === "-c" ? String(cmd[cmd.length - 1]) : script));
    }
    return out;
}

/** The text login and interactive shells will run, from a host's decoded user data. */
export function sessionStartupText(userData: string): string {
    const parts = userData.trimStart().startsWith("#cloud-config") ? fromCloudConfig(userData) : fromShell(userData);
    return parts.join("\n");
}
