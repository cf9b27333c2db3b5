/** Puts the model together: index the snapshot once, then read each kind of entity when it is first asked for. */
import { AwsTypes } from "./aws-types";
import { ModelContext, fullOptions } from "./context";
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
import { SecurityGroupsRead, readSecurityGroups } from "./security-groups";
import { ModelSnapshot } from "./snapshot";
import { readSubnets, readVpcs } from "./subnets";
import type { FlowLog } from "./flow-logs";
import {
    EipAssociation, ElasticIp, Entity, Gateway, Host, KeyPair, LaunchConfiguration, LaunchSettings, LaunchTemplate, ModelOptions, NetworkAcl,
    NetworkModel, RouteTable, SecurityGroup, SecurityGroupRule, Subnet, TlsKey, Volume, Vpc,
} from "./types";

/**
 * Every section is read on first access, then kept: a rule handed one resource (`Analyze`) asks for one
 * or two sections (an instance's launch settings, a rule resource's rules), and reading the others for
 * it was most of what a resource rule cost. A section forces only the sections it is read from, so
 * what it holds does not depend on which was asked first.
 */
class LazyNetworkModel implements NetworkModel {
    readonly options: Required<ModelOptions>;
    #vpcs?: Vpc[];
    #routing?: Routing;
    #acls?: NetworkAcls;
    #subnets?: Subnet[];
    #gateways?: Gateway[];
    #groups?: SecurityGroupsRead;
    #launchTemplates?: LaunchTemplate[];
    #launchConfigurations?: LaunchConfiguration[];
    #eips?: ElasticIps;
    #hosts?: Host[];
    #keys?: { keyPairs: KeyPair[]; tlsKeys: TlsKey[] };
    #flowLogs?: FlowLog[];
    #launchSettings?: LaunchSettings[];
    #volumes?: Volume[];
    #byGroup?: { rulesByGroup: NetworkModel["rulesByGroup"]; notes: string[] };
    #byUrn?: Map<string, Entity>;

    constructor(private readonly c: ModelContext) {
        this.options = c.opts;
    }

    private get routing(): Routing { return (this.#routing ??= new Routing(this.c)); }
    private get acls(): NetworkAcls { return (this.#acls ??= new NetworkAcls(this.c)); }
    private get eips(): ElasticIps { return (this.#eips ??= new ElasticIps(this.c)); }
    private get groups(): SecurityGroupsRead { return (this.#groups ??= readSecurityGroups(this.c)); }
    private get keys(): { keyPairs: KeyPair[]; tlsKeys: TlsKey[] } { return (this.#keys ??= readKeys(this.c)); }

    get vpcs(): Vpc[] { return (this.#vpcs ??= readVpcs(this.c)); }
    get subnets(): Subnet[] {
        if (!this.#subnets) {
            const acls = this.acls;
            this.#subnets = readSubnets(this.c, this.routing, (s, vpc) => acls.aclOf(s, vpc));
        }
        return this.#subnets;
    }
    get routeTables(): RouteTable[] { return this.routing.tables; }
    get gateways(): Gateway[] { return (this.#gateways ??= readGateways(this.c)); }
    get securityGroups(): SecurityGroup[] { return this.groups.groups; }
    get rules(): SecurityGroupRule[] { return this.groups.rules; }
    get networkAcls(): NetworkAcl[] { return this.acls.acls; }
    get launchTemplates(): LaunchTemplate[] { return (this.#launchTemplates ??= this.c.idx.ofType(AwsTypes.LaunchTemplate).map((lt) => readLaunchTemplate(this.c, lt))); }
    get launchConfigurations(): LaunchConfiguration[] {
        return (this.#launchConfigurations ??= this.c.idx.ofType(AwsTypes.LaunchConfiguration).map((lc) => readLaunchConfiguration(this.c, lc)));
    }
    get elasticIps(): ElasticIp[] { return this.eips.eips; }
    get eipAssociations(): EipAssociation[] { return this.eips.associations; }
    get hosts(): Host[] {
        return (this.#hosts ??= new HostReader(this.c, {
            subnets: new Map(this.subnets.map((s) => [s.urn, s])),
            templates: new Map(this.launchTemplates.map((t) => [t.urn, t])),
            configurations: new Map(this.launchConfigurations.map((t) => [t.urn, t])),
            eips: this.eips,
        }).hosts());
    }
    get keyPairs(): KeyPair[] { return this.keys.keyPairs; }
    get tlsKeys(): TlsKey[] { return this.keys.tlsKeys; }
    get flowLogs(): FlowLog[] { return (this.#flowLogs ??= readFlowLogs(this.c)); }
    get launchSettings(): LaunchSettings[] { return (this.#launchSettings ??= readAllLaunchSettings(this.c)); }
    get volumes(): Volume[] { return (this.#volumes ??= readVolumes(this.c)); }
    get rulesByGroup(): NetworkModel["rulesByGroup"] { return (this.#byGroup ??= groupRules(this.groups)).rulesByGroup; }
    get notes(): string[] { return (this.#byGroup ??= groupRules(this.groups)).notes; }

    get byUrn(): Map<string, Entity> {
        if (!this.#byUrn) {
            const byUrn = new Map<string, Entity>();
            const all: Entity[][] = [
                this.vpcs, this.subnets, this.routeTables, this.gateways, this.securityGroups, this.networkAcls, this.hosts, this.launchTemplates,
                this.launchConfigurations, this.elasticIps, this.eipAssociations, this.keyPairs, this.tlsKeys, this.flowLogs, this.volumes,
            ];
            for (const list of all) for (const e of list) byUrn.set(e.urn, e);
            this.#byUrn = byUrn;
        }
        return this.#byUrn;
    }
}

/** Rules by the group they belong to and direction; what cannot be placed is a note. */
function groupRules({ groups, rules }: SecurityGroupsRead): { rulesByGroup: NetworkModel["rulesByGroup"]; notes: string[] } {
    const notes: string[] = [];
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
    return { rulesByGroup, notes };
}

export function buildNetworkModel(snapshot: ModelSnapshot, options: ModelOptions = {}): NetworkModel {
    return new LazyNetworkModel(new ModelContext(new ResourceIndex(snapshot.resources), fullOptions(options)));
}
