// npm run ci [-- --lint-format github-actions]: the checks CI runs after `npm ci`, in one place, so .ci/run and
// .github/workflows/ci.yml cannot drift apart. Stops at the first step that fails.

import { runOrFail } from "./lib/cli/run-tools.ts";
import { main, parseOptions, step } from "./lib/cli/steps.ts";

const usage = "usage: npm run ci [-- --lint-format <redocly format, e.g. github-actions>]";

/**
 * The npm commands CI runs, in order: the spec's lint (first, for its annotations), the whole project's typecheck (the
 * type tests in `npm test` compile only their own files), every test, the docs build. No check runs twice: `npm test`
 * already runs `lint:code` and `check:generated` on the project (test/pipeline/code-style and drift).
 */
export function ciSteps(lintFormat?: string): string[][] {
  return [
    ["run", "lint", ...(lintFormat ? ["--", "--format", lintFormat] : [])],
    ["run", "typecheck"],
    ["test"],
    ["run", "docs"],
  ];
}

function options(): { lintFormat: string | undefined } {
  const { values } = parseOptions({ options: { "lint-format": { type: "string" } } }, usage);
  return { lintFormat: values["lint-format"] };
}

if (import.meta.main) {
  main(async () => {
    const { lintFormat } = options();
    for (const args of ciSteps(lintFormat)) {
      await step(`npm ${args.join(" ")}`, () => runOrFail("npm", args));
    }
  });
}
