/**
 * `chmod` modes named in free text, compared by what they do rather than how they are spelled:
 * `chmod 400`, `chmod 0400`, `chmod u=r` and `chmod u=r,go=` all leave the owner only reading.
 */

/** Permission bits per class (r=4, w=2, x=1); `undefined` when the mode leaves that class as it was. */
export interface ModeBits {
    u?: number;
    g?: number;
    o?: number;
}

const bitsOf = (perms: string): number | undefined => {
    let n = 0;
    for (const ch of perms) {
        if (ch === "r") n |= 4;
        else if (ch === "w") n |= 2;
        else if (ch === "x") n |= 1;
        else return undefined; // X, s, t, u/g/o copies: not a plain mode we can compare
    }
    return n;
};

/** A mode argument: octal (3 or 4 digits, no special bits) or symbolic clauses with `=` only. */
export function parseMode(arg: string): ModeBits | undefined {
    if (/^0?[0-7]{3}$/.test(arg)) {
        const d = arg.slice(-3);
        return { u: Number(d[0]), g: Number(d[1]), o: Number(d[2]) };
    }
    const out: ModeBits = {};
    for (const clause of arg.split(",")) {
        const m = /^([ugoa]*)=([rwxXst]*)$/.exec(clause);
        if (!m) return undefined;
        const bits = bitsOf(m[2]);
        if (bits === undefined) return undefined;
        const who = m[1] === "" || m[1].includes("a") ? "ugo" : m[1];
        for (const c of who) out[c as keyof ModeBits] = bits;
    }
    return out;
}

/** Every mode a `chmod` in `text` applies (options such as `-v` skipped; quotes allowed). */
export function chmodModes(text: string): ModeBits[] {
    const out: ModeBits[] = [];
    const re = /\bchmod\s+(?:--?[A-Za-z-]+\s+)*['"]?([0-7]{3,4}|[ugoa]*=[rwxXst]*(?:,[ugoa]*=[rwxXst]*)*)['"]?(?=[\s;'"`)]|$)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
        const mode = parseMode(m[1]);
        if (mode) out.push(mode);
    }
    return out;
}

/**
 * Does `given` do what `required` asks? The owner's bits must match and a class the required mode
 * closes must not be opened. A class the given mode leaves as it was is accepted: `chmod u=r` is a
 * common way to write the instruction, and the tag is read for intent, not executed.
 */
export function modeSatisfies(given: ModeBits, required: ModeBits): boolean {
    if (given.u !== required.u) return false;
    for (const c of ["g", "o"] as const) {
        if (given[c] !== undefined && required[c] !== undefined && given[c] !== required[c]) return false;
        if (given[c] !== undefined && given[c] !== 0 && required[c] === undefined) return false;
    }
    return true;
}

/** Does `text` contain `required` (e.g. "chmod 400") literally or a chmod that does the same? */
export function mentionsChmod(text: string, required: string): boolean {
    if (text.includes(required)) return true;
    const wanted = chmodModes(required);
    if (wanted.length !== 1) return false;
    return chmodModes(text).some((m) => modeSatisfies(m, wanted[0]));
}
