/**
 * Wires the access building blocks (infra/access/) into the stack: the key pair before the hosts,
 * then ssh config and instructions once the addresses exist.
 */
import * as pulumi from "@pulumi/pulumi";
import { InstanceConnect } from "./access/instance-connect";
import { AccessKeyPair, keyPairResourceName } from "./access/key-pair";
import { RecoveredHost } from "./access/recovery";
import { recoverySourceFromInstanceId, recoverySourceOf } from "./access/recovery-source";
import { renderSshConfig } from "./access/ssh-config";
import { renderSshInstructions } from "./access/ssh-instructions";
import { Settings } from "./config";
import { HostRoles } from "./access/config";
import { resourceName, shortAz } from "./naming";
import { HostRole, Hosts } from "./hosts/hosts";
import { Network, NetworkSubnet } from "./network/network";
import { Firewall } from "./security/firewall";

export const PRIVATE_KEY_OUTPUT = "privateKeyOpenssh";
export const SSH_CONFIG_OUTPUT = "sshConfig";

export interface AccessWiring {
    network: Network;
    firewall: Firewall;
    hosts: Hosts;
    recovered: Recovered[];
}

export interface Recovered {
    target: string;
    host: RecoveredHost;
}

export function buildAccess(s: Settings, opts: pulumi.ComponentResourceOptions, provider: pulumi.ProviderResource) {
    const keyPair = new AccessKeyPair(keyPairResourceName(s.prefix, "hosts"), { key: s.access.keyPair }, opts);
    const generated = keyPair.privateKeyOpenssh !== undefined;

    return {
        keyName: keyPair.keyName,
        /** Image each host whose key is lost and relaunch it with the new key (before the bastion's address is assigned). */
        recover(hosts: Hosts, subnetOf: Record<HostRole, NetworkSubnet>): Recovered[] {
            return s.access.recovery.map((r) => {
                const role = (HostRoles as readonly string[]).includes(r.target) ? (r.target as HostRole) : undefined;
                const source = role ? recoverySourceOf(hosts.instances[role]) : recoverySourceFromInstanceId(r.target, provider);
                const az = role ? shortAz(subnetOf[role].plan.az, s.region) : "external";
                const host = new RecoveredHost(resourceName(s.prefix, "recovery", r.target), {
                    prefix: s.prefix, role: r.target, az, source, newKey: r.newKey,
                }, opts);
                return { target: r.target, host };
            });
        },
        wire({ network, firewall, hosts, recovered }: AccessWiring) {
            const i = hosts.instances;
            // A recovered role is reached at its replacement from now on.
            const current = (role: HostRole) => {
                const r = recovered.find((x) => x.target === role)?.host;
                return r ? { id: r.newInstanceId, privateIp: r.newPrivateIp } : { id: i[role].id, privateIp: i[role].privateIp };
            };

            const ic = s.access.instanceConnect;
            const internal = network.first("internal");
            const instanceConnect = ic.enabled
                ? new InstanceConnect(resourceName(s.prefix, "instance-connect"), {
                    prefix: s.prefix,
                    osUser: ic.osUser,
                    // Replacements too: a recovered host must stay reachable without its old key.
                    instanceArns: [i.web.arn, i.db.arn, i.bastion.arn, ...recovered.map((r) => r.host.newInstanceArn)],
                    iamGroups: ic.iamGroups,
                    iamGroupMembers: ic.iamGroupMembers,
                    externalIamGroups: ic.externalIamGroups,
                    iamUsers: ic.iamUsers,
                    endpoint: ic.endpoint ? {
                        vpcId: network.vpcId,
                        subnetId: internal.subnet.id,
                        az: shortAz(internal.plan.az, s.region),
                        hostSecurityGroups: [{ name: "web", id: firewall.groups.web.id }, { name: "db", id: firewall.groups.db.id }],
                        // The hosts in service: after a recovery the tunnel must reach the replacement.
                        hostPrivateIps: [current("web").privateIp, current("db").privateIp],
                    } : undefined,
                }, opts)
                : undefined;
            if (instanceConnect?.endpointSecurityGroupId) {
                firewall.allowSshFrom({ group: "instance-connect-endpoint", id: instanceConnect.endpointSecurityGroupId });
            }

            const [web, db, bastion] = [current("web"), current("db"), current("bastion")];
            const addresses = pulumi.all([hosts.bastionEip.publicIp, web.privateIp, db.privateIp, bastion.id, web.id, db.id, instanceConnect?.endpointId]);
            const view = addresses.apply(([bastionIp, webIp, dbIp, bastionId, webId, dbId, endpointId]) => ({
                prefix: s.prefix,
                osUser: s.access.osUser,
                bastion: { publicIp: bastionIp, instanceId: bastionId },
                hosts: [{ name: "web", privateIp: webIp, instanceId: webId }, { name: "db", privateIp: dbIp, instanceId: dbId }],
                endpointId,
            }));
            const sshConfig = view.apply((v) => renderSshConfig({
                ...v,
                identityFile: s.access.pemPath,
                instanceConnect: ic.enabled ? { region: s.region, osUser: ic.osUser, identityFile: ic.identityFile, endpointId: v.endpointId } : undefined,
            }));
            const sshInstructions = view.apply((v) => renderSshInstructions({
                ...v,
                pemPath: s.access.pemPath,
                keyName: s.access.keyPair.name,
                privateKeyOutput: generated ? PRIVATE_KEY_OUTPUT : undefined,
                sshConfigOutput: SSH_CONFIG_OUTPUT,
                instanceConnect: ic.enabled ? { region: s.region, osUser: ic.osUser } : undefined,
            }));
            return {
                keyName: keyPair.keyName,
                // The hosts in service: a recovered role's replacement, otherwise the original.
                privateIps: pulumi.output({ web: web.privateIp, db: db.privateIp, bastion: bastion.privateIp }),
                [SSH_CONFIG_OUTPUT]: sshConfig,
                sshInstructions,
                ...(generated ? { [PRIVATE_KEY_OUTPUT]: keyPair.privateKeyOpenssh } : {}),
                ...(instanceConnect ? {
                    instanceConnect: { policyArn: instanceConnect.policyArn, endpointId: instanceConnect.endpointId, endpointSecurityGroupId: instanceConnect.endpointSecurityGroupId },
                } : {}),
                ...(recovered.length ? {
                    recovery: recovered.map(({ target, host }) => ({
                        target, amiId: host.amiId, keyName: host.keyName,
                        oldInstanceId: host.oldInstanceId, oldPrivateIp: host.oldPrivateIp, oldPublicIp: host.oldPublicIp,
                        newInstanceId: host.newInstanceId, newPrivateIp: host.newPrivateIp, newPublicIp: host.newPublicIp,
                        ...(host.privateKeyOpenssh ? { privateKeyOpenssh: host.privateKeyOpenssh } : {}),
                    })),
                } : {}),
            };
        },
    };
}
