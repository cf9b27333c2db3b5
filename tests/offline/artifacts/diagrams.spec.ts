import * as assert from "assert";
import { XMLParser } from "fast-xml-parser";
import { buildScene, sceneOf } from "../../../offline/artifacts/diagram-scene";
import { networkOf } from "../../../offline/snapshot-network";
import { buildReachability } from "../../../policies/reachability";
import { runStack } from "../../helpers/mocks";
import { drawioXml } from "../../../offline/artifacts/drawio";
import { networkMarkdown } from "../../../offline/artifacts/network-md";
import { sshConfigText } from "../../../offline/artifacts/ssh-config";
import { subnetRows } from "../../../offline/report/subnet-rows";
import { fixturePaths } from "../diagram/fixture-paths";
import { fixtureSnapshot } from "../snapshot-fixtures";

interface Cell { "@_id": string; "@_value"?: string; "@_style"?: string; "@_parent"?: string; "@_vertex"?: string; "@_edge"?: string; "@_source"?: string; "@_target"?: string; mxGeometry?: object }

/** Parses a drawio file the way a reader of the format must: mxfile > diagram > mxGraphModel > root > mxCell. */
export function drawioCells(xml: string): Cell[] {
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "mxCell" }).parse(xml);
    return doc.mxfile.diagram.mxGraphModel.root.mxCell as Cell[];
}

describe("network.drawio", () => {
    const snapshot = fixtureSnapshot();
    let cells: Cell[] = [];
    let byId = new Map<string, Cell>();
    let values: string[] = [];
    before(async () => {
        cells = drawioCells(await drawioXml(buildScene(networkOf(snapshot), fixturePaths(snapshot)), "fx & <test>"));
        byId = new Map(cells.map((c) => [c["@_id"], c]));
        values = cells.map((c) => c["@_value"] ?? "");
    });

    it("is an mxfile with the root and layer cells, and unique ids", () => {
        assert.deepStrictEqual(cells.slice(0, 2).map((c) => c["@_id"]), ["0", "1"]);
        assert.strictEqual(byId.size, cells.length);
    });

    it("holds the VPC, both AZs, every subnet with its CIDR and every host with its private IP", () => {
        for (const text of ["VPC fx-vpc", "ap-northeast-2a", "ap-northeast-2c", "fx-subnet-public-2a<br>10.0.0.0/26", "fx-subnet-admin-2c<br>10.0.0.160/27", "fx-ec2-web-2a<br>private IP 10.0.0.10", "fx-ec2-bastion-2c<br>private IP 10.0.0.170", "Internet gateway<br>fx-igw", "NAT gateway<br>fx-nat"]) {
            assert.ok(values.some((v) => v.startsWith(text)), text);
        }
    });

    it("nests hosts in subnets in AZs in the VPC", () => {
        const parentChain = (id: string): string[] => {
            const p = byId.get(id)?.["@_parent"];
            return p && p !== "1" && p !== "0" ? [p, ...parentChain(p)] : [];
        };
        const web = cells.find((c) => c["@_value"]?.startsWith("fx-ec2-web-2a"))!;
        const chain = parentChain(web["@_id"]).map((id) => byId.get(id)!["@_value"]!.split("<br>")[0]);
        assert.deepStrictEqual(chain, ["fx-subnet-public-2a", "ap-northeast-2a", "VPC fx-vpc"]);
    });

    it("draws an arrow for each allowed path, labelled with its protocol and port, between cells that exist", () => {
        const edges = cells.filter((c) => c["@_edge"] === "1");
        for (const e of edges) assert.ok(byId.has(e["@_source"]!) && byId.has(e["@_target"]!) && e.mxGeometry, e["@_id"]);
        const label = (from: string, to: string) =>
            edges.find((e) => byId.get(e["@_source"]!)!["@_value"]!.startsWith(from) && byId.get(e["@_target"]!)!["@_value"]!.startsWith(to))?.["@_value"];
        assert.strictEqual(label("fx-ec2-bastion-2c", "fx-ec2-web-2a"), "tcp 22<br>tcp 8080", "one arrow, every port it carries, in port order");
        assert.strictEqual(label("Internet", "fx-ec2-web-2a"), "tcp 8080?", "an unknown path is marked");
        assert.match(edges.find((e) => e["@_value"] === "tcp 8080?")!["@_style"]!, /dashed=1/);
        assert.strictEqual(label("Operator / range<br>203.0.113.10/32", "fx-ec2-bastion-2c"), "tcp 22");
        assert.strictEqual(label("fx-ec2-web-2a", "fx-ec2-bastion-2c"), undefined, "no path, no arrow");
    });
});

