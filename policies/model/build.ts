/** Puts the model together: index the snapshot once, then read every entity in dependency order. */
import { AwsTypes } from "./aws-types";
import { DEFAULT_OPTIONS, ModelContext } from "./context";
import { ElasticIps } from "./elastic-ips";
import { readFlowLogs } from "./flow-logs";
import { readGateways } from "./gateways";
import { HostReader } from "./hosts";
import { readAllLaunchSettings, readVolumes } from "./instance-settings";
import { readKeys } from "./keys";
import { readLaunchConfiguration, readLaunchTemplate } from "./launch-settings";
import { NetworkAcls } from "./network-acls";
import { ResourceIndex } from "./resource-index";
import { Routing } from "./routing";
import { readSecurityGroups } from "./security-groups";
import { ModelSnapshot } from "./snapshot";
import { readSubnets, readVpcs } from "./subnets";
import { Entity, ModelOptions, NetworkModel, SecurityGroupRule } from "./types";

function withDefaults(options: ModelOptions): Required<ModelOptions> {
    const out = { ...DEFAULT_OPTIONS };
    for (const [k, v] of Object.entries(options)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    return out;
}

export function buildNetworkModel(snapshot: ModelSnapshot, options: ModelOptions = {}): NetworkModel {
    const idx = new ResourceIndex(snapshot.resources);
    const c = new ModelContext(idx, withDefaults(options));
    const notes: string[] = [];
    const routing = new Routing(c);
    const acls = new NetworkAcls(c);
    const vpcs = readVpcs(c);
    const subnets = readSubnets(c, routing, (s, vpc) => acls.aclOf(s, vpc));
    const launchTemplates = idx.ofType(AwsTypes.LaunchTemplate).map((lt) => readLaunchTemplate(c, lt));
    const launchConfigurations = idx.ofType(AwsTypes.LaunchConfiguration).map((lc) => readLaunchConfiguration(c, lc));
    const eips = new ElasticIps(c);
    const hosts = new HostReader(c, {
        subnets: new Map(subnets.map((s) => [s.urn, s])),
        templates: new Map(launchTemplates.map((t) => [t.urn, t])),
        configurations: new Map(launchConfigurations.map((t) => [t.urn, t])),
        eips,
    }).hosts();
    const { groups, rules } = readSecurityGroups(c);
    const rulesByGroup = new Map<string, { ingress: SecurityGroupRule[]; egress: SecurityGroupRule[] }>();
    for (const g of groups) for (const d of g.unknownInline) notes.push(`${g.label}: its inline ${d} rules are not known yet.`);
    for (const r of rules) {
        const directionKnown = r.direction.known && r.direction.value !== undefined;
        if (r.groupKey === undefined || !directionKnown) {
            notes.push(r.form === "SecurityGroupRule" || !directionKnown
                ? `${r.resourceName}: its direction or security group is not known; its rule is not evaluated.`
                : `${r.resourceName}: the security group it belongs to is not known; its rule is not evaluated.`);
            continue;
        }
        const direction = (r.direction as { value: "ingress" | "egress" }).value;
        let g = rulesByGroup.get(r.groupKey);
        if (!g) rulesByGroup.set(r.groupKey, (g = { ingress: [], egress: [] }));
        g[direction].push(r);
    }
    const { keyPairs, tlsKeys } = readKeys(c);
    const model: NetworkModel = {
        options: c.opts, vpcs, subnets, routeTables: routing.tables, gateways: readGateways(c), securityGroups: groups, rules, networkAcls: acls.acls,
        hosts, launchTemplates, launchConfigurations, elasticIps: eips.eips, keyPairs, tlsKeys, flowLogs: readFlowLogs(c),
        launchSettings: readAllLaunchSettings(c), volumes: readVolumes(c), byUrn: new Map(), rulesByGroup, notes,
    };
    const all: Entity[][] = [vpcs, subnets, routing.tables, model.gateways, groups, acls.acls, hosts, launchTemplates, launchConfigurations, eips.eips, keyPairs, tlsKeys, model.flowLogs, model.volumes];
    for (const list of all) for (const e of list) model.byUrn.set(e.urn, e);
    return model;
}
