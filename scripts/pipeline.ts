// npm run pipeline: the API team's whole job, in order — lint, bundle, generate, typecheck, docs, tests of the API.
// lint → typecheck run in this process, through the same functions as `npm run lint`, `npm run generate` and the
// `npm run dev` watcher.

import { bin, runOrFail } from "./lib/cli/run-tools.ts";
import { main, step } from "./lib/cli/steps.ts";
import { buildGenerated, writeGenerated } from "./lib/codegen/generate.ts";
import { buildDocs } from "./lib/pipeline/build-docs.ts";
import { createTypechecker } from "./lib/pipeline/typecheck.ts";
import { openSpecProject } from "./lib/spec/redocly-project.ts";

const pipelineTestProjects = ["spec", "client", "contract"];

main(async () => {
  const started = performance.now();
  const project = await openSpecProject();
  const files = await buildGenerated(project);
  await step("write generated/", () => writeGenerated("generated", files));
  await step("typecheck", async () => createTypechecker().check());
  const docs = await step("docs", buildDocs);
  // The API's own tests; `npm test` adds the slower ones that check our tooling (see vitest.config.ts).
  const vitestArgs = ["run", ...pipelineTestProjects.flatMap((name) => ["--project", name])];
  await step("tests", () => runOrFail(bin("vitest"), vitestArgs));
  console.log(`\nPipeline passed in ${((performance.now() - started) / 1000).toFixed(1)} s. Docs: ${docs}`);
});
