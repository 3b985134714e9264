// `npm run generate` fails atomically and legibly: whatever breaks, generated/ stays byte for byte as it was, and the
// message names openapi/<file>.yaml:<line> once, with no stack trace and no advice to ignore or force past errors.
import { readdir } from "node:fs/promises";
import { expect, onTestFinished, test } from "vitest";
import { copyProject, folderContents, type ProjectCopy } from "../helpers/project-copy.ts";
import { runScriptInProcess } from "../helpers/run.ts";

const pathFile = "openapi/paths/customers_{id}.yaml";

/** A good edit that changes the bundle and the types. */
function addPhoneField(copy: ProjectCopy): Promise<void> {
  return copy.edit(
    "openapi/components/schemas/Customer.yaml",
    "  team_id:\n",
    "  phone:\n    type: string\n    description: Phone number.\n  team_id:\n",
  );
}

/** Breaks a copy of the project, runs `npm run generate` there, and checks what must hold for every failure. */
async function generateBroken(breakIt: (copy: ProjectCopy) => Promise<void>) {
  const copy = await copyProject();
  onTestFinished(() => copy.remove());
  // A good edit as well, which would change the bundle and the types: a half-done run could not go unnoticed.
  await addPhoneField(copy);
  await breakIt(copy);
  const before = await folderContents(copy.file("generated"));
  const result = await runScriptInProcess("generate.ts", [], copy.dir);
  const output = result.stdout + result.stderr;
  expect(result.code, output).toBe(1);
  expect(await folderContents(copy.file("generated"))).toEqual(before);
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(output).not.toMatch(/--generate-ignore-file|--force|ignore file/);
  expect(await readdir(copy.file(".tmp")).catch(() => [])).toEqual([]); // no staging folder left behind
  return { copy, output, stderr: result.stderr, problems: problemLines(output) };
}

/** The `openapi/<file>.yaml:<line>:<col>  …` lines; each must appear once. */
function problemLines(output: string): string[] {
  const lines = output.split("\n").filter((line) => /^openapi\/\S+\.yaml:\d+:\d+ /.test(line));
  expect(new Set(lines).size, output).toBe(lines.length);
  return lines;
}

/** The text of `file` at the 1-based `line` named in a problem line. */
async function lineOf(copy: ProjectCopy, problem: string): Promise<string> {
  const [, file, line] = /^(\S+\.yaml):(\d+):\d+ /.exec(problem)!;
  return (await copy.read(file!)).split("\n")[Number(line) - 1]!;
}

test("an example that breaks its schema: generated/ untouched, the example's file and line named with what to change", async () => {
  const { copy, output, stderr, problems } = await generateBroken((c) =>
    c.edit(
      pathFile,
      /metadata:\n\s+plan: pro\n\s+seats: 3\n(\s+)status: active/,
      "metadata: plan=pro\n$1status: active",
    ),
  );
  expect(problems, output).toHaveLength(1);
  expect(problems[0]).toMatch(
    /^openapi\/paths\/customers_\{id\}\.yaml:\d+:\d+ {2}error {2}no-invalid-media-type-examples {2}.*`metadata`/,
  );
  expect(await lineOf(copy, problems[0]!)).toContain("metadata: plan=pro");
  expect(output).toContain("change the example (or the schema, if the example is right)");
  expect(stderr).toContain("Lint failed: 1 problem in openapi/.");
});

test("a $ref to a missing file: generated/ untouched, the $ref's file and line named", async () => {
  const { copy, output, problems } = await generateBroken((c) =>
    c.edit(pathFile, "../components/responses/NotFound.yaml", "../components/responses/Gone.yaml"),
  );
  const unresolved = problems.find((line) => line.includes("  no-unresolved-refs  "));
  expect(unresolved, output).toMatch(
    /^openapi\/paths\/customers_\{id\}\.yaml:\d+:\d+ {2}error {2}no-unresolved-refs {2}.*components\/responses\/Gone\.yaml/,
  );
  expect(await lineOf(copy, unresolved!)).toContain("$ref: ../components/responses/Gone.yaml");
  expect(output).not.toContain(copy.dir); // paths are shown relative to the project
});

test("a referenced file that is not valid YAML: generated/ untouched, the file and line of the syntax error named", async () => {
  const { output, problems } = await generateBroken((c) =>
    c.edit("openapi/components/schemas/Error.yaml", "type: object\n", "type: object\n  oops: [\n"),
  );
  expect(problems.length, output).toBeGreaterThan(0);
  expect(
    problems.some((line) =>
      /^openapi\/components\/schemas\/Error\.yaml:\d+:\d+ {2}error {2}no-unresolved-refs {2}Failed to parse/.test(line),
    ),
    output,
  ).toBe(true);
});

test("a good spec after a failure generates again, and a second run changes nothing", async () => {
  const copy = await copyProject();
  onTestFinished(() => copy.remove());
  await addPhoneField(copy);
  const missingRef = ["../components/responses/NotFound.yaml", "../components/responses/Gone.yaml"] as const;
  await copy.edit(pathFile, ...missingRef);
  const failed = await runScriptInProcess("generate.ts", [], copy.dir);
  expect(failed.code, failed.stderr).toBe(1);
  await copy.edit(pathFile, missingRef[1], missingRef[0]);
  const first = await runScriptInProcess("generate.ts", [], copy.dir);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain("Wrote generated/openapi.yaml, generated/kirim-api.ts.");
  expect(await copy.read("generated/kirim-api.ts")).toContain("phone?: string;");
  const second = await runScriptInProcess("generate.ts", [], copy.dir);
  expect(second.stdout).toContain("generated/ was already up to date.");
});

test("a root openapi.yaml that is not valid YAML: generated/ untouched, its line named", async () => {
  const { copy, output, problems } = await generateBroken((c) =>
    c.edit("openapi/openapi.yaml", /\ninfo:\n/, "\ninfo:\n   oops: [\n"),
  );
  expect(problems, output).toHaveLength(1);
  expect(problems[0]).toMatch(/^openapi\/openapi\.yaml:\d+:\d+ {2}error {2}yaml {2}/);
  // The YAML parser notices the unclosed `[` on the next line, and names that one.
  expect(await lineOf(copy, problems[0]!)).toContain("title: Kirim API");
});
