// `npm run pipeline` stops at the first failing step and says which one; later steps do not run on a broken spec or
// a project that does not type-check.
import { expect, onTestFinished, test } from "vitest";
import { copyProject, specAndClientParts } from "../helpers/project-copy.ts";
import { runScriptInProcess } from "../helpers/run.ts";

test("a lint failure stops the pipeline before anything is regenerated", async () => {
  const copy = await copyProject();
  onTestFinished(() => copy.remove());
  await copy.edit("openapi/components/responses/NotFound.yaml", /\n\s+message: .*/, "");
  const typesBefore = await copy.read("generated/kirim-api.ts");
  const bundleBefore = await copy.read("generated/openapi.yaml");

  const result = await runScriptInProcess("pipeline.ts", [], copy.dir);

  expect(result.code).toBe(1);
  expect(result.stdout).toContain("▶ lint");
  expect(result.stderr).toContain("✖ lint failed");
  expect(result.stdout).not.toContain("▶ bundle");
  expect(await copy.read("generated/kirim-api.ts")).toBe(typesBefore);
  expect(await copy.read("generated/openapi.yaml")).toBe(bundleBefore);
});

test("a type error stops the pipeline at typecheck, with tsc's message, before the docs and tests", async () => {
  const copy = await copyProject(specAndClientParts);
  onTestFinished(() => copy.remove());
  await copy.write("src/broken.ts", "export const count: number = 'many';\n");

  const result = await runScriptInProcess("pipeline.ts", [], copy.dir);

  expect(result.code).toBe(1);
  expect(result.stdout).toContain("✔ write generated/");
  expect(result.stderr).toContain("✖ typecheck failed");
  expect(result.stderr).toMatch(
    /^src\/broken\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\./m,
  );
  expect(result.stderr).toContain("Typecheck failed: 1 error.");
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(result.stdout).not.toContain("▶ docs");
});
