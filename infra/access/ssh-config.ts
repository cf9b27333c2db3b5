/** A host behind the bastion, reached by its PRIVATE IP (SG-referenced rules admit private addresses only). */
export interface PrivateHost {
    /** Short name: the alias becomes `<prefix>-<name>`, e.g. `web`, `db`, `web-2c`. */
    name: string;
    privateIp: string;
    /** Needed only for the Instance Connect entries. */
    instanceId?: string;
}

export interface SshConfigOptions {
    prefix: string;
    /** The AMI's login user for key-pair logins. */
    osUser: string;
    /** The local path of the key pair's private key, e.g. `~/.ssh/mhson-key.pem`. */
    identityFile: string;
    bastion: { publicIp: string; instanceId?: string };
    hosts: PrivateHost[];
    /** When set, a second set of `*-eic` entries authenticating with one-time keys pushed through IAM. */
    instanceConnect?: {
        region: string;
        osUser: string;
        /** The operator's own private key; `<identityFile>.pub` is what gets pushed. */
        identityFile: string;
        /** With an endpoint, private hosts are reached through `open-tunnel` instead of the bastion. */
        endpointId?: string;
    };
}

export function bastionAlias(prefix: string): string {
    return `${prefix}-bastion`;
}

/**
 * Renders an ssh_config fragment (for `Include`) from known addresses. Pure: the stack calls it inside
 * `pulumi.all(...).apply(...)` once the IPs exist.
 */
export function renderSshConfig(o: SshConfigOptions): string {
    const jump = bastionAlias(o.prefix);
    const blocks: string[][] = [
        [`# ${o.prefix}: key-pair access through the bastion. Hosts behind it are addressed by PRIVATE IP.`],
        hostBlock(jump, [
            ["HostName", o.bastion.publicIp],
            ["User", o.osUser],
            ["IdentityFile", o.identityFile],
            ["IdentitiesOnly", "yes"],
        ]),
        ...o.hosts.map((h) =>
            hostBlock(`${o.prefix}-${h.name}`, [
                ["HostName", h.privateIp],
                ["User", o.osUser],
                ["IdentityFile", o.identityFile],
                ["IdentitiesOnly", "yes"],
                ["ProxyJump", jump],
            ]),
        ),
    ];
    if (o.instanceConnect) blocks.push(...instanceConnectBlocks(o, o.instanceConnect));
    return blocks.map((b) => b.join("\n")).join("\n\n") + "\n";
}

type InstanceConnectOptions = NonNullable<SshConfigOptions["instanceConnect"]>;

function instanceConnectBlocks(o: SshConfigOptions, ic: InstanceConnectOptions): string[][] {
    const jump = `${bastionAlias(o.prefix)}-eic`;
    const identity = [
        ["User", ic.osUser],
        ["IdentityFile", ic.identityFile],
        ["IdentitiesOnly", "yes"],
    ] as [string, string][];
    const blocks: string[][] = [
        [
            `# ${o.prefix}: EC2 Instance Connect — no long-lived key on the hosts; each login pushes ${ic.identityFile}.pub`,
            "# for 60 seconds (needs the AWS CLI v2 and the IAM policy of this stack).",
        ],
    ];
    if (o.bastion.instanceId) {
        // The push runs from a Match exec on the name the user typed, then ssh connects directly (no nc needed).
        blocks.push(
            matchPush(jump, o.bastion.instanceId, ic),
            hostBlock(jump, [["HostName", o.bastion.publicIp], ...identity]),
        );
    }
    for (const h of o.hosts) {
        if (!h.instanceId) continue;
        const alias = `${o.prefix}-${h.name}-eic`;
        if (ic.endpointId) {
            // The tunnel goes to the instance id; HostName only keys known_hosts, so use the private IP.
            const tunnel = `aws ec2-instance-connect open-tunnel --region ${ic.region} --instance-id ${h.instanceId} --instance-connect-endpoint-id ${ic.endpointId}`;
            blocks.push(hostBlock(alias, [["HostName", h.privateIp], ...identity, ["ProxyCommand", proxyCommand(pushKey(h.instanceId, ic), tunnel)]]));
        } else if (o.bastion.instanceId) {
            // Through the bastion entry (which pushes its own key). ProxyJump, not a ProxyCommand running
            // `ssh`: ssh hands its own `-F <file>` on to the jump, so the entry works from any file. The
            // push to the target runs first, from a Match exec on the name the user typed.
            blocks.push(matchPush(alias, h.instanceId, ic), hostBlock(alias, [["HostName", h.privateIp], ...identity, ["ProxyJump", jump]]));
        }
    }
    return blocks;
}

/** Pushes the one-time key when (and only when) the user asks for `alias`; its JSON answer is discarded. */
function matchPush(alias: string, instanceId: string, ic: InstanceConnectOptions): string[] {
    return [`Match originalhost ${alias} exec "${pushKey(instanceId, ic)} >/dev/null"`];
}

function pushKey(instanceId: string, ic: InstanceConnectOptions): string {
    return (
        `aws ec2-instance-connect send-ssh-public-key --region ${ic.region} --instance-id ${instanceId} ` +
        `--instance-os-user ${ic.osUser} --ssh-public-key file://${ic.identityFile}.pub`
    );
}

/** `&&` so a refused push stops the login; its JSON answer goes to /dev/null, not into the SSH stream. */
function proxyCommand(push: string, then: string): string {
    return `sh -c "${push} >/dev/null && exec ${then}"`;
}

function hostBlock(alias: string, options: [string, string][]): string[] {
    return [`Host ${alias}`, ...options.map(([k, v]) => `    ${k} ${v}`)];
}
