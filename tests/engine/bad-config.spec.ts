// A refused config under the real CLI and language host: the clean message, no stack trace, nothing registered.
import * as assert from "assert";
import * as fs from "fs";
import { describeWithEngine, ok, useWorkspace } from "../helpers/engine";

interface EngineEvent {
    resourcePreEvent?: { metadata: { type: string; urn: string } };
}

describeWithEngine("bad config under the real engine", (engine) => {
    const ws = useWorkspace(engine);
    const file = (name: string) => ws().scratch(name);

    before(() => {
        ok(ws().pulumi(["stack", "init", "dev"]));
        ok(ws().pulumi(["config", "set", "--path", "bastion-network:settings.operatorCidrs[0]", "0.0.0.0/0"]));
        ok(ws().pulumi(["config", "set", "--path", "bastion-network:settings.vpcCidr", "10.0.0.0/33"]));
    });

    it("fails the preview with every problem named, and no stack trace", () => {
        const result = ws().pulumi(["preview", "--event-log", file("events")]);
        assert.notStrictEqual(result.status, 0);
        const output = result.stdout + result.stderr;
        assert.match(output, /operatorCidrs\[0\]/);
        assert.match(output, /vpcCidr/);
        assert.doesNotMatch(output, /^\s+at .+\(.*:\d+:\d+\)$/m, "no JavaScript stack trace");
        assert.doesNotMatch(output, /internal error/i);
    });

    it("registers nothing but the stack itself", () => {
        const events = fs.readFileSync(file("events"), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as EngineEvent);
        const registered = events.flatMap((e) => (e.resourcePreEvent ? [e.resourcePreEvent.metadata.type] : []));
        assert.deepStrictEqual(registered.filter((t) => t !== "pulumi:pulumi:Stack"), []);
    });
});