describe("the diagram's arrows on the dev stack are the reachability model's", function () {
    this.timeout(120_000);
    it("draws every path that gets through, and none that does not", async () => {
        const snapshot = (await runStack("dev")).snapshot;
        const scene = sceneOf(snapshot);
        const name = (id: string) => scene.nodes.find((n) => n.id === id)!.lines[0];
        const ports = (from: string, to: string) =>
            scene.edges.filter((e) => e.kind === "admit" && name(e.from).startsWith(from) && name(e.to).startsWith(to)).flatMap((e) => e.label.split("\n"));
        // the expectations that hold in every web mode
        assert.deepStrictEqual(ports("Operator", "mhson-ec2-bastion"), ["tcp 22"]);
        assert.ok(ports("mhson-ec2-bastion", "mhson-ec2-web").includes("tcp 22"));
        assert.deepStrictEqual(ports("mhson-ec2-bastion", "mhson-ec2-db"), ["tcp 22"], "the bastion reaches db on 22, not 3306");
        assert.deepStrictEqual(ports("mhson-ec2-web", "mhson-ec2-db"), ["tcp 3306"]);
        assert.deepStrictEqual(ports("Internet", "mhson-ec2-db"), []);
        assert.deepStrictEqual(ports("mhson-ec2-web", "mhson-ec2-bastion"), []);
        // and one label line per `yes` row of the model, nothing for `no` rows
        const yes = buildReachability(snapshot).rows.filter((r) => r.verdict === "yes").length;
        assert.strictEqual(scene.edges.filter((e) => e.kind === "admit").flatMap((e) => e.label.split("\n")).length, yes);
    });
});

describe("the diagram of the dev stack in a preview (gateway ids unknown)", function () {
    this.timeout(120_000);
    it("still routes the internal subnet through the NAT gateway and the public and admin ones through the internet gateway", async () => {
        const scene = sceneOf((await runStack("dev", { preview: true })).snapshot);
        const subnet = (tier: string) => scene.nodes.find((n) => n.kind === "subnet" && n.tier === tier)!;
        const via = (tier: string) => scene.edges.filter((e) => e.kind === "route" && e.from === subnet(tier).id).map((e) => scene.nodes.find((n) => n.id === e.to)!.kind);
        assert.deepStrictEqual([via("internal"), via("admin"), via("public")], [["nat"], ["igw"], ["igw"]]);
        assert.ok(subnet("internal").lines.includes("0.0.0.0/0 → NAT gateway"), subnet("internal").lines.join(" / "));
    });
});

describe("network.md", () => {
    const snapshot = fixtureSnapshot();
    const md = networkMarkdown(buildScene(networkOf(snapshot), fixturePaths(snapshot)), subnetRows(snapshot, {}), "fx");

    it("has a Mermaid flowchart with subgraphs and labelled arrows", () => {
        assert.match(md, /```mermaid\nflowchart TB\n/);
        assert.match(md, /subgraph vpc0\["VPC fx-vpc<br\/>10\.0\.0\.0\/24"\]/);
        assert.match(md, /host1 -->\|"tcp 22<br\/>tcp 8080"\| host0/);
        assert.strictEqual(md.match(/^\s*subgraph /gm)?.length, md.match(/^\s*end$/gm)?.length);
    });

    it("ends with the subnet table", () => {
        assert.match(md, /\| fx-subnet-public-2a \| public \| ap-northeast-2a \| 10\.0\.0\.0\/26 \| 59 \|\n/);
    });
});

describe("ssh_config", () => {
    it("is the sshConfig output, or a comment saying why there is none", () => {
        assert.strictEqual(sshConfigText({ sshConfig: "Host a\n    HostName 10.0.0.1" }, "dev"), "Host a\n    HostName 10.0.0.1\n");
        assert.match(sshConfigText({ sshConfig: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, "dev"), /^# .*not known until the update/);
        assert.match(sshConfigText({}, "dev"), /^# .*not an output of this stack/);
    });
});
