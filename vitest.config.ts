import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// One project per folder of test/, so each suite keeps its own setup (the contract suite starts Prism; the others do
// not). spec, client and contract check the API itself and run in `npm run pipeline`; the rest check our tooling:
// pipeline (each gate can fail), codegen (how operations become methods), gate (`npm run diff:spec`, its corpus and
// version discipline), mock (`npm run mock`), mutation (the mutation gate), dev (`npm run dev`'s watcher and warm
// typecheck), package (the built @kirim/client), docs (the reference in a browser), workflows (the GitHub Actions
// files), contract-meta and bench. `npm test` runs all.
export default defineConfig({
  test: {
    // Most files wait on child processes (Prism, tsc, a child vitest, a browser), so a worker more than the cores keeps
    // both busy (vitest's default is cores − 1: one worker here). Workers are reused across files (isolate: false):
    // no file stubs globals or modules, and a fresh worker per file cost half a second of CPU each.
    maxWorkers: availableParallelism() + 1,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The type tests (*.test-d.ts) compile with a tsconfig of their own files only (test/tsconfig.*.json): a program of
    // a few files, not the whole project's twice. The whole project's typecheck is `npm run typecheck`, a step of
    // `npm run ci`.
    projects: [
      {
        test: {
          name: "spec",
          include: ["test/spec/**/*.test.ts"],
          typecheck: { enabled: true, include: ["test/spec/**/*.test-d.ts"], tsconfig: "./test/tsconfig.spec.json" },
        },
      },
      { test: { name: "pipeline", include: ["test/pipeline/**/*.test.ts"] } },
      {
        test: {
          name: "client",
          include: ["test/client/**/*.test.ts"],
          typecheck: {
            enabled: true,
            include: ["test/client/**/*.test-d.ts"],
            tsconfig: "./test/tsconfig.client.json",
          },
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
      { test: { name: "dev", include: ["test/dev/**/*.test.ts"] } },
      { test: { name: "codegen", include: ["test/codegen/**/*.test.ts"] } },
      { test: { name: "gate", include: ["test/gate/**/*.test.ts"] } },
      { test: { name: "mock", include: ["test/mock/**/*.test.ts"] } },
      { test: { name: "mutation", include: ["test/mutation/**/*.test.ts"] } },
      { test: { name: "package", include: ["test/package/**/*.test.ts"] } },
      { test: { name: "docs", include: ["test/docs/**/*.test.ts"] } },
      { test: { name: "workflows", include: ["test/workflows/**/*.test.ts"] } },
      { test: { name: "bench", include: ["test/bench/**/*.test.ts"] } },
    ],
  },
});
