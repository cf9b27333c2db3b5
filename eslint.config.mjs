// ESLint flat config: JavaScript's and typescript-eslint's recommended rules everywhere, and the Pulumi plugin's
// rules (an Output in a template literal prints "Calling [toString] on an [Output<T>]...") on the stack program,
// which needs type information. Files that are not ours (dependencies, build output, generated) are ignored.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
    {
        ignores: ["**/node_modules/", "out/", "engine/bin/", "**/*.js", "**/*.cjs", "**/*.d.ts"],
    },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        linterOptions: { reportUnusedDisableDirectives: "error" },
        rules: {
            // An unused name prefixed with _ is deliberate (a callback's unused parameter, a destructured rest).
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
        },
    },
    {
        files: ["infra/**/*.ts"],
        plugins: { "@pulumi": pulumi },
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
);
