/** Snapshots changed the way a careless edit would change them, for the twin to catch. */
import { StackSnapshot } from "../../offline/snapshot";

/** Web's SSH rule pointed at the world: `cidrIpv4 0.0.0.0/0` instead of the bastion's group. */
export function webSshFromWorld(snapshot: StackSnapshot): StackSnapshot {
    let changed = 0;
    const resources = snapshot.resources.map((r) => {
        if (!/sgr-web-22-from-bastion$/.test(r.name)) return r;
        changed++;
        const strip = (o: Record<string, unknown>) => {
            const copy: Record<string, unknown> = { ...o, cidrIpv4: "0.0.0.0/0", description: "SSH from anywhere" };
            delete copy.referencedSecurityGroupId;
            return copy;
        };
        const deps = { ...r.propertyDependencies };
        delete deps.referencedSecurityGroupId;
        return { ...r, inputs: strip(r.inputs), outputs: strip(r.outputs), propertyDependencies: deps };
    });
    if (changed !== 1) throw new Error(`expected one web SSH rule to mutate, found ${changed}`);
    return { ...snapshot, resources };
}
