import { defineConfig } from "vitest/config";

// One project per concern, so each suite keeps its own setup (the contract suite starts Prism; the others do not).
// spec, client and contract check the API itself and run in `npm run pipeline`; pipeline, contract-meta, publishing,
// breaking-changes (the diff:spec corpus) and bench check our tooling (that each gate can fail, the docs in a
// browser, the bench harness): `npm test` runs all.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: "spec",
          include: ["test/spec/**/*.test.ts"],
          typecheck: { enabled: true, include: ["test/spec/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
      { test: { name: "pipeline", include: ["test/pipeline/**/*.test.ts"] } },
      {
        test: {
          name: "client",
          include: ["test/client/**/*.test.ts"],
          typecheck: { enabled: true, include: ["test/client/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
      {
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts"],
          exclude: ["test/contract/meta/**"],
          globalSetup: ["test/contract/global-setup.ts"],
        },
      },
      { test: { name: "contract-meta", include: ["test/contract/meta/**/*.test.ts"] } },
      { test: { name: "publishing", include: ["test/publishing/**/*.test.ts"] } },
      { test: { name: "breaking-changes", include: ["test/breaking-changes/**/*.test.ts"] } },
      { test: { name: "bench", include: ["test/bench/**/*.test.ts"] } },
    ],
  },
});
