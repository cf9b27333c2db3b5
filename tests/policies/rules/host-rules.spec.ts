/** imdsv2-required, ebs-encrypted, bastion-hardened: resource rules on hosts, known and unknown. */
import { strict as assert } from "assert";
import { bastionHardened, ebsEncrypted, imdsv2Required } from "../../../policies/rules";
import { T, UNKNOWN, cantRun, findings, resource, runPolicies } from "../../helpers/harness";

type Row = [string, string, Record<string, unknown>, "ok" | "violation" | "cant-run"];

function table(policy: Parameters<typeof runPolicies>[0][number], name: string, rows: Row[], config?: Record<string, unknown>): void {
    for (const [title, type, inputs, expect] of rows) {
        it(`${title} -> ${expect}`, async () => {
            const r = await runPolicies([policy], [resource(type, "h", inputs)], config ? { config: { [name]: config } } : undefined);
            assert.equal(findings(r, name).length, expect === "violation" ? 1 : 0, findings(r, name).map((f) => f.message).join("\n"));
            assert.equal(cantRun(r, name).length, expect === "cant-run" ? 1 : 0);
            if (expect === "violation") assert.equal(findings(r, name)[0].enforcementLevel, "advisory");
        });
    }
}

describe("imdsv2-required", () => {
    table(imdsv2Required, "imdsv2-required", [
        ["instance requiring tokens", T.Instance, { metadataOptions: { httpTokens: "required" } }, "ok"],
        ["instance with optional tokens", T.Instance, { metadataOptions: { httpTokens: "optional" } }, "violation"],
        ["instance without metadataOptions", T.Instance, {}, "violation"],
        ["instance with the endpoint disabled", T.Instance, { metadataOptions: { httpEndpoint: "disabled" } }, "ok"],
        ["launch template requiring tokens", T.LaunchTemplate, { metadataOptions: { httpTokens: "required" } }, "ok"],
        ["launch template without", T.LaunchTemplate, {}, "violation"],
        ["instance with unknown tokens", T.Instance, { metadataOptions: { httpTokens: UNKNOWN } }, "cant-run"],
        ["instance with unknown options", T.Instance, { metadataOptions: UNKNOWN }, "cant-run"],
        ["a volume is not a host", T.Volume, {}, "ok"],
    ]);
    describe("with allowEndpointDisabled false", () => {
        table(imdsv2Required, "imdsv2-required", [["instance with the endpoint disabled", T.Instance, { metadataOptions: { httpEndpoint: "disabled" } }, "violation"]], { allowEndpointDisabled: false });
    });
});

describe("ebs-encrypted", () => {
    table(ebsEncrypted, "ebs-encrypted", [
        ["encrypted gp3 root", T.Instance, { rootBlockDevice: { volumeType: "gp3", encrypted: true } }, "ok"],
        ["unencrypted root", T.Instance, { rootBlockDevice: { encrypted: false } }, "violation"],
        ["root without encrypted", T.Instance, { rootBlockDevice: { volumeSize: 30 } }, "violation"],
        ["no root block device", T.Instance, {}, "violation"],
        ["encrypted root, unencrypted extra device", T.Instance, { rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] }, "violation"],
        ["unknown root encryption", T.Instance, { rootBlockDevice: { encrypted: UNKNOWN } }, "cant-run"],
        ["encrypted volume", T.Volume, { encrypted: true, size: 10 }, "ok"],
        ["unencrypted volume", T.Volume, { size: 10 }, "violation"],
        ["launch template mapping encrypted (string)", T.LaunchTemplate, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }, "ok"],
        ["launch template mapping unencrypted", T.LaunchTemplate, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }, "violation"],
        ["launch template instance-store mapping", T.LaunchTemplate, { blockDeviceMappings: [{ deviceName: "/dev/sdb", virtualName: "ephemeral0" }] }, "ok"],
    ]);
    it("a known unencrypted root is reported even when another device is unknown", async () => {
        const r = await runPolicies([ebsEncrypted], [resource(T.Instance, "h", { rootBlockDevice: { encrypted: false }, ebsBlockDevices: UNKNOWN })]);
        assert.equal(findings(r, "ebs-encrypted").length, 1);
        assert.equal(cantRun(r, "ebs-encrypted").length, 1);
    });
    describe("trusting the account default", () => {
        table(ebsEncrypted, "ebs-encrypted", [
            ["root without encrypted", T.Instance, { rootBlockDevice: { volumeSize: 30 } }, "ok"],
            ["explicitly unencrypted", T.Instance, { rootBlockDevice: { encrypted: false } }, "violation"],
        ], { trustAccountDefaultEncryption: true });
    });
});

describe("bastion-hardened", () => {
    const good = "#cloud-config\nwrite_files:\n  - path: /etc/profile.d/bastion.sh\n    content: |\n      readonly TMOUT=600\n      export PROMPT_COMMAND='logger -p local0.debug \"[USER]$(whoami) [COMMAND]$(history 1)\"'\n";
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const bastion = { tags: { Role: "bastion" } };
    table(bastionHardened, "bastion-hardened", [
        ["hardened cloud-config", T.Instance, { ...bastion, userData: good }, "ok"],
        ["hardened, base64 in userDataBase64", T.Instance, { ...bastion, userDataBase64: b64(good) }, "ok"],
        ["hardened launch template (base64 userData)", T.LaunchTemplate, { ...bastion, userData: b64(good) }, "ok"],
        ["no user data", T.Instance, { ...bastion }, "violation"],
        ["no TMOUT", T.Instance, { ...bastion, userData: good.replace("readonly TMOUT=600", "") }, "violation"],
        ["TMOUT too long", T.Instance, { ...bastion, userData: good.replace("TMOUT=600", "TMOUT=7200") }, "violation"],
        ["TMOUT=0 disables the timeout", T.Instance, { ...bastion, userData: good.replace("TMOUT=600", "TMOUT=0") }, "violation"],
        ["no audit log", T.Instance, { ...bastion, userData: good.replace(/export PROMPT_COMMAND.*\n/, "") }, "violation"],
        ["PROMPT_COMMAND without logger", T.Instance, { ...bastion, userData: good.replace("logger -p local0.debug", "echo") }, "violation"],
        ["a web host needs none of it", T.Instance, { tags: { Role: "web" } }, "ok"],
        ["an untagged host needs none of it", T.Instance, {}, "ok"],
        ["unknown user data", T.Instance, { ...bastion, userData: UNKNOWN }, "cant-run"],
        ["unknown tags", T.Instance, { tags: UNKNOWN, userData: "" }, "cant-run"],
    ]);
    describe("with a shorter allowed timeout", () => {
        table(bastionHardened, "bastion-hardened", [["TMOUT=600", T.Instance, { ...bastion, userData: good }, "violation"]], { maxIdleTimeoutSeconds: 300 });
    });
});
