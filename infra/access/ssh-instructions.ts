import { PemChmodCommand } from "../../policies/vocabulary";
import { bastionAlias, PrivateHost } from "./ssh-config";

export interface SshInstructionsOptions {
    prefix: string;
    osUser: string;
    /** Local path of the key pair's private key, e.g. `~/.ssh/mhson-key.pem`. */
    pemPath: string;
    keyName: string;
    bastion: { publicIp: string; instanceId?: string };
    hosts: PrivateHost[];
    /** Generate mode: the stack output holding the private key, so the instructions say how to save it. */
    privateKeyOutput?: string;
    /** The stack output holding the ssh config fragment (for the Include step). */
    sshConfigOutput?: string;
    instanceConnect?: { region: string; osUser: string };
}

/** The exact commands to get in (key permissions, first-connection host key check, private IPs through the bastion), as plain text for a stack output. Pure. */
export function renderSshInstructions(o: SshInstructionsOptions): string {
    const pem = o.pemPath;
    const keyOpts = `-i ${pem} -o IdentitiesOnly=yes`;
    const bastion = `${o.osUser}@${o.bastion.publicIp}`;
    const jump = `-o ProxyCommand="ssh ${keyOpts} -W %h:%p ${bastion}"`;
    const lines: string[] = [];
    const step = (title: string, ...body: string[]) => lines.push(`${lines.length === 0 ? "" : "\n"}## ${title}`, ...body);

    if (o.privateKeyOutput) {
        step(
            `1. Save the generated private key (key pair "${o.keyName}") — it is shown only as a secret output`,
            `(umask 077; mkdir -p ~/.ssh; pulumi stack output ${o.privateKeyOutput} --show-secrets > ${pem})`,
            `${PemChmodCommand} ${pem}`,
        );
    } else {
        step(
            `1. Protect your private key (key pair "${o.keyName}") — AWS keeps only the public key, so keep a backup`,
            `${PemChmodCommand} ${pem}`,
        );
    }
    lines.push(
        "If ssh prints 'WARNING: UNPROTECTED PRIVATE KEY FILE!' and 'Permissions 0664 ... are too open ... bad permissions',",
        "the file is readable by other users, so ssh ignores it and the login fails with 'Permission denied (publickey)'.",
        `Fix it with: ${PemChmodCommand} ${pem}`,
    );

    step(
        "2. Connect to the bastion",
        `ssh ${keyOpts} ${bastion}`,
        "-o IdentitiesOnly=yes makes ssh offer only this key, not every key in your agent (servers stop after a few tries).",
    );

    step(
        "3. Check the host key on first connection",
        "ssh asks: \"The authenticity of host ... can't be established. ED25519 key fingerprint is SHA256:...\".",
        "Before answering yes, compare it with the fingerprints the instance printed at boot:",
        o.bastion.instanceId
            ? `aws ec2 get-console-output --instance-id ${o.bastion.instanceId} --latest --output text | sed -n '/BEGIN SSH HOST KEY FINGERPRINTS/,/END SSH HOST KEY FINGERPRINTS/p'`
            : "aws ec2 get-console-output --instance-id <bastion instance id> --latest --output text | sed -n '/BEGIN SSH HOST KEY FINGERPRINTS/,/END SSH HOST KEY FINGERPRINTS/p'",
        "Answer yes only if they match; ssh then records the key in ~/.ssh/known_hosts and warns loudly if it ever changes.",
    );

    step(
        "4. Reach the other hosts through the bastion, by PRIVATE IP",
        "Their security groups admit SSH from the bastion's group, which matches the bastion's private address, so use",
        "the hosts' private IPs; a public IP fails. Your key stays on your machine — never copy the .pem to the bastion.",
        ...o.hosts.map((h) => `ssh ${keyOpts} ${jump} ${o.osUser}@${h.privateIp}    # ${o.prefix}-${h.name}`),
    );

    step(
        "5. Or use the generated ssh config",
        o.sshConfigOutput
            ? `pulumi stack output ${o.sshConfigOutput} > ~/.ssh/${o.prefix}.config`
            : `save the sshConfig stack output as ~/.ssh/${o.prefix}.config`,
        `Add 'Include ~/.ssh/${o.prefix}.config' as the first line of ~/.ssh/config, then:`,
        `ssh ${bastionAlias(o.prefix)}`,
        ...o.hosts.map((h) => `ssh ${o.prefix}-${h.name}`),
    );

    if (o.instanceConnect) {
        step(
            "6. EC2 Instance Connect (IAM instead of the shared key)",
            "Your IAM identity must be in a group or user granted by this stack; the AWS CLI v2 pushes your own",
            "public key for 60 seconds and every push is logged in CloudTrail. The *-eic entries of the ssh config do it:",
            `ssh ${bastionAlias(o.prefix)}-eic`,
            ...o.hosts.map((h) => `ssh ${o.prefix}-${h.name}-eic`),
            `They log in as ${o.instanceConnect.osUser} in ${o.instanceConnect.region}.`,
        );
    }
    lines.push(
        "",
        "## If it still fails",
        "Debug in this order: ssh -v (where does it stop?) -> ping -> security group rules -> instance state.",
    );
    return lines.join("\n") + "\n";
}
