/**
 * What a host inherits at launch: the launch template an instance, spot request or auto scaling group
 * names (by id or name, through `propertyDependencies` during a preview) and its primary network
 * interface; the launch configuration of an auto scaling group; the interface an instance launches
 * with as its primary one.
 */
import { AwsTypes, SECURITY_GROUP_TYPES } from "./aws-types";
import { ModelContext, noLink } from "./context";
import { prop, readString, readValue } from "./resource-index";
import { ModelResource } from "./snapshot";
import { LaunchConfiguration, LaunchTemplate, Link, TemplateInterface } from "./types";
import { Read, UNK, bool, known, list, num, record, str, unknown } from "./wire";

const found = (r: ModelResource): Link => ({ urns: [r.urn], external: [], unknown: false });
const unknownLink: Link = { urns: [], external: [], unknown: true };

/** A template or configuration named by id or name, within `types`. */
function byIdOrName(c: ModelContext, id: string | undefined, name: string | undefined, type: string): ModelResource | undefined {
    if (id) {
        const hit = c.idx.withId(id, [type]);
        if (hit) return hit;
    }
    if (name) return c.idx.ofType(type).find((t) => str(prop(t, "name")) === name);
    return undefined;
}

/** A template named by `spec[idKey]` / `spec[nameKey]`, dependencies under `depProp`. */
function templateBySpec(c: ModelContext, holder: ModelResource, depProp: string, spec: unknown, idKey: string, nameKey: string): Link {
    const deps = c.idx.dependencies(holder, depProp, [AwsTypes.LaunchTemplate]);
    if (deps.length === 1) return found(deps[0]);
    const obj = record(spec);
    if (obj === UNK) return unknownLink;
    const id = str(obj[idKey]);
    const name = str(obj[nameKey]);
    const hit = byIdOrName(c, typeof id === "string" ? id : undefined, typeof name === "string" ? name : undefined, AwsTypes.LaunchTemplate);
    if (hit) return found(hit);
    if (id === UNK || name === UNK) return unknownLink;
    const named = id ?? name;
    return named ? { urns: [], external: [named], unknown: false } : noLink;
}

/** The launch template an instance, spot request or auto scaling group launches from (empty link: none). */
export function launchTemplateOf(c: ModelContext, host: ModelResource): Link {
    const direct = templateBySpec(c, host, "launchTemplate", prop(host, "launchTemplate"), "id", "name");
    if (direct.urns.length > 0 || direct.external.length > 0 || direct.unknown || host.type !== AwsTypes.AutoscalingGroup) return direct;
    const mixed = record(prop(host, "mixedInstancesPolicy"));
    const lt = mixed === UNK ? UNK : record(mixed.launchTemplate);
    const spec = lt === UNK ? UNK : record(lt.launchTemplateSpecification);
    return templateBySpec(c, host, "mixedInstancesPolicy", spec, "launchTemplateId", "launchTemplateName");
}

/** The launch configuration of an auto scaling group (empty link: none). */
export function launchConfigurationOf(c: ModelContext, group: ModelResource): Link {
    const deps = c.idx.dependencies(group, "launchConfiguration", [AwsTypes.LaunchConfiguration]);
    if (deps.length === 1) return found(deps[0]);
    const ref = str(prop(group, "launchConfiguration"));
    if (ref === UNK) return unknownLink;
    if (ref === undefined) return noLink;
    const hit = byIdOrName(c, ref, ref, AwsTypes.LaunchConfiguration);
    return hit ? found(hit) : { urns: [], external: [ref], unknown: false };
}

/** The interface an instance launches with as its primary one (`primaryNetworkInterface`, else `networkInterfaces` device 0). */
export function primaryInterfaceOf(c: ModelContext, host: ModelResource): Link {
    const primary = record(prop(host, "primaryNetworkInterface"));
    const primaryId = primary === UNK ? UNK : str(primary.networkInterfaceId);
    let value: unknown = undefined;
    let depProp = "primaryNetworkInterface";
    if (primaryId !== undefined) value = primaryId;
    else {
        const nics = list(prop(host, "networkInterfaces"));
        if (nics === UNK) value = UNK;
        else {
            depProp = "networkInterfaces";
            for (const n of nics) {
                const f = record(n);
                const idx = f === UNK ? UNK : num(f.deviceIndex);
                if (idx === UNK || idx === 0) {
                    value = idx === UNK || f === UNK ? UNK : str(f.networkInterfaceId);
                    break;
                }
            }
        }
    }
    const deps = c.idx.dependencies(host, depProp, [AwsTypes.NetworkInterface]);
    if (typeof value === "string") {
        const hit = c.idx.withId(value, [AwsTypes.NetworkInterface]);
        if (hit) return found(hit);
        return deps.length === 1 ? found(deps[0]) : { urns: [], external: [value], unknown: false };
    }
    if (value === UNK) return deps.length === 1 ? found(deps[0]) : unknownLink;
    return noLink;
}

function templateInterface(c: ModelContext, lt: ModelResource, raw: unknown, index: number): TemplateInterface {
    const f = record(raw) as Record<string, unknown>;
    const at = (k: string) => ({ urn: lt.urn, path: ["networkInterfaces", String(index), k] });
    return {
        index,
        deviceIndex: readValue(f.deviceIndex, num, at("deviceIndex")),
        subnet: c.link(c.idx.resolve(lt, "networkInterfaces", f.subnetId, [AwsTypes.Subnet], true)),
        associatePublicIp: readValue(f.associatePublicIpAddress, bool, at("associatePublicIpAddress")),
        networkInterface: c.link(c.idx.resolve(lt, "networkInterfaces", f.networkInterfaceId, [AwsTypes.NetworkInterface], true)),
    };
}

export function readLaunchTemplate(c: ModelContext, lt: ModelResource): LaunchTemplate {
    const raw = list(prop(lt, "networkInterfaces"));
    let nics: Read<TemplateInterface[]>;
    let primary: Read<TemplateInterface | undefined>;
    if (raw === UNK) {
        nics = unknown("preview", { urn: lt.urn, path: ["networkInterfaces"] });
        primary = nics;
    } else {
        const blocks = raw.map((n, i) => ({ n, i })).filter(({ n }) => record(n) !== UNK);
        const all = blocks.map(({ n, i }) => templateInterface(c, lt, n, i));
        nics = blocks.length === raw.length ? known(all) : unknown("preview", { urn: lt.urn, path: ["networkInterfaces"] });
        primary = known(undefined);
        for (const nic of all) {
            if (!nic.deviceIndex.known) {
                primary = nic.deviceIndex;
                break;
            }
            if (nic.deviceIndex.value === undefined || nic.deviceIndex.value === 0) {
                primary = known(nic);
                break;
            }
        }
        if (!nics.known && primary.known && primary.value === undefined) primary = nics;
    }
    return Object.assign(c.entity(lt), { templateName: readString(lt, "name"), networkInterfaces: nics, primary, groups: c.ref(lt, "vpcSecurityGroupIds", SECURITY_GROUP_TYPES) });
}

export function readLaunchConfiguration(c: ModelContext, lc: ModelResource): LaunchConfiguration {
    return Object.assign(c.entity(lc), {
        configurationName: readString(lc, "name"),
        associatePublicIp: readValue(prop(lc, "associatePublicIpAddress"), bool, { urn: lc.urn, path: ["associatePublicIpAddress"] }),
        groups: c.ref(lc, "securityGroups", SECURITY_GROUP_TYPES),
    });
}
