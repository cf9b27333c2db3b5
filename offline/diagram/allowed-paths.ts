/** One end of a path: a resource of the snapshot, or an address range / prefix list outside it. */
export type PathEnd = { kind: "resource"; urn: string } | { kind: "cidr"; cidr: string } | { kind: "external"; label: string };

/** Traffic the network lets through: the diagram draws one arrow for each. */
export interface AllowedPath {
    from: PathEnd;
    to: PathEnd;
    protocol: string;
    fromPort?: number;
    toPort?: number;
    /** True when whether it gets through is not known yet (a preview): drawn dashed. */
    unknown?: boolean;
    /** Drawn against a base snapshot: a path the change opens (`added`) or closes (`removed`). */
    change?: "added" | "removed";
}
