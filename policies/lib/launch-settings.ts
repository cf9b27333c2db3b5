/**
 * What a host inherits at launch: the launch template an instance, spot request or auto scaling
 * group names (by id or name, through `propertyDependencies` during a preview), and that template's
 * primary network interface — the settings a host takes when it does not set them itself.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AwsTypes } from "../model";
import { asBoolean, asInteger, asList, asObject, asString } from "./shape";
import { StackIndex, findById, ofType } from "./stack-index";
import { Maybe, read } from "./unknowns";

export type Found = { kind: "none" } | { kind: "found"; resource: PolicyResource } | { kind: "external" } | { kind: "unknown"; error: Error };

const known = <T>(value: T): Maybe<T> => ({ known: true, value });

/** A template named by `spec.id` / `spec.name` (or `launchTemplateId` / `launchTemplateName`), dependencies under `depProp`. */
function templateBySpec(index: StackIndex, holder: PolicyResource, depProp: string, spec: Maybe<unknown>, idKey: string, nameKey: string): Found {
    const deps = (holder.propertyDependencies?.[depProp] ?? []).filter((d) => d.type === AwsTypes.LaunchTemplate);
    if (deps.length === 1) return { kind: "found", resource: deps[0] };
    if (!spec.known) return { kind: "unknown", error: spec.error };
    const obj = asObject(spec.value);
    if (!obj) return { kind: "none" };
    const id = read(() => asString(obj[idKey]));
    const name = read(() => asString(obj[nameKey]));
    if (id.known && id.value) {
        const hit = findById(index, id.value, [AwsTypes.LaunchTemplate]);
        if (hit) return { kind: "found", resource: hit };
    }
    if (name.known && name.value) {
        const hit = ofType(index, AwsTypes.LaunchTemplate).find((t) => { const n = read(() => t.props.name); return n.known && n.value === name.value; });
        if (hit) return { kind: "found", resource: hit };
    }
    if (!id.known) return { kind: "unknown", error: id.error };
    if (!name.known) return { kind: "unknown", error: name.error };
    return (id.value || name.value) ? { kind: "external" } : { kind: "none" };
}

/** The launch template an instance, spot request or auto scaling group launches from. */
export function launchTemplateOf(index: StackIndex, host: PolicyResource): Found {
    const direct = templateBySpec(index, host, "launchTemplate", read(() => host.props.launchTemplate), "id", "name");
    if (direct.kind !== "none" || host.type !== AwsTypes.AutoscalingGroup) return direct;
    const spec = read(() => asObject(asObject(asObject(host.props.mixedInstancesPolicy)?.launchTemplate)?.launchTemplateSpecification));
    return templateBySpec(index, host, "mixedInstancesPolicy", spec, "launchTemplateId", "launchTemplateName");
}

/** The template's primary interface (device index 0, or the first one): `undefined` when it has none. */
export function primaryTemplateNic(lt: PolicyResource): Maybe<Record<string, unknown> | undefined> {
    const nics = read(() => asList(lt.props.networkInterfaces));
    if (!nics.known) return nics;
    for (const n of nics.value) {
        const idx = read(() => asInteger(asObject(n)?.deviceIndex));
        if (!idx.known) return idx;
        if (idx.value === undefined || idx.value === 0) return known(asObject(n));
    }
    return known(undefined);
}

/** Does the template's primary interface associate a public IP? `undefined` when it does not say. */
export function templateAssociatesPublicIp(lt: PolicyResource): Maybe<boolean | undefined> {
    const nic = primaryTemplateNic(lt);
    if (!nic.known) return nic;
    if (!nic.value) return known(undefined);
    const v = read(() => nic.value!.associatePublicIpAddress);
    return v.known ? known(asBoolean(v.value)) : v;
}

/** Does a launch configuration associate a public IP? */
export function launchConfigurationPublicIp(index: StackIndex, group: PolicyResource): Maybe<boolean | undefined> {
    const deps = (group.propertyDependencies?.launchConfiguration ?? []).filter((d) => d.type === AwsTypes.LaunchConfiguration);
    const ref = read(() => asString(group.props.launchConfiguration));
    let lc = deps.length === 1 ? deps[0] : undefined;
    if (!lc && ref.known && ref.value) {
        lc = findById(index, ref.value, [AwsTypes.LaunchConfiguration])
            ?? ofType(index, AwsTypes.LaunchConfiguration).find((c) => { const n = read(() => c.props.name); return n.known && n.value === ref.value; });
    }
    if (!lc) return ref.known ? known(undefined) : ref;
    const v = read(() => lc!.props.associatePublicIpAddress);
    return v.known ? known(asBoolean(v.value)) : v;
}

/** The network interface an instance launches with as its primary one (`networkInterfaces` index 0 or `primaryNetworkInterface`). */
export function primaryEniOf(index: StackIndex, host: PolicyResource): Found {
    const primary = read(() => asObject(host.props.primaryNetworkInterface)?.networkInterfaceId);
    const list = read(() => asList(host.props.networkInterfaces));
    let value: Maybe<unknown> = known(undefined);
    let depProp = "primaryNetworkInterface";
    if (!primary.known || primary.value) value = primary;
    else if (!list.known) value = list;
    else {
        depProp = "networkInterfaces";
        for (const n of list.value) {
            const idx = read(() => asInteger(asObject(n)?.deviceIndex));
            if (!idx.known || idx.value === 0) {
                value = idx.known ? read(() => asObject(n)?.networkInterfaceId) : idx;
                break;
            }
        }
    }
    if (value.known && (value.value === undefined || value.value === null || value.value === "")) return { kind: "none" };
    const deps = (host.propertyDependencies?.[depProp] ?? []).filter((d) => d.type === AwsTypes.NetworkInterface);
    if (value.known && typeof value.value === "string") {
        const hit = findById(index, value.value, [AwsTypes.NetworkInterface]);
        if (hit) return { kind: "found", resource: hit };
        return deps.length === 1 ? { kind: "found", resource: deps[0] } : { kind: "external" };
    }
    if (deps.length === 1) return { kind: "found", resource: deps[0] };
    return value.known ? { kind: "none" } : { kind: "unknown", error: value.error };
}
