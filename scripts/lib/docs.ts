import { StepFailed } from "./step.ts";
import { bin, run } from "./tools.ts";
import { bundleFile } from "./generate.ts";

export const docsFile = "dist/docs/index.html";

/** Builds the published reference from the bundle, with Redoc inlined so the page works offline. */
export async function buildDocs(): Promise<string> {
  const result = await run(bin("redocly"), [
    "build-docs",
    `generated/${bundleFile}`,
    "--inlineBundle",
    "--title",
    "Kirim API reference",
    "--output",
    docsFile,
  ]);
  if (result.code !== 0) throw new StepFailed(`redocly build-docs exited with ${result.code}.`);
  return docsFile;
}
