import { AllowedPath } from "../../../offline/diagram/allowed-paths";
import { StackSnapshot } from "../../../offline/snapshot";

/** The fixture's paths as a reachability result would give them (the fixture itself has no egress rules or public addresses). */
export function fixturePaths(snapshot: StackSnapshot): AllowedPath[] {
    const urn = (name: string) => ({ kind: "resource" as const, urn: snapshot.resources.find((r) => r.name === name)!.urn });
    const tcp = (port: number) => ({ protocol: "tcp", fromPort: port, toPort: port });
    return [
        { from: { kind: "cidr", cidr: "203.0.113.10/32" }, to: urn("bastion"), ...tcp(22) },
        { from: urn("bastion"), to: urn("web"), ...tcp(8080) },
        { from: urn("bastion"), to: urn("web"), ...tcp(22) },
        { from: { kind: "cidr", cidr: "0.0.0.0/0" }, to: urn("web"), ...tcp(8080), unknown: true },
    ];
}
