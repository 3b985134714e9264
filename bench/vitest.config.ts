import { defineConfig } from "vitest/config";

// `vitest bench` for the client-overhead bench only; run by bench/run.ts (section "overhead"), not by `npm test`.
export default defineConfig({
  root: `${import.meta.dirname}/..`,
  test: { benchmark: { include: ["bench/**/*.bench.ts"] }, testTimeout: 300_000, hookTimeout: 60_000 },
});
