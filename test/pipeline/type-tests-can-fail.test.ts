// The type-level tests (test/spec/*.test-d.ts on the generated types, test/client/*.test-d.ts on the client) are a
// gate too: against types loosened to accept the seed's mistakes or to lose what the client promises, they must fail
// to compile.
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { bin, projectRoot } from "../../scripts/lib/tools.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
import { runCommand } from "../helpers/run.ts";

/** Type-checks `typeTests` in a copy of `parts` that `loosen` has edited first. */
async function compileTypeTests(typeTests: string[], parts: string[], loosen: (copy: ProjectCopy) => Promise<void>) {
  const copy = await copyProject([...parts, "tsconfig.json", "package.json"]);
  onTestFinished(() => copy.remove());
  for (const file of typeTests) {
    await mkdir(path.dirname(copy.file(file)), { recursive: true });
    await cp(path.join(projectRoot, file), copy.file(file));
  }
  await copy.write(
    "tsconfig.check.json",
    JSON.stringify({ extends: "./tsconfig.json", include: [...typeTests, ...parts] }),
  );
  await loosen(copy);
  return runCommand(bin("tsc"), ["--noEmit", "-p", "tsconfig.check.json"], copy.dir);
}

describe("the generated types' type tests", () => {
  const compile = (loosen: (copy: ProjectCopy) => Promise<void>) =>
    compileTypeTests(["test/spec/generated-types.test-d.ts"], ["generated"], loosen);
  const types = "generated/kirim-api.ts";

  test("compile against the committed generated types", async () => {
    const result = await compile(async () => {});
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });

  test("fail when metadata would accept a string", async () => {
    const result = await compile((copy) =>
      copy.edit(
        types,
        /Metadata: \{\n\s+\[key: string\]: unknown;\n\s+\} \| null;/,
        "Metadata: { [key: string]: unknown } | string | null;",
      ),
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain("Unused '@ts-expect-error' directive");
  });

  test("fail when the request body would accept unknown fields", async () => {
    const result = await compile((copy) =>
      copy.edit(types, /CustomerUpdate: \{\n/, "CustomerUpdate: {\n            [key: string]: unknown;\n"),
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain("Unused '@ts-expect-error' directive");
  });

  test("fail when a required response field goes missing", async () => {
    const result = await compile((copy) => copy.edit(types, /\n\s+team_id: string;/, ""));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain("team_id");
  });
});

describe("the client's type tests", () => {
  const compile = (loosen: (copy: ProjectCopy) => Promise<void>) =>
    compileTypeTests(
      ["test/client/client-types.test-d.ts", "test/client/error-codes.test-d.ts"],
      ["generated", "src"],
      loosen,
    );

  test("compile against the committed client", async () => {
    const result = await compile(async () => {});
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });

  test("fail when customers.update would take any body", async () => {
    const result = await compile((copy) =>
      copy.edit(
        "generated/client.ts",
        'body: NonNullable<paths["/customers/{id}"]["patch"]["requestBody"]>["content"]["application/json"]',
        "body: any",
      ),
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/client-types\.test-d\.ts.*Unused '@ts-expect-error' directive/);
  });

  test("fail when an error class no longer types its status as its literal", async () => {
    const result = await compile((copy) =>
      copy.edit(
        "src/errors.ts",
        "class ValidationError extends KirimApiError<422>",
        "class ValidationError extends KirimApiError",
      ),
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain("client-types.test-d.ts");
  });

  test("fail when KnownErrorCode collapses to string (editors would complete nothing)", async () => {
    const result = await compile((copy) =>
      copy.edit("generated/client.ts", /export type KnownErrorCode = .*;/, "export type KnownErrorCode = string;"),
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain("error-codes.test-d.ts");
  });
});
