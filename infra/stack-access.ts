/**
 * Wires the access building blocks (infra/access/) into the stack: the key pair before the hosts,
 * then ssh config and instructions once the addresses exist.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccessKeyPair, keyPairResourceName } from "./access/key-pair";
import { renderSshConfig } from "./access/ssh-config";
import { renderSshInstructions } from "./access/ssh-instructions";
import { Settings } from "./config";
import { HostRole, Hosts } from "./hosts/hosts";
import { Network, NetworkSubnet } from "./network/network";
import { Firewall } from "./security/firewall";

export const PRIVATE_KEY_OUTPUT = "privateKeyOpenssh";
export const SSH_CONFIG_OUTPUT = "sshConfig";

export interface AccessWiring {
    network: Network;
    firewall: Firewall;
    hosts: Hosts;
    subnetOf: Record<HostRole, NetworkSubnet>;
}

export function buildAccess(s: Settings, opts: pulumi.ComponentResourceOptions) {
    const keyPair = new AccessKeyPair(keyPairResourceName(s.prefix, "hosts"), { key: s.access.keyPair }, opts);
    const generated = keyPair.privateKeyOpenssh !== undefined;

    return {
        keyName: keyPair.keyName,
        wire({ hosts }: AccessWiring) {
            const i = hosts.instances;
            const addresses = pulumi.all([hosts.bastionEip.publicIp, i.web.privateIp, i.db.privateIp, i.bastion.id, i.web.id, i.db.id]);
            const view = addresses.apply(([bastionIp, webIp, dbIp, bastionId, webId, dbId]) => ({
                prefix: s.prefix,
                osUser: s.access.osUser,
                bastion: { publicIp: bastionIp, instanceId: bastionId },
                hosts: [{ name: "web", privateIp: webIp, instanceId: webId }, { name: "db", privateIp: dbIp, instanceId: dbId }],
            }));
            const ic = s.access.instanceConnect;
            const sshConfig = view.apply((v) => renderSshConfig({
                ...v,
                identityFile: s.access.pemPath,
                instanceConnect: ic.enabled ? { region: s.region, osUser: ic.osUser, identityFile: ic.identityFile } : undefined,
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
                [SSH_CONFIG_OUTPUT]: sshConfig,
                sshInstructions,
                ...(generated ? { [PRIVATE_KEY_OUTPUT]: keyPair.privateKeyOpenssh } : {}),
            };
        },
    };
}
