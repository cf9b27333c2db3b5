import * as assert from "node:assert/strict";
import { pemInstructionsTag, TAG_VALUE_CHARACTERS, TAG_VALUE_MAX } from "../../../infra/access/pem-instructions";

describe("access: PemInstructions tag", () => {
    for (const name of ["mhson-key", "k", "a".repeat(64), "team.ops_key-2"]) {
        it(`fits AWS tag rules and says chmod 400 <file> for "${name.slice(0, 12)}…"`, () => {
            const v = pemInstructionsTag(name);
            assert.ok(v.includes(`chmod 400 ${name}.pem`), v);
            assert.ok(v.length <= TAG_VALUE_MAX, `${v.length} chars`);
            assert.match(v, TAG_VALUE_CHARACTERS);
        });
    }

    it("mentions IdentitiesOnly and the UNPROTECTED error when it fits", () => {
        const v = pemInstructionsTag("mhson-key");
        assert.match(v, /ssh -i mhson-key\.pem -o IdentitiesOnly=yes/);
        assert.match(v, /UNPROTECTED PRIVATE KEY FILE/);
    });

    it("refuses a name that would break the tag's character set", () => {
        assert.throws(() => pemInstructionsTag("bad;name"), /cannot be written into a PemInstructions tag/);
        assert.throws(() => pemInstructionsTag("x".repeat(300)), /cannot be written/);
    });
});
