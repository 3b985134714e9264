import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant of src/ (`npm run test:mutation`): the client's unit tests, which
// exercise the runtime through loopback servers. No type tests (a mutant changes values, not types), no Prism.
export default defineConfig({
  test: {
    include: ["test/client/**/*.test.ts"],
    // It typechecks the README's snippets (types, which no mutant changes) and its compiler cannot find the type
    // definitions from inside Stryker's sandbox.
    exclude: ["test/client/readme-snippets.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
