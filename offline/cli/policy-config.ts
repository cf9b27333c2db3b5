import { readFileSync } from "fs";
import { InputError } from "./input-error";

/**
 * Reads `--policy-config FILE`: the same JSON `pulumi preview --policy-pack-config` takes, an object
 * keyed by policy name (`{"all": "advisory", "<policy>": {"enforcementLevel": ..., <options>}}`).
 * Whether its keys and values fit the pack is the harness's to judge.
 */
export function readPolicyConfig(file: string | undefined): Record<string, unknown> | undefined {
    if (file === undefined) return undefined;
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(
            code === "ENOENT"
                ? `The policy config file ${file} does not exist. --policy-config takes the JSON file you would pass to \`pulumi preview --policy-pack-config\`.`
                : `The policy config file ${file} could not be read (${code ?? String(e)}).`,
        );
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (e) {
        throw new InputError(`The policy config file ${file} is not JSON (${e instanceof Error ? e.message : String(e)}).`);
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        throw new InputError(
            `The policy config file ${file} must hold a JSON object keyed by policy name, e.g. {"all": "advisory"} or ` +
                `{"<policy-name>": {"enforcementLevel": "mandatory"}}.`,
        );
    }
    return doc as Record<string, unknown>;
}
