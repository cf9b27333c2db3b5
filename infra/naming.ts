/**
 * Resource names and tags: `[prefix]-[element]-[qualifier]-[az]`, so an owner's resources sort together in the console,
 * e.g. `mhson-subnet-public-2a`, `mhson-ec2-bastion-2a`, `mhson-sg-bastion`.
 */
import { Role, TagKeys, Tier } from "../policies/vocabulary";

/** `ap-northeast-2a` in `ap-northeast-2` -> `2a` (the short AZ that names carry). */
export function shortAz(az: string, region: string): string {
    const last = region.split("-").pop() ?? "";
    return az.startsWith(region) ? `${last}${az.slice(region.length)}` : az;
}

export function resourceName(prefix: string, element: string, ...qualifiers: (string | undefined)[]): string {
    return [prefix, element, ...qualifiers.filter((q): q is string => !!q)].join("-");
}

/** The per-resource tags; Project, Environment and ManagedBy come from the provider's defaultTags. */
export function tagsFor(name: string, extra: { tier?: Tier; role?: Role } = {}): Record<string, string> {
    const tags: Record<string, string> = { [TagKeys.Name]: name };
    if (extra.tier) tags[TagKeys.Tier] = extra.tier;
    if (extra.role) tags[TagKeys.Role] = extra.role;
    return tags;
}

export function defaultTags(project: string, environment: string): Record<string, string> {
    return { [TagKeys.Project]: project, [TagKeys.Environment]: environment, [TagKeys.ManagedBy]: "pulumi" };
}
