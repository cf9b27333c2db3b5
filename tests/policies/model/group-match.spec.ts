/**
 * "Is this group one of X?": by an id from config, by a name pattern (logical name, `name`, `Name`
 * tag), else by the role tag, the provider's defaultTags included; an unknown role tag is unknown, and
 * a reference that may be several groups decides only when they agree.
 */
import { strict as assert } from "assert";
import { buildNetworkModel } from "../../../policies/model";
import { compilePatterns, groupMatches, linkMatches } from "../../../policies/model/group-match";
import { UNKNOWN } from "../../../offline/snapshot";
import { Builder, TY, urn } from "../reachability/network-fixture";

const bastionOnly = { roles: ["bastion"], namePatterns: [] as RegExp[], ids: [] as string[] };

function model(preview = false) {
    const b = new Builder(preview);
    b.add(TY.sg, "bastion", { tags: { Role: "bastion" } });
    b.add(TY.sg, "web", { name: "corp-web", tags: { Role: "web" } });
    b.add(TY.sg, "open-tags", {}).outputs.tags = UNKNOWN;
    b.get("open-tags").propertyDependencies.tags = [urn(TY.sg, "web")];
    b.add(TY.sg, "untagged", {});
    const m = buildNetworkModel(b.snapshot());
    const g = (n: string) => m.securityGroups.find((x) => x.name === n)!;
    return { m, g };
}

describe("model group matching", () => {
    it("by role tag, by name pattern, by id; an unknown role tag is unknown", () => {
        const { g } = model();
        assert.equal(groupMatches(g("bastion"), bastionOnly), "yes");
        assert.equal(groupMatches(g("web"), bastionOnly), "no");
        assert.equal(groupMatches(g("web"), { ...bastionOnly, namePatterns: compilePatterns(["^corp-"]) }), "yes");
        assert.equal(groupMatches(g("web"), { ...bastionOnly, roles: [], ids: ["web-id"] }), "yes");
        assert.equal(groupMatches(g("open-tags"), bastionOnly), "unknown");
        assert.equal(groupMatches(g("open-tags"), { ...bastionOnly, ids: ["open-tags-id"] }), "yes", "an id from config decides without the tag");
    });
    it("invalid or non-string patterns match nothing instead of failing the pack", () => {
        assert.deepEqual(compilePatterns(["(", 3, "ok"]).map(String), ["/ok/"]);
        assert.deepEqual(compilePatterns("ok"), []);
    });
    it("a reference that may be several groups decides only when they all agree; an id outside the snapshot only by the ids from config", () => {
        const { m } = model();
        const link = (names: string[], unknown = false) => ({ urns: names.map((n) => urn(TY.sg, n)), external: [], unknown });
        assert.equal(linkMatches(m, link(["bastion"]), bastionOnly), "yes");
        assert.equal(linkMatches(m, link(["bastion", "web"]), bastionOnly), "unknown");
        assert.equal(linkMatches(m, link(["web", "untagged"]), bastionOnly), "no");
        assert.equal(linkMatches(m, link([], true), bastionOnly), "unknown");
        assert.equal(linkMatches(m, { urns: [], external: ["sg-0ext"], unknown: false }, { ...bastionOnly, ids: ["sg-0ext"] }), "yes");
        assert.equal(linkMatches(m, { urns: [], external: ["sg-0ext"], unknown: false }, bastionOnly), "no");
    });
});
