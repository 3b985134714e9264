// The docs show a table of error codes per response: the `kirim/error-codes-table` decorator writes each
// response's `x-kirim-error-codes` into its description at bundle time, so the bundle, the mock and the docs carry it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { copyProject } from "../helpers/project-copy.ts";
import { runScriptInProcess } from "../helpers/run.ts";

type Json = any;

function errorResponses(bundle: Json): [string, Json][] {
  return Object.entries(bundle.components.responses as Record<string, Json>).filter(
    ([, response]) => response["x-kirim-error-codes"],
  );
}

function tableRow(code: string, meaning: string): string {
  return `| \`${code}\` | ${meaning.replaceAll("|", "\\|")} |`;
}

test("every error response of the committed bundle lists each documented code with its meaning", async () => {
  const bundle = parse(await readFile(path.join(projectRoot, "generated/openapi.yaml"), "utf8"));
  const responses = errorResponses(bundle);
  expect(responses.map(([name]) => name).sort()).toEqual([
    "AuthenticationFailed",
    "EntitlementRequired",
    "InternalError",
    "NotFound",
    "RateLimited",
    "ValidationFailed",
  ]);
  for (const [name, response] of responses) {
    const description: string = response.description;
    expect(description.match(/\*\*Error codes\*\*/g), name).toHaveLength(1);
    for (const [code, meaning] of Object.entries(response["x-kirim-error-codes"] as Record<string, string>)) {
      expect(description, `${name}: ${code}`).toContain(tableRow(code, meaning));
    }
  }
});

test("a code added to the spec shows up in the bundled table, a pipe in its meaning escaped", async () => {
  const copy = await copyProject();
  onTestFinished(() => copy.remove());
  await copy.edit(
    "openapi/components/responses/NotFound.yaml",
    "x-kirim-error-codes:\n",
    "x-kirim-error-codes:\n  customer_archived: The customer was archived | deleted.\n",
  );
  const result = await runScriptInProcess("bundle.ts", [], copy.dir);
  expect(result.code, result.stderr).toBe(0);
  const notFound = parse(await copy.read("generated/openapi.yaml")).components.responses.NotFound;
  expect(notFound.description).toContain("| `customer_archived` | The customer was archived \\| deleted. |");
  expect(notFound.description).toContain("| `resource_missing` |");
});
