// The type-level tests are a gate too: against types that accept the seed's mistakes, they must fail to compile.
import { cp, mkdir, writeFile } from "node:fs/promises";
import { expect, onTestFinished, test } from "vitest";
import { bin, projectRoot } from "../../scripts/lib/tools.ts";
import { copyProject } from "../helpers/project-copy.ts";
import { runCommand } from "../helpers/run.ts";

const typeTest = "test/spec/generated-types.test-d.ts";

async function compileTypeTestAgainst(loosen: (types: string) => string) {
  const copy = await copyProject(["generated"]);
  onTestFinished(() => copy.remove());
  await mkdir(copy.file("test/spec"), { recursive: true });
  await cp(`${projectRoot}/${typeTest}`, copy.file(typeTest));
  await cp(`${projectRoot}/tsconfig.json`, copy.file("tsconfig.json"));
  await cp(`${projectRoot}/package.json`, copy.file("package.json"));
  await copy.write("generated/kirim-api.ts", loosen(await copy.read("generated/kirim-api.ts")));
  await writeFile(
    copy.file("tsconfig.check.json"),
    JSON.stringify({ extends: "./tsconfig.json", include: [typeTest, "generated"] }),
  );
  return runCommand(bin("tsc"), ["--noEmit", "-p", "tsconfig.check.json"], copy.dir);
}

function replaceOrThrow(text: string, from: RegExp, to: string): string {
  if (!from.test(text)) throw new Error(`${from} not found in generated types`);
  return text.replace(from, to);
}

test("the type tests compile against the committed generated types", async () => {
  const result = await compileTypeTestAgainst((types) => types);
  expect(result.stdout).toBe("");
  expect(result.code).toBe(0);
});

test("they fail when metadata would accept a string", async () => {
  const result = await compileTypeTestAgainst((types) =>
    replaceOrThrow(
      types,
      /Metadata: \{\n\s+\[key: string\]: unknown;\n\s+\} \| null;/,
      "Metadata: { [key: string]: unknown } | string | null;",
    ),
  );
  expect(result.code).not.toBe(0);
  expect(result.stdout).toContain("Unused '@ts-expect-error' directive");
});

test("they fail when the request body would accept unknown fields", async () => {
  const result = await compileTypeTestAgainst((types) =>
    replaceOrThrow(types, /CustomerUpdate: \{\n/, "CustomerUpdate: {\n            [key: string]: unknown;\n"),
  );
  expect(result.code).not.toBe(0);
  expect(result.stdout).toContain("Unused '@ts-expect-error' directive");
});

test("they fail when a required response field goes missing", async () => {
  const result = await compileTypeTestAgainst((types) => replaceOrThrow(types, /\n\s+team_id: string;/, ""));
  expect(result.code).not.toBe(0);
  expect(result.stdout).toContain("team_id");
});
