// Policy findings as the real engine reports them: the `policyEvent`s of an event log
// (`pulumi preview|up --event-log FILE`, or `pulumi policy analyze --json` on stdout), one JSON object a line.
// At v3.248.0 `pulumi preview --json` leaves policy events out of its document (pkg/backend/display/json.go),
// so the event log is where the analyzer's own verdicts are read.
import * as fs from "fs";

export interface EngineFinding {
    policyName: string;
    policyPackName: string;
    resourceUrn: string;
    /** The engine says "warning" where the pack and our report say "advisory". */
    enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
    message: string;
}

interface RawPolicyEvent {
    policyName: string;
    policyPackName: string;
    resourceUrn?: string;
    enforcementLevel: string;
    message: string;
}

export function findingsFromEventLines(text: string): EngineFinding[] {
    const findings: EngineFinding[] = [];
    for (const line of text.split("\n")) {
        if (!line.trim().startsWith("{")) continue;
        const event = JSON.parse(line) as { policyEvent?: RawPolicyEvent };
        const p = event.policyEvent;
        if (!p) continue;
        const level = p.enforcementLevel === "warning" ? "advisory" : p.enforcementLevel === "none" ? "disabled" : p.enforcementLevel;
        findings.push({
            policyName: p.policyName,
            policyPackName: p.policyPackName,
            resourceUrn: p.resourceUrn ?? "",
            enforcementLevel: level as EngineFinding["enforcementLevel"],
            message: p.message,
        });
    }
    return findings;
}

export function findingsFromEventLog(file: string): EngineFinding[] {
    return fs.existsSync(file) ? findingsFromEventLines(fs.readFileSync(file, "utf8")) : [];
}

/** A finding as one comparable line: rule, level and resource (messages may carry engine decoration). */
export function findingKey(f: { policyName: string; enforcementLevel: string; resourceUrn: string }): string {
    return `${f.enforcementLevel} ${f.policyName} ${f.resourceUrn}`;
}
