import { StepFailed } from "./step.ts";
import { bin, run } from "./tools.ts";
import { specRoot } from "./generate.ts";

/** Lints openapi/ with redocly.yaml (recommended-strict plus house rules). Extra args go to `redocly lint`. */
export async function lint(extraArgs: string[] = []): Promise<void> {
  const result = await run(bin("redocly"), ["lint", specRoot, ...extraArgs]);
  if (result.code !== 0) throw new StepFailed("Lint failed: fix the problems above in openapi/.");
}
