// The client's KnownErrorCode type comes from the spec's x-kirim-error-codes, through the generator.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { renderClientSurface } from "../../scripts/lib/codegen/client-surface.ts";
import { documentedErrorCodes, renderKnownErrorCodes } from "../../scripts/lib/codegen/known-error-codes.ts";

type Json = any;

const errorResponse = (codes: Record<string, string> | undefined) => ({
  description: "An error.",
  ...(codes ? { "x-kirim-error-codes": codes } : {}),
  content: { "application/json": { schema: { type: "object" } } },
});

function documentWith(responses: Record<string, Json>[]): Json {
  const paths: Record<string, Json> = {};
  responses.forEach((operationResponses, index) => {
    paths[`/things${index}/{id}`] = {
      get: {
        operationId: `getThing${index}`,
        tags: ["Things"],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "OK" }, ...operationResponses },
      },
    };
  });
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths,
    components: { responses: { Shared: errorResponse({ shared_code: "Shared." }) } },
  };
}

test("the codes of every operation's error responses, $refs followed, sorted and each once; 2xx extensions ignored", () => {
  const document = documentWith([
    { "404": errorResponse({ not_here: "Gone.", b_code: "B." }), "500": { $ref: "#/components/responses/Shared" } },
    { "422": errorResponse({ b_code: "B again." }), "200": { ...errorResponse({ success_code: "Not an error." }) } },
  ]);
  expect(documentedErrorCodes(document)).toEqual(["b_code", "not_here", "shared_code"]);
  expect(renderKnownErrorCodes(document)).toContain(
    'export type KnownErrorCode = "b_code" | "not_here" | "shared_code";',
  );
});

test("a spec that documents no codes gives `never`, so ErrorCode is then any string", () => {
  expect(renderKnownErrorCodes(documentWith([{ "404": errorResponse(undefined) }]))).toContain(
    "export type KnownErrorCode = never;",
  );
});

test("generated/client.ts carries exactly the committed bundle's documented codes", async () => {
  const bundle = parse(await readFile(path.join(projectRoot, "generated/openapi.yaml"), "utf8"));
  const codes = documentedErrorCodes(bundle);
  expect(codes).toEqual(expect.arrayContaining(["feature_not_entitled", "invalid_phone_number", "resource_missing"]));
  expect(renderClientSurface(bundle)).toContain(renderKnownErrorCodes(bundle));
  expect(await readFile(path.join(projectRoot, "generated/client.ts"), "utf8")).toContain(
    `export type KnownErrorCode = ${codes.map((code) => JSON.stringify(code)).join(" | ")};`,
  );
});
