import * as assert from "assert";
import { readdirSync } from "fs";
import { buildScene, Scene, sceneOf } from "../../../offline/artifacts/diagram-scene";
import { networkOf } from "../../../offline/snapshot-network";
import { drawioXml } from "../../../offline/artifacts/drawio";
import { ResourceSnapshot, StackSnapshot } from "../../../offline/snapshot";
import { Drawing, readDrawing } from "../../../offline/diagram/drawio-geometry";
import { containmentProblems, crossingProblems, drawingProblems, labelProblems } from "../../../offline/diagram/drawing-checks";
import { runStack } from "../../helpers/mocks";
import { fixturePaths } from "./fixture-paths";
import { readSnapshotFile } from "../../../offline/readers";
import { CORPUS_DIR, fixtureSnapshot } from "../snapshot-fixtures";

/** The fixture network plus an internet-facing load balancer in front of web (our stacks have none yet). */
function withLoadBalancer(): StackSnapshot {
    const base = fixtureSnapshot();
    const urnOf = (name: string) => base.resources.find((r) => r.name === name)!.urn;
    const stackUrn = urnOf("vpc").replace(/aws:ec2\/vpc:Vpc::vpc$/, "");
    const extra = (type: string, name: string, inputs: Record<string, unknown>, deps: Record<string, string[]>): ResourceSnapshot => ({
        urn: `${stackUrn}${type}::${name}`, type, name, custom: true, id: `${name}-id`, inputs, outputs: { ...inputs, id: `${name}-id` },
        dependencies: Object.values(deps).flat(), propertyDependencies: deps,
    });
    const sg = extra("aws:ec2/securityGroup:SecurityGroup", "sg-lb", { name: "fx-sg-lb" }, { vpcId: [urnOf("vpc")] });
    const lb = extra("aws:lb/loadBalancer:LoadBalancer", "alb", { tags: { Name: "fx-alb" }, subnets: ["public-a-id"], securityGroups: ["sg-lb-id"] }, { subnets: [urnOf("public-a")], securityGroups: [sg.urn] });
    const rule = extra("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "lb-https", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", securityGroupId: "sg-lb-id" }, { securityGroupId: [sg.urn] });
    return { ...base, resources: [...base.resources, sg, lb, rule] };
}

/** The fixture's paths, plus the internet to the load balancer and the load balancer to web. */
function loadBalancerScene(): Scene {
    const snapshot = withLoadBalancer();
    const urn = (name: string) => ({ kind: "resource" as const, urn: snapshot.resources.find((r) => r.name === name)!.urn });
    return buildScene(networkOf(snapshot), [
        ...fixturePaths(snapshot),
        { from: { kind: "cidr", cidr: "0.0.0.0/0" }, to: urn("alb"), protocol: "tcp", fromPort: 443, toPort: 443 },
        { from: urn("alb"), to: urn("web"), protocol: "tcp", fromPort: 8080, toPort: 8080 },
    ]);
}

const cases: [string, () => Promise<Scene>][] = [
    ["dev", async () => sceneOf((await runStack("dev")).snapshot)],
    ["prod", async () => sceneOf((await runStack("prod")).snapshot)],
    ["dev, preview", async () => sceneOf((await runStack("dev", { preview: true })).snapshot)],
    ["dev, web behind a load balancer", async () => sceneOf((await runStack("dev", { settings: { webAccess: "alb" } })).snapshot)],
    ["the fixture with a load balancer", async () => loadBalancerScene()],
];

