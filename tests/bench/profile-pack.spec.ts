/**
 * The profile breakdown puts each sample where the README says it goes: the analyzer RPC it ran under (found in
 * the real @pulumi/policy server.js), decoding including protobuf's Struct.toJavaScript under it, start-up by the
 * package being loaded, idle time left out of busy.
 */
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { secondsIn, summarizeProfile } from "../../bench/profile-pack";

const POLICY = join(__dirname, "..", "..", "policies", "node_modules", "@pulumi", "policy");
const SERVER = `file://${POLICY}/server.js`;
/** 0-based, as profiles count: the line inside a factory where its handler's generator lives. */
const lineIn = (factory: string) => readFileSync(`${POLICY}/server.js`, "utf8").split("\n").findIndex((l) => l.startsWith(`function ${factory}(`)) + 3;

interface Frame { functionName: string; url: string; lineNumber: number }
const frame = (functionName: string, url: string, lineNumber = 0): Frame => ({ functionName, url, lineNumber });

/** A profile whose samples are the given stacks (root first), each lasting `ms`. */
function profileOf(stacks: [Frame[], number][]): string {
    const nodes: { id: number; callFrame: Frame; children: number[] }[] = [{ id: 1, callFrame: frame("(root)", ""), children: [] }];
    const samples: number[] = [];
    const timeDeltas: number[] = [];
    for (const [stack, ms] of stacks) {
        let at = nodes[0];
        for (const f of stack) {
            let next = at.children.map((c) => nodes[c - 1]).find((n) => JSON.stringify(n.callFrame) === JSON.stringify(f));
            if (!next) {
                next = { id: nodes.length + 1, callFrame: f, children: [] };
                nodes.push(next);
                at.children.push(next.id);
            }
            at = next;
        }
        samples.push(at.id);
        timeDeltas.push(ms * 1000);
    }
    const file = join(mkdtempSync(join(tmpdir(), "profile-spec-")), "pack.cpuprofile");
    writeFileSync(file, JSON.stringify({ nodes, samples, timeDeltas, startTime: 0, endTime: 1e6 }));
    return file;
}

describe("bench/profile-pack: where a pack's process spends its time", () => {
    const stackRpc = frame("", SERVER, lineIn("makeAnalyzeStackRpcFun"));
    const analyzeRpc = frame("", SERVER, lineIn("makeAnalyzeRpcFun"));
    const decode = frame("deserializeProperties", `file://${POLICY}/deserialize.js`, 34);
    const toJs = frame("proto.google.protobuf.Value.toJavaScript", "file:///x/node_modules/google-protobuf/google/protobuf/struct_pb.js", 833);
    const rule = frame("validateStack", "file:///tmp/pack/bin/rules/ssh-only-from-bastion.js", 90);
    const model = frame("buildNetworkModel", "file:///tmp/pack/bin/model/index.js", 10);
    const loader = frame("Module._load", "node:internal/modules/cjs/loader", 1000);
    const b = summarizeProfile(profileOf([
        [[analyzeRpc, decode, toJs], 5],
        [[stackRpc, decode, toJs], 7],
        [[stackRpc, rule, model], 11],
        [[stackRpc, rule], 13],
        [[frame("", "file:///x/node_modules/@pulumi/policy/index.js"), loader, frame("wrapSafe", "node:internal/modules/cjs/loader", 1421)], 17],
        [[frame("(idle)", "")], 100],
        [[frame("(garbage collector)", "")], 19],
    ]));

    it("decoding, protobuf's part included, counted under the RPC that did it", () => {
        assert.equal(secondsIn(b, "SDK: deserializeProperties", "Analyze"), 0.005);
        assert.equal(secondsIn(b, "SDK: deserializeProperties", "AnalyzeStack"), 0.007);
        assert.equal(secondsIn(b, "protobuf"), 0);
    });

    it("the pack's model and rules apart, by the innermost frame of either", () => {
        assert.equal(secondsIn(b, "pack: model", "AnalyzeStack"), 0.011);
        assert.equal(secondsIn(b, "pack: rules", "AnalyzeStack"), 0.013);
    });

    it("start-up by the package being loaded; GC on its own; idle out of busy", () => {
        assert.equal(secondsIn(b, "loading @pulumi/policy", "start-up (loading modules)"), 0.017);
        assert.equal(secondsIn(b, "GC"), 0.019);
        assert.equal(Math.round(b.busySeconds * 1000), 5 + 7 + 11 + 13 + 17 + 19);
    });
});
