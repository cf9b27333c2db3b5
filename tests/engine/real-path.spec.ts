// The README's real path (docs/real-path.sh, the same text as the README's block), run as written by the real
// CLI against the stand-in AWS provider; then what a careful user does next: no perpetual diff, refresh,
// export, destroy. Shims replace only what would leave the machine or wait for a person (listed below).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../engine/build/pins";
import { EngineWorkspace } from "../../engine/workspace";
import { describeWithEngine, ok, useWorkspace } from "../helpers/engine";

export const realPathFile = path.join(repoRoot, "docs", "real-path.sh");
const operatorAddress = "52.78.10.20"; // what the curl shim answers: any public address outside the documentation ranges

/**
 * Commands on PATH ahead of the real ones: `npm` (the installs are done already: node_modules is linked),
 * `curl` (no network here: answers a fixed address), `ssh-keygen` (the real one, with an empty passphrase so it
 * does not wait for a person), `ssh` (the real client with -G: resolves the config, opens no connection).
 */
function writeShims(ws: EngineWorkspace): string {
    const dir = ws.scratch("shims");
    fs.mkdirSync(dir, { recursive: true });
    const real = (cmd: string) => ws.bash(`command -v ${cmd}`).stdout.trim();
    const shims: Record<string, string> = {
        npm: `echo "(engine spec: npm $* skipped, dependencies are installed)"`,
        curl: `echo ${operatorAddress}`,
        "ssh-keygen": `exec ${real("ssh-keygen")} "$@" -N ''`,
        // ssh finds ~ in the password database, not $HOME: name the workspace's config explicitly.
        ssh: `exec ${real("ssh")} -F "$HOME/.ssh/config" -G "$@"`,
    };
    for (const [name, body] of Object.entries(shims)) {
        fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    }
    return dir;
}

interface Variant {
    title: string;
    stack: "dev" | "prod";
    /** Extra `pulumi config set` lines run before the preview. */
    extraConfig: string[];
    instanceConnect: "off" | "on" | "endpoint";
}

const variants: Variant[] = [
    { title: "dev as committed (Instance Connect on, no endpoint), the README verbatim", stack: "dev", extraConfig: [], instanceConnect: "on" },
    {
        title: "dev with Instance Connect off", stack: "dev", instanceConnect: "off",
        extraConfig: [
            "pulumi config set --path 'bastion-network:settings.access.instanceConnect.enabled' false",
            "pulumi config rm --path 'bastion-network:settings.access.instanceConnect.iamGroups'",
        ],
    },
    { title: "prod as committed (Instance Connect with an endpoint)", stack: "prod", extraConfig: [], instanceConnect: "endpoint" },
];

/** The README's commands for a variant: verbatim for dev as committed. */
export function scriptFor(variant: Variant, readme: string): string {
    let script = readme;
    if (variant.stack !== "dev") {
        script = script.replace(/stack init dev\b/, `stack init ${variant.stack}`).replace(/bastion-network-dev\.conf/g, `bastion-network-${variant.stack}.conf`);
    }
    if (variant.extraConfig.length > 0) {
        script = script.replace(/^pulumi preview /m, `${variant.extraConfig.join("\n")}\npulumi preview `);
    }
    return script;
}

describeWithEngine("the README's real path under the real engine", (engine) => {
    const readme = fs.readFileSync(realPathFile, "utf8");

    for (const variant of variants) {
        describe(variant.title, () => {
            const ws = useWorkspace(engine);
            let transcript = "";

            it("runs every command of the README's real path", () => {
                const shims = writeShims(ws());
                const result = ok(ws().bash(`export PATH=${shims}:$PATH\n${scriptFor(variant, readme)}`));
                transcript = result.stdout;
                assert.match(transcript, /Resources:\s+\+ \d+ to create/, "the preview lists what it would create");
                assert.match(transcript, /Policies:\s+✅ bastion-network-guard@v[\d.]+/, "the pack ran and found nothing");
            });

            it("reaches web by its private IP through the bastion, as the ssh config says", () => {
                const resolved = transcript.split("\n");
                const get = (key: string) => resolved.find((l) => l.startsWith(key + " "))?.slice(key.length + 1);
                const resolvedText = resolved.filter((l) => /^(hostname|proxyjump|identityfile|user) /.test(l)).join("; ");
                assert.match(get("hostname") ?? "", /^10\.\d+\.\d+\.\d+$/, `web is reached by its private address (ssh -G: ${resolvedText})`);
                assert.strictEqual(get("proxyjump"), "acme-bastion");
                assert.match(get("identityfile") ?? "", /acme-key\.pem$/);
            });

            it("shows no changes on a second preview (no perpetual diff)", () => {
                ok(ws().pulumi(["preview", "--expect-no-changes", "--policy-pack", "policies"]));
            });

            it("shows no changes after a refresh", () => {
                ok(ws().pulumi(["refresh", "--yes"]));
                ok(ws().pulumi(["preview", "--expect-no-changes"]));
            });

            it("exports a state the offline readers and the pack understand", () => {
                const exported = JSON.parse(ok(ws().pulumi(["stack", "export"])).stdout) as {
                    deployment: { resources?: { type: string }[] };
                };
                const types = (exported.deployment.resources ?? []).map((r) => r.type);
                assert.ok(types.filter((t) => t === "aws:ec2/instance:Instance").length >= 3, "web, db and bastion exist");
                const endpoints = types.filter((t) => t === "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint").length;
                assert.strictEqual(endpoints, variant.instanceConnect === "endpoint" ? 1 : 0);
                const icPolicies = types.filter((t) => t === "aws:iam/policy:Policy").length;
                assert.strictEqual(icPolicies > 0, variant.instanceConnect !== "off", "the Instance Connect policy exists only when enabled");
            });

            it("destroys everything it created", () => {
                ok(ws().pulumi(["destroy", "--yes"]));
                const exported = JSON.parse(ok(ws().pulumi(["stack", "export"])).stdout) as { deployment: { resources?: unknown[] } };
                assert.deepStrictEqual(exported.deployment.resources ?? [], []);
            });
        });
    }
});
