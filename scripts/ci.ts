// npm run ci [-- --lint-format github-actions]: the checks CI runs after `npm ci`, in one place, so .ci/run and
// .github/workflows/ci.yml cannot drift apart. Stops at the first step that fails.
import { parseArgs } from "node:util";
import { main, StepFailed, step } from "./lib/step.ts";
import { runOrFail } from "./lib/tools.ts";

const usage = "usage: npm run ci [-- --lint-format <redocly format, e.g. github-actions>]";

/** The npm commands CI runs, in order: the spec's lint, the code's style, the drift check, every test, the docs build. */
export function ciSteps(lintFormat?: string): string[][] {
  return [
    ["run", "lint", ...(lintFormat ? ["--", "--format", lintFormat] : [])],
    ["run", "lint:code"],
    ["run", "check:generated"],
    ["test"],
    ["run", "docs"],
  ];
}

function options(): { lintFormat: string | undefined } {
  try {
    const { values } = parseArgs({ options: { "lint-format": { type: "string" } } });
    return { lintFormat: values["lint-format"] };
  } catch (error) {
    throw new StepFailed(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

if (import.meta.main) {
  main(async () => {
    const { lintFormat } = options();
    for (const args of ciSteps(lintFormat)) {
      await step(`npm ${args.join(" ")}`, () => runOrFail("npm", args));
    }
  });
}
