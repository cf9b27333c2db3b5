// The pack's entry point for the Pulumi CLI. The rules are TypeScript; the CLI would type-check the whole pack
// with ts-node at every `pulumi preview`/`up`/`policy analyze` (tens of seconds on a busy machine, measured), so
// PulumiPolicy.yaml turns the CLI's TypeScript support off and this file loads the rules transpile-only.
// Types are still checked: `npm run typecheck` here, and the repository's `npm test` over policies/.
require("ts-node").register({
    transpileOnly: true,
    project: require("path").join(__dirname, "tsconfig.json"),
});
require("./index.ts");
