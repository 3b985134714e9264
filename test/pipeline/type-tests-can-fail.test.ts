// The type-level tests (test/spec/*.test-d.ts on the generated types, test/client/*.test-d.ts on the client) are a
// gate too: against types loosened to accept the seed's mistakes or to lose what the client promises, they must fail
// to compile.
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { createTypechecker, type Typechecker } from "../../scripts/lib/pipeline/typecheck.ts";
import { compileErrors } from "../helpers/compile-errors.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";

/** A copy of `parts` with `typeTests` and a tsconfig for just them, and the project's incremental typechecker on it
 * (scripts/lib/pipeline/typecheck.ts, what `npm run dev` keeps warm): after the first check, a loosening re-checks only
 * what it affects, where a `tsc` per loosening would parse every lib again. */
async function typeTestCopy(
  typeTests: string[],
  parts: string[],
): Promise<{ copy: ProjectCopy; checker: Typechecker }> {
  const copy = await copyProject([...parts, "tsconfig.json", "package.json"]);
  for (const file of typeTests) {
    await mkdir(path.dirname(copy.file(file)), { recursive: true });
    await cp(path.join(projectRoot, file), copy.file(file));
  }
  await copy.write(
    "tsconfig.check.json",
    JSON.stringify({ extends: "./tsconfig.json", include: [...typeTests, ...parts] }),
  );
  return { copy, checker: createTypechecker(copy.dir, "tsconfig.check.json") };
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
    typeTests: [
      "test/client/client-types.test-d.ts",
      "test/client/error-codes.test-d.ts",
      "test/client/error-narrowing.test-d.ts",
    ],
    parts: ["generated", "src"],
    loosenings: [
      {
        when: "customers.update would take any body",
        file: "generated/client.ts",
        from: "body: CustomerUpdate",
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
        when: "instanceof KirimApiError no longer narrows to the union of the error classes",
        file: "src/errors.ts",
        from: "declare static readonly [Symbol.hasInstance]",
        to: "declare static readonly notHasInstance",
        fails: /error-narrowing\.test-d\.ts.*Property 'retryAfterMs' does not exist/,
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
    let copy: ProjectCopy;
    let checker: Typechecker;
    beforeAll(async () => {
      ({ copy, checker } = await typeTestCopy(typeTests, parts));
    });
    afterAll(() => copy?.remove());

    test("compile against the committed code", () => {
      expect(compileErrors(checker)).toBe("");
    });

    // One at a time on the one copy: each loosening is undone before the next. The next check re-checks what the undo
    // touched along with its own loosening, so the copy is checked clean once, after the last, not after each.
    test.for(loosenings)("fail when $when", async ({ file, from, to, fails }) => {
      const committed = await copy.read(file);
      await copy.edit(file, from, to);
      try {
        const errors = compileErrors(checker);
        expect(errors).not.toBe("");
        if (typeof fails === "string") expect(errors).toContain(fails);
        else expect(errors).toMatch(fails);
      } finally {
        await copy.write(file, committed);
      }
    });

    test("compile again once every loosening is undone", () => {
      expect(compileErrors(checker)).toBe("");
    });
  });
}
