/**
 * A value built once per stack analysis: shared by the stack policies of one AnalyzeStack request (served by
 * @pulumi/policy's own server over real gRPC) and of one harness run, never by the next request or run even
 * when its URNs are the same and only the values differ (`pulumi up`: a preview, then the update).
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { runPolicyPack } from "../../../offline/harness";
import type { ResourceSnapshot, StackSnapshot } from "../../../offline/snapshot";
import { oncePerStack } from "../../../policies/model/once-per-stack";

/* eslint-disable @typescript-eslint/no-require-imports -- the server's internals and its own gRPC, as the CLI reaches them */
const serverPath = require.resolve("@pulumi/policy/server");
const fromServer = (id: string) => require(require.resolve(id, { paths: [path.dirname(serverPath)] }));
const policyServer = require(serverPath) as {
    makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: StackValidationPolicy[]): unknown;
};
const grpc = fromServer("@grpc/grpc-js");
const analyzerRpc = fromServer("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerPb = fromServer("@pulumi/pulumi/proto/analyzer_pb");
const structPb = fromServer("google-protobuf/google/protobuf/struct_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

interface Model { marks: string[] }

/** Stack rules that each ask for the shared value and report what it holds. */
function rulesSharing(purpose: string, built: { count: number }, seen: Model[]): StackValidationPolicy[] {
    const rule = (name: string): StackValidationPolicy => ({
        name,
        description: `${name} reads the shared value`,
        enforcementLevel: "advisory",
        validateStack: (args, report) => {
            const model = oncePerStack(args.resources, purpose, () => {
                built.count++;
                return { marks: args.resources.map((r: PolicyResource) => String(r.props.mark)) };
            });
            seen.push(model);
            report(`marks ${model.marks.join(",")}`);
        },
    });
    return [rule("first"), rule("second"), rule("third")];
}

const URNS = ["urn:pulumi:dev::bastion-network::aws:ec2/vpc:Vpc::main", "urn:pulumi:dev::bastion-network::aws:ec2/subnet:Subnet::app-a"];

describe("oncePerStack", () => {
    describe("under @pulumi/policy's analyzer server, over gRPC", () => {
        let server: { tryShutdown(cb: () => void): void };
        let client: { analyzeStack(req: unknown, cb: (err: Error | null, res: unknown) => void): void; close(): void };
        const built = { count: 0 };
        const seen: Model[] = [];

        before(async () => {
            const handler = policyServer.makeAnalyzeStackRpcFun("spec-pack", "0.0.1", "advisory", rulesSharing("spec-grpc", built, seen));
            server = new grpc.Server();
            (server as unknown as { addService(s: unknown, impl: unknown): void }).addService(analyzerRpc.AnalyzerService, { analyzeStack: handler });
            const port = await new Promise<number>((resolve, reject) =>
                (server as unknown as { bindAsync(a: string, c: unknown, cb: (e: Error | null, p: number) => void): void })
                    .bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
            client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        });
        after(() => {
            client?.close();
            server?.tryShutdown(() => undefined);
        });

        function analyzeStack(mark: string): Promise<string[]> {
            const req = new analyzerPb.AnalyzeStackRequest();
            req.setResourcesList(URNS.map((urn) => {
                const r = new analyzerPb.AnalyzerResource();
                r.setUrn(urn);
                r.setType(urn.split("::")[2]);
                r.setName(urn.split("::")[3]);
                r.setProperties(structPb.Struct.fromJavaScript({ mark }));
                r.setOptions(new analyzerPb.AnalyzerResourceOptions());
                return r;
            }));
            return new Promise((resolve, reject) => client.analyzeStack(req, (err, res) => {
                if (err) return reject(err);
                resolve((res as { getDiagnosticsList(): { getMessage(): string }[] }).getDiagnosticsList().map((d) => d.getMessage()));
            }));
        }

        it("one request: built once, the same value for every stack policy", async () => {
            const before = built.count;
            const messages = await analyzeStack("preview");
            assert.equal(built.count - before, 1);
            assert.equal(messages.length, 3);
            for (const m of messages) assert.match(m, /marks preview,preview$/);
            const [a, b, c] = seen.slice(-3);
            assert.ok(a === b && b === c);
        });

        it("the next request with the same URNs and other values (`pulumi up` after its preview): built again", async () => {
            await analyzeStack("preview");
            const before = built.count;
            const messages = await analyzeStack("update");
            assert.equal(built.count - before, 1);
            for (const m of messages) assert.match(m, /marks update,update$/);
            assert.notEqual(seen.at(-1), seen.at(-4));
        });
    });

    describe("under the offline harness", () => {
        // Built here rather than through the pack's test helpers, which load the whole pack.
        const stackWith = (mark: string): StackSnapshot => ({
            project: "bastion-network",
            stack: "dev",
            source: "offline-update",
            resources: URNS.map((urn): ResourceSnapshot => ({
                urn, type: urn.split("::")[2], name: urn.split("::")[3], custom: true,
                inputs: { mark }, outputs: { mark }, dependencies: [], propertyDependencies: {},
            })),
        });

        it("one run: built once for all its stack policies; the next run, same URNs, other values: built again", async () => {
            const built = { count: 0 };
            const seen: Model[] = [];
            const pack = { name: "spec-pack", version: "0.0.1", policies: rulesSharing("spec-harness", built, seen) };
            // Back to back, with nothing but awaits between: the harness itself must keep the runs apart.
            const first = await runPolicyPack(pack, stackWith("preview"));
            const second = await runPolicyPack(pack, stackWith("update"));
            assert.equal(built.count, 2);
            assert.deepEqual(first.violations.map((v) => v.message.split("\n").at(-1)), ["marks preview,preview", "marks preview,preview", "marks preview,preview"]);
            assert.deepEqual(second.violations.map((v) => v.message.split("\n").at(-1)), ["marks update,update", "marks update,update", "marks update,update"]);
            assert.ok(seen[0] === seen[2] && seen[3] === seen[5] && seen[0] !== seen[3]);
        });
    });

    describe("keys", () => {
        const list = (...names: string[]) => names.map((n) => ({ urn: `urn:pulumi:dev::bastion-network::aws:ec2/vpc:Vpc::${n}` }));

        it("the same turn, the same purpose: shared only by the same URN list, in the same order", () => {
            let n = 0;
            const build = () => ++n;
            assert.equal(oncePerStack(list("a", "b"), "spec-keys", build), 1);
            assert.equal(oncePerStack(list("a", "b"), "spec-keys", build), 1);
            assert.equal(oncePerStack(list("b", "a"), "spec-keys", build), 2);
            assert.equal(oncePerStack(list("a"), "spec-keys", build), 3);
            assert.equal(oncePerStack(list("a", "b", "c"), "spec-keys", build), 4);
            assert.equal(oncePerStack(list("a", "b"), "spec-keys", build), 1, "earlier lists of the turn are still found");
        });

        it("a turn keeps the last four URN lists of a purpose: asking per resource never grows a search", () => {
            let n = 0;
            const build = () => ++n;
            for (const name of ["a", "b", "c", "d", "e"]) oncePerStack(list(name), "spec-bound", build);
            assert.equal(oncePerStack(list("e"), "spec-bound", build), 5);
            assert.equal(oncePerStack(list("b"), "spec-bound", build), 2);
            assert.equal(oncePerStack(list("a"), "spec-bound", build), 6, "the oldest was dropped");
        });

        it("another purpose on the same resources is built on its own", () => {
            const resources = list("a", "b");
            assert.equal(oncePerStack(resources, "spec-purpose-1", () => "one"), "one");
            assert.equal(oncePerStack(resources, "spec-purpose-2", () => "two"), "two");
        });

        it("a later turn of the event loop builds again", async () => {
            let n = 0;
            const build = () => ++n;
            assert.equal(oncePerStack(list("a"), "spec-turns", build), 1);
            await Promise.resolve();
            assert.equal(oncePerStack(list("a"), "spec-turns", build), 1, "microtasks are the same turn");
            await new Promise((resolve) => setImmediate(resolve));
            assert.equal(oncePerStack(list("a"), "spec-turns", build), 2);
        });

        it("a build that throws leaves nothing behind", () => {
            assert.throws(() => oncePerStack(list("x"), "spec-throws", () => { throw new Error("unreadable"); }), /unreadable/);
            assert.equal(oncePerStack(list("x"), "spec-throws", () => "built"), "built");
        });
    });
});
