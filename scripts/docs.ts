// npm run docs: generated/openapi.yaml → dist/docs/index.html (self-contained).
import { buildDocs } from "./lib/docs.ts";
import { main, step } from "./lib/step.ts";

main(async () => {
  const file = await step("docs", buildDocs);
  console.log(`Docs: ${file}`);
});
