// The client's type tests (test/client/*.test-d.ts) are a gate too: against a client whose public types were
// loosened, they must fail to compile.
import { cp, mkdir, writeFile } from "node:fs/promises";
import { expect, onTestFinished, test } from "vitest";
import { bin, projectRoot } from "../../scripts/lib/tools.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
import { runCommand } from "../helpers/run.ts";

const typeTests = ["test/client/client-types.test-d.ts", "test/client/error-codes.test-d.ts"];

/** Type-checks the client's type tests in a copy of src/ and generated/ that `loosen` has edited first. */
async function compileClientTypeTests(loosen: (copy: ProjectCopy) => Promise<void>) {
  const copy = await copyProject(["generated", "src", "tsconfig.json", "package.json"]);
  onTestFinished(() => copy.remove());
  await mkdir(copy.file("test/client"), { recursive: true });
  for (const file of typeTests) await cp(`${projectRoot}/${file}`, copy.file(file));
  await writeFile(
    copy.file("tsconfig.check.json"),
    JSON.stringify({ extends: "./tsconfig.json", include: [...typeTests, "src", "generated"] }),
  );
  await loosen(copy);
  return runCommand(bin("tsc"), ["--noEmit", "-p", "tsconfig.check.json"], copy.dir);
}

test("the client's type tests compile against the committed client", async () => {
  const result = await compileClientTypeTests(async () => {});
  expect(result.stdout).toBe("");
  expect(result.code).toBe(0);
});

test("they fail when customers.update would take any body", async () => {
  const result = await compileClientTypeTests((copy) =>
    copy.edit(
      "generated/client.ts",
      'body: NonNullable<paths["/customers/{id}"]["patch"]["requestBody"]>["content"]["application/json"]',
      "body: any",
    ),
  );
  expect(result.code).not.toBe(0);
  expect(result.stdout).toMatch(/client-types\.test-d\.ts.*Unused '@ts-expect-error' directive/);
});

test("they fail when an error class no longer types its status as its literal", async () => {
  const result = await compileClientTypeTests((copy) =>
    copy.edit(
      "src/errors.ts",
      "class ValidationError extends KirimApiError<422>",
      "class ValidationError extends KirimApiError",
    ),
  );
  expect(result.code).not.toBe(0);
  expect(result.stdout).toContain("client-types.test-d.ts");
});

test("they fail when KnownErrorCode collapses to string (editors would complete nothing)", async () => {
  const result = await compileClientTypeTests((copy) =>
    copy.edit("generated/client.ts", /export type KnownErrorCode = .*;/, "export type KnownErrorCode = string;"),
  );
  expect(result.code).not.toBe(0);
  expect(result.stdout).toContain("error-codes.test-d.ts");
});
