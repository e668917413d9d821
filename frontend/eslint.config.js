import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Features do not import each other: what two features share goes to src/lib, src/components or
// src/config, and src/app composes features into pages. Shared code imports no feature or app.
const FEATURES = ["jobs", "exports", "dashboard", "settings", "scenarios", "patients", "keys"];

const featureBoundaries = FEATURES.map((feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: `^@/features/(?!${feature}/)`,
            message: `features/${feature} must not import another feature; move shared code to src/lib or src/components.`,
          },
          {
            regex: "^(\\.\\./){2,}",
            message: "Import outside this feature through '@/…', not '../../'.",
          },
          { regex: "^@/app/", message: "Features must not import the app layer." },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      "dist",
      "node_modules",
      "test-results",
      "playwright-report",
      "storybook-static",
      "src/lib/api/schema.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  ...featureBoundaries,
  {
    files: ["src/lib/**/*.{ts,tsx}", "src/components/**/*.{ts,tsx}", "src/config/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/(features|app)/",
              message: "Shared code must not import features or the app.",
            },
          ],
        },
      ],
    },
  },
);
