// The values Prism's mock cannot read (lib/mock-limitations.ts) are named, not guessed: on the public spec that has
// every parameter style, the rules pick exactly the operations and values test/fixtures/public-specs/README.md lists,
// and nothing on the other public specs or on Kirim's own. That each is really refused by Prism is the
// "mock limitation" test of its operation in operations.test.ts.
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadSpec } from "../helpers/bundled-spec.ts";
import { mockLimitations } from "./lib/mock-limitations.ts";

const specFile = (name: string) => `test/fixtures/public-specs/${name}/openapi.yaml`;

function limitsOf(file: string): string[] {
  const spec = loadSpec(file);
  return spec
    .operations()
    .flatMap((op) =>
      mockLimitations(spec, op).map((limit) => `${op.model.operationId} ${limit.location} ${limit.name}`),
    );
}

// The meta tests run this project in copies without test/fixtures/.
describe.skipIf(!existsSync(specFile("parameters-style")))("Prism's mock limitations", () => {
  test("on parameters-style: the object path parameters, delimited objects and unstyled or comma-joined multipart parts", () => {
    expect(limitsOf(specFile("parameters-style"))).toEqual([
      "paths_standard path object",
      "paths_matrix_nonExploded path object",
      "paths_label_nonExploded path object",
      "paths_simple_nonExploded path object",
      "paths_simple_exploded path object",
      "query_spaceDelimited_nonExploded query object",
      "query_pipeDelimited_nonExploded query object",
      "formData_standard body array",
      "formData_standard body object",
      "formData_form_nonExploded body array",
      "formData_form_nonExploded body object",
      "formData_spaceDelimited_nonExploded body object",
      "form_data_pipeDelimited_nonExploded body object",
    ]);
  });

  test.each(["museum", "tictactoe", "petstore"])("none on %s", (name) => {
    expect(limitsOf(specFile(name))).toEqual([]);
  });

  test("none on Kirim's own bundle", () => {
    expect(limitsOf("generated/openapi.yaml")).toEqual([]);
  });
});
