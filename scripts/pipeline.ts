// npm run pipeline: the API team's whole job, in order — lint, bundle, generate, typecheck, docs, tests of the API.
import { buildDocs } from "./lib/docs.ts";
import { bundle, generateClientSurface, generateTypes } from "./lib/generate.ts";
import { lint } from "./lib/lint.ts";
import { StepFailed, main, step } from "./lib/step.ts";
import { bin, run } from "./lib/tools.ts";

const pipelineTestProjects = ["spec", "client", "contract"];

async function tool(name: string, args: string[]): Promise<void> {
  const result = await run(bin(name), args);
  if (result.code !== 0) throw new StepFailed(`${name} exited with ${result.code}.`);
}

main(async () => {
  const started = performance.now();
  await step("lint", () => lint());
  await step("bundle", () => bundle("generated"));
  await step("generate types", () => generateTypes("generated"));
  await step("generate client surface", () => generateClientSurface("generated"));
  await step("typecheck", () => tool("tsc", ["--noEmit", "-p", "tsconfig.json"]));
  const docs = await step("docs", buildDocs);
  // The API's own tests; `npm test` adds the slower ones that check our tooling (see vitest.config.ts).
  await step("tests", () => tool("vitest", ["run", ...pipelineTestProjects.flatMap((name) => ["--project", name])]));
  console.log(`\nPipeline passed in ${((performance.now() - started) / 1000).toFixed(1)} s. Docs: ${docs}`);
});
