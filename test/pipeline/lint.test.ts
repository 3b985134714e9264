// The lint gate: the real spec is clean, and each house rule fires on the defect it exists for.
import { describe, expect, onTestFinished, test } from "vitest";
import { bin, copyProject, projectRoot, runCommand, runScript, type ProjectCopy } from "../support/project-copy.ts";

const pathFile = "openapi/paths/customers_{id}.yaml";

async function brokenCopy(
  breakIt: (copy: ProjectCopy) => Promise<void>,
  finished: typeof onTestFinished = onTestFinished,
): Promise<ProjectCopy> {
  const copy = await copyProject();
  finished(() => copy.remove());
  await breakIt(copy);
  return copy;
}

async function ruleIdsOf(copy: ProjectCopy): Promise<{ code: number; ruleIds: string[]; messages: string[] }> {
  // Redocly exits before a piped stdout drains, so its JSON report goes to a file.
  const result = await runCommand(
    "sh",
    ["-c", `"${bin("redocly")}" lint openapi/openapi.yaml --format json > lint-report.json`],
    copy.dir,
  );
  const report = JSON.parse(await copy.read("lint-report.json")) as { problems: { ruleId: string; message: string }[] };
  return {
    code: result.code,
    ruleIds: [...new Set(report.problems.map((problem) => problem.ruleId))].sort(),
    messages: report.problems.map((problem) => problem.message),
  };
}

test("the spec in openapi/ lints clean through `npm run lint`", async () => {
  const result = await runScript("lint.ts", [], projectRoot);
  expect(result.stdout + result.stderr).toContain("✔ lint");
  expect(result.code).toBe(0);
});

test("a failing lint exits 1 with a clear message and no stack trace", async () => {
  const copy = await brokenCopy((c) => c.edit(pathFile, "operationId: updateCustomer", "operationId: update_customer"));
  const result = await runScript("lint.ts", [], copy.dir);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("Lint failed");
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
});

describe("each house rule fires on the defect it guards against", () => {
  const cases: { defect: string; rule: string; breakIt: (copy: ProjectCopy) => Promise<void> }[] = [
    {
      defect: "200 example missing a required Customer field (the seed's example lacked seven)",
      rule: "no-invalid-media-type-examples",
      breakIt: (c) => c.edit(pathFile, /\n\s+team_id: team_01HXYZABCDEFGHJKMNPQRSTVWX/, ""),
    },
    {
      defect: "error example without the required message (as in every seed error example)",
      rule: "no-invalid-media-type-examples",
      breakIt: (c) => c.edit("openapi/components/responses/NotFound.yaml", /\n\s+message: .*/, ""),
    },
    {
      defect: "request example sending metadata as a string (the seed's code samples)",
      rule: "no-invalid-media-type-examples",
      breakIt: (c) => c.edit(pathFile, /metadata:\n\s+plan: pro\n\s+seats: 3\n\s+status: active/, "metadata: example\n              status: active"),
    },
    {
      defect: "snake_case operationId",
      rule: "rule/operation-id-camel-case",
      breakIt: (c) => c.edit(pathFile, "operationId: updateCustomer", "operationId: update_customer"),
    },
    {
      defect: "operation without a 429 response",
      rule: "rule/operation-declares-common-errors",
      breakIt: (c) => c.edit(pathFile, /\n\s+'429':\n\s+\$ref: .*RateLimited.yaml/, ""),
    },
    {
      defect: "error response with its own inline schema",
      rule: "rule/error-responses-use-error-schema",
      breakIt: (c) =>
        c.edit("openapi/components/responses/InternalError.yaml", "$ref: ../schemas/Error.yaml", "type: object"),
    },
    {
      defect: "schema property without a description",
      rule: "rule/schema-property-has-description",
      breakIt: (c) => c.edit("openapi/components/schemas/Customer.yaml", /\n\s+description: Full name of .*/, ""),
    },
    {
      defect: "response body without an example",
      rule: "rule/media-type-has-example",
      breakIt: (c) =>
        c.edit("openapi/components/responses/RateLimited.yaml", /\n    examples:\n[\s\S]*$/, "\n"),
    },
    {
      defect: "two error statuses showing one copy-pasted example (the seed's invalid_phone_number ×6)",
      rule: "kirim/error-examples-distinct",
      breakIt: (c) => c.edit("openapi/components/responses/NotFound.yaml", "code: resource_missing", "code: invalid_api_key"),
    },
    {
      defect: "an error example whose code the response does not document in x-kirim-error-codes",
      rule: "kirim/error-codes-documented",
      breakIt: (c) => c.edit("openapi/components/responses/NotFound.yaml", "code: resource_missing", "code: customer_gone"),
    },
    {
      defect: "an error response that documents no codes",
      rule: "kirim/error-codes-documented",
      breakIt: (c) => c.edit("openapi/components/responses/RateLimited.yaml", /x-kirim-error-codes:\n(  .*\n)+/, ""),
    },
    {
      defect: "a documented code without a meaning",
      rule: "kirim/error-codes-documented",
      breakIt: (c) => c.edit("openapi/components/responses/InternalError.yaml", /  internal_error: .*/, "  internal_error: ''"),
    },
    {
      defect: "a response without an explicit status code",
      rule: "kirim/status-codes-explicit",
      breakIt: (c) => c.edit(pathFile, "'402':", "default:"),
    },
    {
      defect: "an operation whose client method name is not a JavaScript identifier",
      rule: "kirim/client-method-names",
      breakIt: (c) => c.edit(pathFile, "operationId: updateCustomer", 'operationId: updateCustomer\n  x-kirim-method: "customers.2update"'),
    },
    {
      defect: "two operations that become the same client method",
      rule: "kirim/client-method-names",
      breakIt: async (c) => {
        const text = await c.read(pathFile);
        const patch = text.slice(text.indexOf("patch:\n"));
        await c.write(pathFile, `${text}\n${patch.replace("patch:", "put:").replace("operationId: updateCustomer", "operationId: replaceCustomer\n  x-kirim-method: customers.update")}`);
      },
    },
  ];

  test.concurrent.for(cases)("$rule: $defect", async ({ rule, breakIt }, { onTestFinished }) => {
    const copy = await brokenCopy(breakIt, onTestFinished);
    const { code, ruleIds } = await ruleIdsOf(copy);
    expect(ruleIds).toContain(rule);
    expect(code).toBe(1);
  });
});
