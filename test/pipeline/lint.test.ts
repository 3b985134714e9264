// The lint gate: the real spec is clean, and each house rule fires on the defect it exists for.
import { describe, expect, onTestFinished, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { lintSpec, openSpecProject } from "../../scripts/lib/spec/redocly-project.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
import { runScript, runScriptInProcess } from "../helpers/run.ts";

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

/** Lints a copy through the same in-process function `npm run lint` uses: the message it fails with (one line per
 * problem, naming its rule), or undefined when it passes. */
async function lintFailureOf(copy: ProjectCopy): Promise<string | undefined> {
  return lintSpec(await openSpecProject(copy.dir)).then(
    () => undefined,
    (error: Error) => error.message,
  );
}

test("the spec in openapi/ lints clean through `npm run lint`", async () => {
  const result = await runScript("lint.ts", [], projectRoot);
  expect(result.stdout + result.stderr).toContain("✔ lint");
  expect(result.code).toBe(0);
});

test("a failing lint exits 1 with a clear message and no stack trace", async () => {
  const copy = await brokenCopy((c) => c.edit(pathFile, "operationId: updateCustomer", "operationId: update_customer"));
  const result = await runScriptInProcess("lint.ts", [], copy.dir);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("Lint failed");
  expect(result.stderr).toMatch(
    /^openapi\/paths\/customers_\{id\}\.yaml:\d+:\d+ {2}error {2}rule\/operation-id-camel-case {2}operationId must be camelCase/m,
  );
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(result.stdout + result.stderr).not.toMatch(/--generate-ignore-file|--force/);
});

test("`--format github-actions` (what CI runs) annotates the file and line, and still fails", async () => {
  const copy = await brokenCopy((c) => c.edit(pathFile, "operationId: updateCustomer", "operationId: update_customer"));
  const result = await runScriptInProcess("lint.ts", ["--format", "github-actions"], copy.dir);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(
    /^::error title=rule\/operation-id-camel-case,file=openapi\/paths\/customers_\{id\}\.yaml,line=\d+,col=\d+/m,
  );
  const clean = await runScriptInProcess("lint.ts", ["--format", "github-actions"], projectRoot);
  expect(clean.code).toBe(0);
  expect(clean.stdout).not.toContain("::error");
});

test("an unknown --format is a usage error, not a crash", async () => {
  const result = await runScriptInProcess("lint.ts", ["--format", "pretty"], projectRoot);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("--format pretty is not a report format");
  expect(result.stderr).toContain("github-actions");
});

describe("each house rule fires on the defect it guards against", () => {
  const cases: {
    defect: string;
    rule: string;
    breakIt: (copy: ProjectCopy) => Promise<void>;
    /** What the message must say, where one rule fires on several defects. */
    says?: string;
  }[] = [
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
      breakIt: (c) =>
        c.edit(
          pathFile,
          /metadata:\n\s+plan: pro\n\s+seats: 3\n\s+status: active/,
          "metadata: example\n              status: active",
        ),
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
      breakIt: (c) => c.edit("openapi/components/responses/RateLimited.yaml", /\n {4}examples:\n[\s\S]*$/, "\n"),
    },
    {
      defect: "two error statuses showing one copy-pasted example (the seed's invalid_phone_number ×6)",
      rule: "kirim/error-examples-distinct",
      breakIt: (c) =>
        c.edit("openapi/components/responses/NotFound.yaml", "code: resource_missing", "code: invalid_api_key"),
    },
    {
      defect: "an error example whose code the response does not document in x-kirim-error-codes",
      rule: "kirim/error-codes-documented",
      breakIt: (c) =>
        c.edit("openapi/components/responses/NotFound.yaml", "code: resource_missing", "code: customer_gone"),
    },
    {
      defect: "an error response that documents no codes",
      rule: "kirim/error-codes-documented",
      breakIt: (c) => c.edit("openapi/components/responses/RateLimited.yaml", /x-kirim-error-codes:\n( {2}.*\n)+/, ""),
    },
    {
      defect: "a documented code without a meaning",
      rule: "kirim/error-codes-documented",
      breakIt: (c) =>
        c.edit("openapi/components/responses/InternalError.yaml", / {2}internal_error: .*/, "  internal_error: ''"),
    },
    {
      defect: "x-kirim-error-codes that is a list, not a map",
      rule: "kirim/error-codes-documented",
      says: "x-kirim-error-codes must be a map from code to meaning",
      breakIt: (c) =>
        c.edit("openapi/components/responses/InternalError.yaml", / {2}internal_error: .*/, "  - internal_error"),
    },
    {
      defect: "x-kirim-error-codes that documents no code",
      rule: "kirim/error-codes-documented",
      says: "x-kirim-error-codes documents no code",
      breakIt: (c) =>
        c.edit(
          "openapi/components/responses/InternalError.yaml",
          /x-kirim-error-codes:\n {2}internal_error: .*/,
          "x-kirim-error-codes: {}",
        ),
    },
    {
      defect: "a documented code that is not snake_case",
      rule: "kirim/error-codes-documented",
      says: 'x-kirim-error-codes code "InternalError" must be snake_case',
      breakIt: (c) =>
        c.edit("openapi/components/responses/InternalError.yaml", / {2}internal_error: /, "  InternalError: "),
    },
    {
      defect: "an API without contact details",
      rule: "info-contact",
      breakIt: (c) => c.edit("openapi/openapi.yaml", /\n {2}contact:\n( {4}.*\n)+/, "\n"),
    },
    {
      defect: "an operation without a description",
      rule: "operation-description",
      breakIt: (c) => c.edit(pathFile, /\n {2}description: \|\n[\s\S]*?\n(?= {2}x-kirim-idempotent: true)/, "\n"),
    },
    {
      defect: "a parameter without a description",
      rule: "parameter-description",
      breakIt: (c) => c.edit("openapi/components/parameters/CustomerId.yaml", /description: \|\n( {2}.*\n)+/, ""),
    },
    {
      defect: "a parameter example its schema refuses",
      rule: "no-invalid-parameter-examples",
      breakIt: (c) =>
        c.edit(
          "openapi/components/parameters/CustomerId.yaml",
          "example: cus_01HXYZABCDEFGHJKMNPQRSTVWX",
          'example: ""',
        ),
    },
    {
      defect: "a schema example its own schema refuses",
      rule: "no-invalid-schema-examples",
      breakIt: (c) =>
        c.edit(
          "openapi/components/schemas/Customer.yaml",
          "      - cus_01HXYZABCDEFGHJKMNPQRSTVWX",
          "      - not-a-customer-id",
        ),
    },
    {
      defect: "a required property the schema does not define",
      rule: "no-required-schema-properties-undefined",
      breakIt: (c) =>
        c.edit(
          "openapi/components/schemas/Customer.yaml",
          "  - updated_at\nproperties:",
          "  - updated_at\n  - nickname\nproperties:",
        ),
    },
    {
      defect: "a response without an explicit status code",
      rule: "kirim/status-codes-explicit",
      breakIt: (c) => c.edit(pathFile, "'402':", "default:"),
    },
    {
      defect: "an operation whose client method name is not a JavaScript identifier",
      rule: "kirim/client-method-names",
      breakIt: (c) =>
        c.edit(
          pathFile,
          "operationId: updateCustomer",
          'operationId: updateCustomer\n  x-kirim-method: "customers.2update"',
        ),
    },
    {
      defect: "two operations that become the same client method",
      rule: "kirim/client-method-names",
      breakIt: async (c) => {
        const text = await c.read(pathFile);
        const patch = text.slice(text.indexOf("patch:\n"));
        await c.write(
          pathFile,
          `${text}\n${patch.replace("patch:", "put:").replace("operationId: updateCustomer", "operationId: replaceCustomer\n  x-kirim-method: customers.update")}`,
        );
      },
    },
  ];

  test.concurrent.for(cases)("$rule: $defect", async ({ rule, breakIt, says }, { onTestFinished }) => {
    const copy = await brokenCopy(breakIt, onTestFinished);
    const failure = await lintFailureOf(copy);
    expect(failure).toMatch(new RegExp(`^openapi/\\S+\\.yaml:\\d+:\\d+  error  ${rule.replace("/", "\\/")}  `, "m"));
    if (says) expect(failure).toContain(says);
  });
});

test("a lint config with an unknown rule, or that is not YAML, fails with its own file and line, no stack", async () => {
  const unknownRule = await brokenCopy((c) =>
    c.edit("redocly.yaml", "  info-contact: error\n", "  info-contact: error\n  no-such-rule: error\n"),
  );
  const first = await runScriptInProcess("lint.ts", [], unknownRule.dir);
  expect(first.code).toBe(1);
  expect(first.stderr).toMatch(/^redocly\.yaml:\d+:\d+ {2}error {2}.*`no-such-rule` is not expected here/m);

  const notYaml = await brokenCopy((c) => c.edit("redocly.yaml", "rules:\n", "rules: [\n"));
  const second = await runScriptInProcess("lint.ts", [], notYaml.dir);
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(/^redocly\.yaml could not be loaded: .*\(\d+:\d+\)/m);
  for (const result of [first, second]) expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
});
