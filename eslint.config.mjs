import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  {
    rules: {
      // Unused arguments prefixed with _ document a required signature (Next.js file conventions).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Access to data is granted only by the guards, right after they checked the session
    // (lib/server/auth/access.ts); anything else must be handed a grant, not make one.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/server/auth/require-operator.ts", "lib/server/http/api-route.ts", "lib/server/mcp/mcp-auth.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/auth/access", "@/lib/server/auth/access"],
              importNames: ["grantAccess"],
              message: "Only requireOperator() and apiRoute() grant access; take an Access from your caller.",
            },
          ],
        },
      ],
    },
  },
  {
    // package.json has no "type": "module", so plain .js config files are CommonJS.
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Playwright fixtures call their continuation `use`; it is not React's use() hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    "node_modules/**",
    "data/**",
    ".data/**",
    ".screenshots/**",
    "test-results/**",
    "playwright-report/**",
    "coverage/**",
  ]),
]);
