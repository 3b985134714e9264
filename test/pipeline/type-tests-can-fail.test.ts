// The type-level tests (test/spec/*.test-d.ts on the generated types, test/client/*.test-d.ts on the client) are a
// gate too: against types loosened to accept the seed's mistakes or to lose what the client promises, they must fail
// to compile.
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { bin, projectRoot } from "../../scripts/lib/cli/run-tools.ts";
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

interface Loosening {
  when: string;
  file: string;
  from: string | RegExp;
  to: string;
  /** What tsc's output must show. */
  fails: string | RegExp;
}

const unusedExpectError = "Unused '@ts-expect-error' directive";
const gates: Array<{ name: string; typeTests: string[]; parts: string[]; loosenings: Loosening[] }> = [
  {
    name: "the generated types' type tests",
    typeTests: ["test/spec/generated-types.test-d.ts"],
    parts: ["generated"],
    loosenings: [
      {
        when: "metadata would accept a string",
        file: "generated/kirim-api.ts",
        from: /Metadata: \{\n\s+\[key: string\]: unknown;\n\s+\} \| null;/,
        to: "Metadata: { [key: string]: unknown } | string | null;",
        fails: unusedExpectError,
      },
      {
        when: "the request body would accept unknown fields",
        file: "generated/kirim-api.ts",
        from: /CustomerUpdate: \{\n/,
        to: "CustomerUpdate: {\n            [key: string]: unknown;\n",
        fails: unusedExpectError,
      },
      {
        when: "a required response field goes missing",
        file: "generated/kirim-api.ts",
        from: /\n\s+team_id: string;/,
        to: "",
        fails: "team_id",
      },
    ],
  },
  {
    name: "the client's type tests",
    typeTests: ["test/client/client-types.test-d.ts", "test/client/error-codes.test-d.ts"],
    parts: ["generated", "src"],
    loosenings: [
      {
        when: "customers.update would take any body",
        file: "generated/client.ts",
        from: 'body: NonNullable<paths["/customers/{id}"]["patch"]["requestBody"]>["content"]["application/json"]',
        to: "body: any",
        fails: /client-types\.test-d\.ts.*Unused '@ts-expect-error' directive/,
      },
      {
        when: "an error class no longer types its status as its literal",
        file: "src/errors.ts",
        from: "class ValidationError extends KirimApiError<422>",
        to: "class ValidationError extends KirimApiError",
        fails: "client-types.test-d.ts",
      },
      {
        when: "KnownErrorCode collapses to string (editors would complete nothing)",
        file: "generated/client.ts",
        from: /export type KnownErrorCode = .*;/,
        to: "export type KnownErrorCode = string;",
        fails: "error-codes.test-d.ts",
      },
    ],
  },
];

for (const { name, typeTests, parts, loosenings } of gates) {
  describe(name, () => {
    test("compile against the committed code", async () => {
      const result = await compileTypeTests(typeTests, parts, async () => {});
      expect(result.stdout).toBe("");
      expect(result.code).toBe(0);
    });

    test.for(loosenings)("fail when $when", async ({ file, from, to, fails }) => {
      const result = await compileTypeTests(typeTests, parts, (copy) => copy.edit(file, from, to));
      expect(result.code).not.toBe(0);
      if (typeof fails === "string") expect(result.stdout).toContain(fails);
      else expect(result.stdout).toMatch(fails);
    });
  });
}
