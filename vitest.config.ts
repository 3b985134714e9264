import { defineConfig } from "vitest/config";

// One project per concern, so each suite keeps its own setup (the contract suite starts Prism; the others do not).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: "pipeline",
          include: ["test/pipeline/**/*.test.ts"],
          typecheck: { enabled: true, include: ["test/pipeline/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
      { test: { name: "client", include: ["test/client/**/*.test.ts"] } },
      {
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts"],
          globalSetup: ["test/contract/global-setup.ts"],
        },
      },
      { test: { name: "publishing", include: ["test/publishing/**/*.test.ts"] } },
      { test: { name: "bench", include: ["test/bench/**/*.test.ts"] } },
    ],
  },
});
