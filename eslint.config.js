import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/data/**", "**/.turbo/**"] },
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
    // Command-line entry points and tests talk to a terminal.
    files: ["**/test/**", "**/*.test.ts", "bench/**", "scripts/**", "apps/agora/src/main.ts", "apps/agora/src/serve.ts"],
    rules: { "no-console": "off" },
  },
);
