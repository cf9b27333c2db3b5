import { Scene, SceneNode } from "./diagram-scene";

export interface Box { x: number; y: number; width: number; height: number }

const COL = 300;
const HOST = { w: 240, h: 56, gap: 14 };
const PAD = 20;
const HEADER = 40;

/**
 * Positions every node: external sources in a row above, VPCs stacked below with one column per AZ,
 * subnets stacked in their column, hosts and NATs stacked in their subnet, the internet gateway on
 * the VPC's top edge. Geometry is relative to the parent, as draw.io expects inside containers.
 */
export function layout(scene: Scene): Map<string, Box> {
    const boxes = new Map<string, Box>();
    const childrenOf = (id: string | undefined, kinds?: SceneNode["kind"][]) =>
        scene.nodes.filter((n) => n.parent === id && (!kinds || kinds.includes(n.kind)));

    const leafHeight = (subnet: string) => {
        const leaves = childrenOf(subnet, ["host", "nat"]).length;
        return HEADER + Math.max(1, leaves) * (HOST.h + HOST.gap) + 10;
    };
    const placeLeaves = (parent: string) =>
        childrenOf(parent, ["host", "nat", "sg"]).forEach((n, i) => {
            const y = HEADER + i * (HOST.h + HOST.gap);
            boxes.set(n.id, n.kind === "nat" ? { x: PAD + 90, y, width: 40, height: 40 } : { x: PAD, y, width: HOST.w, height: HOST.h });
        });

    scene.nodes.filter((n) => n.kind === "external").forEach((n, i) => boxes.set(n.id, { x: 40 + i * 220, y: 10, width: 160, height: 80 }));

    let y = 170;
    for (const vpc of childrenOf(undefined, ["vpc", "outside"])) {
        let height = HEADER;
        let width = COL;
        if (vpc.kind === "outside") {
            const leaves = childrenOf(vpc.id, ["host"]).length;
            placeLeaves(vpc.id);
            height = HEADER + leaves * (HOST.h + HOST.gap) + PAD;
        } else {
            const azs = childrenOf(vpc.id, ["az"]);
            azs.forEach((az, i) => {
                let sy = HEADER;
                for (const subnet of childrenOf(az.id, ["subnet"])) {
                    const h = leafHeight(subnet.id);
                    boxes.set(subnet.id, { x: 10, y: sy, width: COL - 40, height: h });
                    placeLeaves(subnet.id);
                    sy += h + 16;
                }
                boxes.set(az.id, { x: PAD + i * (COL + PAD), y: 50, width: COL - 20, height: sy + 10 });
                height = Math.max(height, 50 + sy + 10);
            });
            width = Math.max(COL, PAD + azs.length * (COL + PAD));
            const loose = childrenOf(vpc.id, ["sg", "nat"]);
            loose.forEach((n, i) => boxes.set(n.id, { x: PAD + i * (HOST.w + PAD), y: height + PAD, width: n.kind === "nat" ? 40 : HOST.w, height: n.kind === "nat" ? 40 : HOST.h }));
            if (loose.length > 0) {
                height += PAD + HOST.h + PAD;
                width = Math.max(width, PAD + loose.length * (HOST.w + PAD));
            }
            childrenOf(vpc.id, ["igw"]).forEach((n, i) => boxes.set(n.id, { x: width / 2 - 20 + i * 80, y: -20, width: 40, height: 40 }));
            height += PAD;
        }
        boxes.set(vpc.id, { x: 40, y, width, height });
        y += height + 60;
    }
    return boxes;
}