for (const [name, sceneFor] of cases) {
    describe(`network.drawio geometry: ${name}`, function () {
        this.timeout(120_000);
        let drawing: Drawing;
        const value = (id: string) => drawing.vertices.get(id)?.value ?? "";
        const find = (prefix: string) => [...drawing.vertices.values()].find((v) => v.value.startsWith(prefix));
        before(async () => {
            drawing = readDrawing(await drawioXml(await sceneFor(), name));
        });

        it("keeps every child inside its parent, with a margin and below the parent's title", () => {
            assert.deepStrictEqual(containmentProblems(drawing), []);
        });

        it("routes no arrow through a box that is not one of its ends (or a container of one)", () => {
            assert.ok(drawing.edges.length >= 2, "arrows drawn");
            assert.deepStrictEqual(crossingProblems(drawing), []);
        });

        it("overlaps no two labels, and runs no arrow through a label", () => {
            assert.deepStrictEqual(labelProblems(drawing), []);
        });

        it("draws every arrow orthogonally, from the border of its source to the border of its target", () => {
            for (const e of drawing.edges) {
                e.route.slice(1).forEach((q, i) => assert.ok(Math.abs(q.x - e.route[i].x) < 0.5 || Math.abs(q.y - e.route[i].y) < 0.5, `${e.id} segment ${i} is diagonal`));
                for (const [end, p] of [[e.source, e.route[0]], [e.target, e.route[e.route.length - 1]]] as const) {
                    const b = drawing.vertices.get(end)!.box;
                    const onBorder = (Math.abs(p.x - b.x) < 1 || Math.abs(p.x - b.x - b.width) < 1) && p.y >= b.y - 1 && p.y <= b.y + b.height + 1
                        || (Math.abs(p.y - b.y) < 1 || Math.abs(p.y - b.y - b.height) < 1) && p.x >= b.x - 1 && p.x <= b.x + b.width + 1;
                    assert.ok(onBorder, `${e.id} does not end on the border of ${end}`);
                }
            }
        });

        it("puts the internet outside the VPC and the gateways, endpoints and load balancers inside it", () => {
            const vpc = find("VPC ")!;
            const internet = find("Internet<br>0.0.0.0/0")!;
            assert.strictEqual(internet.parent, "1");
            assert.ok(internet.box.x + internet.box.width <= vpc.box.x || internet.box.y + internet.box.height <= vpc.box.y, "the internet is drawn outside the VPC");
            const inVpc = (prefix: string) => {
                const v = find(prefix);
                if (!v) return;
                let p = v.parent;
                while (p !== vpc.id && drawing.vertices.has(p)) p = drawing.vertices.get(p)!.parent;
                assert.strictEqual(p, vpc.id, `${prefix} is inside the VPC`);
            };
            if (name.includes("load balancer")) assert.ok(find("Load balancer (internet-facing)"), "the load balancer is drawn");
            if (name.startsWith("prod")) assert.ok(find("Instance Connect endpoint"), "prod's Instance Connect endpoint is drawn");
            for (const prefix of ["Internet gateway", "NAT gateway", "Instance Connect endpoint", "Load balancer"]) inVpc(prefix);
            const eice = find("Instance Connect endpoint");
            if (eice) assert.match(value(eice.parent), /-subnet-/, "the Instance Connect endpoint sits in its subnet");
        });
    });
}

describe("network.drawio geometry: every stack export of the shared corpus", function () {
    this.timeout(120_000);
    for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".json"))) {
        it(`${file}: children inside parents, no arrow through a box or a label, no overlapping labels`, async () => {
            const drawing = readDrawing(await drawioXml(sceneOf(readSnapshotFile(`${CORPUS_DIR}/${file}`).snapshot), file));
            assert.deepStrictEqual(drawingProblems(drawing), []);
        });
    }
});

describe("network.drawio geometry checks catch a broken drawing", () => {
    let clean: Drawing;
    before(async () => {
        const snapshot = fixtureSnapshot();
        clean = readDrawing(await drawioXml(buildScene(networkOf(snapshot), fixturePaths(snapshot)), "fx"));
        assert.deepStrictEqual(drawingProblems(clean), []);
    });
    const copy = (): Drawing => ({ ...clean, vertices: new Map([...clean.vertices].map(([k, v]) => [k, { ...v, box: { ...v.box } }])), edges: clean.edges.map((e) => ({ ...e, route: e.route.map((p) => ({ ...p })) })) });
    const host = (d: Drawing, prefix: string) => [...d.vertices.values()].find((v) => v.value.startsWith(prefix))!;

    it("a host touching its subnet's border", () => {
        const d = copy();
        const web = host(d, "fx-ec2-web-2a");
        web.box.x = d.vertices.get(web.parent)!.box.x + 2;
        assert.match(containmentProblems(d).join("\n"), new RegExp(`${web.id} is not inside ${web.parent}`));
    });

    it("a host covering its subnet's title", () => {
        const d = copy();
        const web = host(d, "fx-ec2-web-2a");
        web.box.y = d.vertices.get(web.parent)!.title!.y + 5;
        assert.match(containmentProblems(d).join("\n"), /covers the title/);
    });

    it("an arrow through a host that is not its end", () => {
        const d = copy();
        const bastion = host(d, "fx-ec2-bastion-2c");
        const edge = d.edges.find((e) => e.source !== bastion.id && e.target !== bastion.id)!;
        const c = { x: bastion.box.x + bastion.box.width / 2, y: bastion.box.y + bastion.box.height / 2 };
        edge.route.splice(1, 0, { x: edge.route[0].x, y: c.y }, { x: c.x, y: c.y }, { x: c.x, y: edge.route[0].y });
        assert.match(crossingProblems(d).join("\n"), new RegExp(`${edge.id} .* runs through ${bastion.id}`));
    });

    it("an arrow label on top of a host", () => {
        const d = copy();
        const edge = d.edges.find((e) => e.label)!;
        const web = host(d, "fx-ec2-web-2a");
        edge.label = { ...edge.label!, x: web.box.x + 4, y: web.box.y + 4 };
        assert.match(labelProblems(d).join("\n"), new RegExp(`${edge.id} label overlaps|overlaps ${edge.id} label`));
    });
});
