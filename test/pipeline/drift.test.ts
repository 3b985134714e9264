// The drift gate: `npm run check:generated` passes on the committed tree and fails, naming the fix, when generated/ is stale.
import { rm } from "node:fs/promises";
import { expect, onTestFinished, test } from "vitest";
import { projectRoot } from "../../scripts/lib/tools.ts";
import { copyProject } from "../helpers/project-copy.ts";
import { runScript } from "../helpers/run.ts";

async function freshCopy() {
  const copy = await copyProject();
  onTestFinished(() => copy.remove());
  return copy;
}

test("generated/ in the working tree is what openapi/ produces", async () => {
  const result = await runScript("check-generated.ts", [], projectRoot);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
});

test("a spec edit without regenerating fails the check; `npm run generate` makes it pass again", async () => {
  const copy = await freshCopy();
  await copy.edit(
    "openapi/components/schemas/Customer.yaml",
    "  team_id:\n",
    "  phone:\n    type: string\n    description: Phone number in E.164 form.\n  team_id:\n",
  );

  const stale = await runScript("check-generated.ts", [], copy.dir);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain("generated/kirim-api.ts");
  expect(stale.stderr).toContain("generated/openapi.yaml");
  expect(stale.stderr).toContain("Run `npm run generate`");
  expect(stale.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

  const generate = await runScript("generate.ts", [], copy.dir);
  expect(generate.code).toBe(0);
  expect(await copy.read("generated/kirim-api.ts")).toContain("phone?: string;");

  const fresh = await runScript("check-generated.ts", [], copy.dir);
  expect(fresh.code).toBe(0);
});

test("a hand edit of generated/ fails the check", async () => {
  const copy = await freshCopy();
  await copy.edit("generated/kirim-api.ts", "team_id: string;", "team_id: string | number;");
  const result = await runScript("check-generated.ts", [], copy.dir);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("generated/kirim-api.ts");
  expect(result.stderr).not.toContain("generated/openapi.yaml");
});

test("a missing generated file fails the check", async () => {
  const copy = await freshCopy();
  await rm(copy.file("generated/openapi.yaml"));
  const result = await runScript("check-generated.ts", [], copy.dir);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("generated/openapi.yaml (missing)");
});

test("a spec that does not bundle fails generate with the tool's message, not a stack trace", async () => {
  const copy = await freshCopy();
  await copy.edit(
    "openapi/paths/customers_{id}.yaml",
    "../components/responses/NotFound.yaml",
    "../components/responses/Gone.yaml",
  );
  const result = await runScript("generate.ts", [], copy.dir);
  expect(result.code).toBe(1);
  expect(result.stdout + result.stderr).toMatch(/Gone\.yaml/);
  expect(result.stderr).not.toMatch(/\n\s+at .+\.ts:\d+:\d+/);
});
