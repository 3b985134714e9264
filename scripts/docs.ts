// npm run docs: generated/openapi.yaml → dist/docs/index.html (self-contained).

import { main, step } from "./lib/cli/steps.ts";
import { buildDocs } from "./lib/pipeline/build-docs.ts";

main(async () => {
  const file = await step("docs", buildDocs);
  console.log(`Docs: ${file}`);
});
