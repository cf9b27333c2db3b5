import * as assert from "node:assert/strict";
import { validateAccessConfig } from "../../../infra/access/config";
import { devAccess, ofType, runStack } from "../../helpers/mocks";

const access = (instanceConnect: Record<string, unknown>) => validateAccessConfig({ keyPair: devAccess().keyPair, instanceConnect: { enabled: true, ...instanceConnect } });

describe("Instance Connect IAM groups: created, with members, or external", () => {
    it("reads external groups and members of created groups", () => {
        const r = access({ iamGroups: ["ops"], iamGroupMembers: { ops: ["alice"] }, externalIamGroups: ["security"] });
        assert.deepEqual(r.problems, []);
        assert.deepEqual([r.value?.instanceConnect.externalIamGroups, r.value?.instanceConnect.iamGroupMembers], [["security"], { ops: ["alice"] }]);
        assert.deepEqual(access({ externalIamGroups: ["security"] }).problems, [], "an external group alone grants someone");
    });

    it("refuses members of a group the stack does not create, and a group in both lists", () => {
        const r = access({ iamGroups: ["ops"], iamGroupMembers: { oncall: ["bob"] }, externalIamGroups: ["ops"] });
        assert.deepEqual(r.problems.map((p) => p.key).sort(), ["access.instanceConnect.externalIamGroups[0]", "access.instanceConnect.iamGroupMembers.oncall"]);
        assert.match(r.problems.find((p) => p.key.endsWith("oncall"))?.message ?? "", /not in iamGroups/);
    });

    it("dev: the stack creates its operators group before attaching the policy to it (no NoSuchEntity)", async () => {
        const run = await runStack("dev");
        assert.deepEqual(ofType(run, "aws:iam/group:Group").map((g) => g.inputs.name), ["mhson-operators"]);
        const attachment = ofType(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment")[0];
        const group = ofType(run, "aws:iam/group:Group")[0];
        assert.deepEqual(attachment.propertyDependencies.group, [group.urn]);
    });
});
