// The one way specs reach the real Pulumi CLI. Without an engine (the CLI, or Pulumi's own language host beside it)
// the specs are skipped with one line saying what is missing and how to get it, except in CI (CI=true), where a
// missing engine fails the run. $BASTION_SKIP_ENGINE_SPECS skips them on purpose, saying why (a second pass of the
// specs under another Node.js, whose engine specs the first pass ran).
import * as assert from "assert";
import { Engine, locateEngine } from "../../engine/locate";
import { createWorkspace, EngineWorkspace, RunResult, WorkspaceOptions } from "../../engine/workspace";

let lookup: ReturnType<typeof locateEngine> | undefined;
let announced = false;

export function describeWithEngine(title: string, body: (engine: () => Engine) => void): void {
    const skipped = process.env.BASTION_SKIP_ENGINE_SPECS;
    if (skipped) {
        skip(title, body, skipped);
        return;
    }
    lookup ??= locateEngine();
    const found = lookup;
    if (found.engine) {
        const engine = found.engine;
        describe(title, function () {
            this.timeout(15 * 60_000);
            body(() => engine);
        });
        return;
    }
    if (process.env.CI === "true") {
        describe(title, () => {
            it("needs the real engine in CI", () => assert.fail(`${found.reason} (in CI the engine specs must run)`));
        });
        return;
    }
    skip(title, body, found.reason);
}

function skip(title: string, body: (engine: () => Engine) => void, reason: string): void {
    if (!announced) {
        announced = true;
        console.log(`  (engine specs skipped: ${reason})`);
    }
    describe.skip(title, () => body(() => { throw new Error("unreachable"); }));
}

/** A workspace per `describe`, removed after it. */
export function useWorkspace(engine: () => Engine, options: WorkspaceOptions = {}): () => EngineWorkspace {
    let ws: EngineWorkspace | undefined;
    before(() => { ws = createWorkspace(engine(), options); });
    after(() => ws?.remove());
    return () => {
        if (!ws) throw new Error("workspace used outside its describe");
        return ws;
    };
}

/** Fails with the command, its exit code and its output when it did not succeed. */
export function ok(result: RunResult): RunResult {
    if (result.status !== 0) {
        assert.fail(`\`${result.command}\` exited ${result.status}\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`);
    }
    return result;
}

function tail(text: string): string {
    const lines = text.trimEnd().split("\n");
    return lines.slice(-60).join("\n");
}

/** Values a real user sets before an update (the committed ones are placeholders). */
export const ownValues: Record<string, string> = {
    "bastion-network:settings.prefix": "acme",
    "bastion-network:settings.access.keyPair.name": "acme-key",
    "bastion-network:settings.access.keyPair.publicKey":
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGKpYkFJv1WBHrdHQ7i8v1yrcQg3qW4mSPqlNNjG0tqR acme@laptop",
    "bastion-network:settings.access.instanceConnect.iamGroups[0]": "acme-operators",
    "bastion-network:settings.operatorCidrs[0]": "52.78.10.20/32",
};
