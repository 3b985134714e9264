// npm run check:generated: fails when generated/ is not exactly what openapi/ produces.
import { main, StepFailed, step } from "./lib/cli/steps.ts";
import { buildGenerated } from "./lib/codegen/generate.ts";
import { staleFiles, staleMessage } from "./lib/codegen/stale-files.ts";
import { openSpecProject } from "./lib/spec/redocly-project.ts";

const committedDir = "generated";

main(async () => {
  const fresh = await buildGenerated(await openSpecProject());
  await step("compare with generated/", async () => {
    const stale = await staleFiles(committedDir, fresh);
    if (stale.length > 0) throw new StepFailed(staleMessage(committedDir, stale, "openapi/", "npm run generate"));
  });
});
