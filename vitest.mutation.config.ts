import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant of src/ (`npm run test:mutation`): the client's unit tests, which
// exercise the runtime through loopback servers. No type tests (a mutant changes values, not types), no Prism.
export default defineConfig({
  test: {
    include: ["test/client/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
