// The warm typecheck of `npm run dev` (and `npm run pipeline`): TypeScript's builder program, kept across checks, with
// a cache of parsed files. It must see every edit that matters: a type change behind a re-export, a new file, a
// deleted one — and stay quiet for an edit that changes only comments.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { createTypechecker } from "../../scripts/lib/pipeline/typecheck.ts";

const tsconfig = {
  compilerOptions: {
    target: "ES2023",
    module: "ESNext",
    moduleResolution: "Bundler",
    strict: true,
    noEmit: true,
    types: [],
    lib: ["ES2023"],
  },
  include: ["*.ts"],
};

function failure(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

test("a kept typechecker reports what a fresh tsc would, after each kind of edit", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "kirim-typecheck-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => writeFile(path.join(dir, name), text);
  await write("tsconfig.json", JSON.stringify(tsconfig));
  await write("types.ts", "export interface Customer {\n  /** Display name. */\n  name: string;\n}\n");
  await write("reexport.ts", 'export type { Customer } from "./types";\n');
  await write("use.ts", 'import type { Customer } from "./reexport";\nexport const ada: Customer = { name: "Ada" };\n');
  const typechecker = createTypechecker(dir);

  expect(failure(typechecker.check)).toBeUndefined();

  // Only a comment changes (what a description edit in the spec does to the generated types).
  await write("types.ts", "export interface Customer {\n  /** The display name, changed. */\n  name: string;\n}\n");
  expect(failure(typechecker.check)).toBeUndefined();

  // A type change that breaks a file two imports away, behind a re-export.
  await write("types.ts", "export interface Customer {\n  /** The display name, changed. */\n  name: number;\n}\n");
  const broken = failure(typechecker.check);
  expect(broken).toMatch(/^use\.ts\(2,32\): error TS2322: Type 'string' is not assignable to type 'number'\./m);
  expect(broken).toContain("Typecheck failed: 1 error.");

  await write("types.ts", "export interface Customer {\n  name: string;\n}\n");
  expect(failure(typechecker.check)).toBeUndefined();

  // A new file is part of the project as soon as it exists; a deleted one stops counting.
  await write("extra.ts", "export const count: number = 'many';\n");
  expect(failure(typechecker.check)).toMatch(/^extra\.ts\(1,14\): error TS2322/m);
  await rm(path.join(dir, "extra.ts"));
  expect(failure(typechecker.check)).toBeUndefined();

  // A syntax error is reported as such.
  await write("use.ts", 'import type { Customer } from "./reexport";\nexport const ada: Customer = { name: "Ada" ;\n');
  expect(failure(typechecker.check)).toMatch(/^use\.ts\(2,\d+\): error TS1005/m);
});
