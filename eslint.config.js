import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/data/**", "**/.turbo/**", "**/.cache/**", "apps/edge/dist/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "error",
    },
  },
  {
    // Rules that read the types: each file is checked with the tsconfig of its own package.
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-unnecessary-condition": "error",
      // `x!` tells the compiler a value is there without checking; a check, a default or a type
      // that holds the value says the same and fails clearly when it is wrong (ADR 0014).
      "@typescript-eslint/no-non-null-assertion": "error",
    },
  },
  {
    // A test's `afterAll(() => t?.stop())` guards a variable that its `beforeAll` may have failed
    // to set; the type says it is set, so the rule would call the guard unnecessary.
    files: ["**/test/**", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-unnecessary-condition": "off" },
  },
  {
    // Tests and benchmarks are run by hand or by CI, never shipped: one that reads `rows[0]!`
    // stops at that line when the row is missing, which is all a check there would do.
    files: ["**/test/**", "**/*.test.ts", "bench/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    // The classifier's numeric kernels loop over typed arrays with an index the loop bounds:
    // `weights[i]!` cannot be undefined there, and a check per element costs measurable time
    // in the classifier benchmark.
    files: ["services/triage/src/classifier/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    // Command-line entry points and tests talk to a terminal.
    files: [
      "**/test/**",
      "**/*.test.ts",
      "bench/**",
      "scripts/**",
      "apps/agora/src/main.ts",
      "apps/agora/src/serve.ts",
    ],
    rules: { "no-console": "off" },
  },
);
