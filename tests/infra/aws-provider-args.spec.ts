// The explicit provider's arguments: every aws: setting handed on, the secret ones as secrets (whatever their
// type), the region from the settings, our default tags over the stack file's.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { awsProviderArgs } from "../../infra/aws-provider-args";

const isSecret = (v: unknown) => (pulumi.Output.isInstance(v) ? (v as unknown as { isSecret: Promise<boolean> }).isSecret : Promise.resolve(false));

describe("infra: the explicit AWS provider's arguments", () => {
    it("hands on every setting, secrets as secrets, our tags over aws:defaultTags", async () => {
        const { args, tags } = awsProviderArgs("ap-northeast-2", { Project: "p", Environment: "prod", ManagedBy: "pulumi" }, {
            values: { profile: "acme", allowedAccountIds: ["111122223333"], assumeRoles: [{ roleArn: "arn:aws:iam::111122223333:role/x" }], secretKey: "s", defaultTags: { tags: { Team: "net", Project: "other" } } },
            secretKeys: ["secretKey", "assumeRoles"],
        });
        assert.equal(args.region, "ap-northeast-2");
        assert.equal(args.profile, "acme");
        assert.deepEqual(args.allowedAccountIds, ["111122223333"]);
        assert.deepEqual(tags, { Team: "net", Project: "p", Environment: "prod", ManagedBy: "pulumi" });
        assert.deepEqual(args.defaultTags, { tags });
        assert.equal(await isSecret(args.secretKey), true);
        assert.equal(await isSecret(args.assumeRoles), true, "an object-valued secret stays secret");
        assert.equal(await isSecret(args.profile), false);
    });

    it("without settings: the region and our tags only", () => {
        const { args } = awsProviderArgs("eu-west-1", { Project: "p" });
        assert.deepEqual(Object.keys(args).sort(), ["defaultTags", "region"]);
    });
});
