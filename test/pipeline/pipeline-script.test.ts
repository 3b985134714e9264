// `npm run pipeline` stops at the first failing step and says which one; later steps do not run on a broken spec.
import { expect, onTestFinished, test } from "vitest";
import { copyProject, runScript } from "../support/project-copy.ts";

test("a lint failure stops the pipeline before anything is regenerated", async () => {
  const copy = await copyProject();
  onTestFinished(() => copy.remove());
  await copy.edit("openapi/components/responses/NotFound.yaml", /\n\s+message: .*/, "");
  const typesBefore = await copy.read("generated/kirim-api.ts");

  const result = await runScript("pipeline.ts", [], copy.dir);

  expect(result.code).toBe(1);
  expect(result.stdout).toContain("▶ lint");
  expect(result.stderr).toContain("✖ lint failed");
  expect(result.stdout).not.toContain("▶ bundle");
  expect(await copy.read("generated/kirim-api.ts")).toBe(typesBefore);
});
