// Which of the runtime's optional parts generated/features.ts links (scripts/lib/codegen/runtime-features.ts): each
// by the spec shape that needs it, nothing for a JSON-and-bearer spec like Kirim's.
import { expect, test } from "vitest";
import { neededParts, renderRuntimeFeatures } from "../../scripts/lib/codegen/runtime-features.ts";

type Json = any;

/** A one-operation document: `GET /things/{id}` with `id` of `idSchema`, plus what `extra` sets on the operation. */
function documentWith(idSchema: Json, extra: Json = {}, schemes: Json = { token: { type: "http", scheme: "bearer" } }) {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    security: [Object.fromEntries(Object.keys(schemes).map((name) => [name, []]))],
    components: { securitySchemes: schemes },
    paths: {
      "/things/{id}": {
        get: {
          tags: ["Things"],
          operationId: "getThing",
          parameters: [{ name: "id", in: "path", required: true, schema: idSchema }, ...(extra.parameters ?? [])],
          responses: extra.responses ?? { "204": { description: "Done." } },
        },
      },
    },
  };
}

test("a spec of string path parameters, JSON and bearer links nothing, and the file imports nothing", () => {
  const document = documentWith({ type: "string" });
  expect(neededParts(document)).toEqual([]);
  const text = renderRuntimeFeatures(document, "../src");
  expect(text).not.toContain("import");
  expect(text).toContain("export const runtimeFeatures = {};");
});

test.each([
  ["an array path parameter", documentWith({ type: "array", items: { type: "string" } }), ["parameters"]],
  ["an untyped path parameter", documentWith({}), ["parameters"]],
  [
    "a query parameter",
    documentWith({ type: "string" }, { parameters: [{ name: "q", in: "query", schema: { type: "string" } }] }),
    ["parameters"],
  ],
  [
    "a binary download",
    documentWith(
      { type: "string" },
      { responses: { "200": { description: "File.", content: { "application/pdf": { schema: {} } } } } },
    ),
    ["blob"],
  ],
  [
    "HTTP Basic and an API key in a cookie",
    documentWith(
      { type: "string" },
      {},
      {
        login: { type: "http", scheme: "basic" },
        session: { type: "apiKey", in: "cookie", name: "sid" },
      },
    ),
    ["basic", "cookie"],
  ],
])("%s", (_shape, document, parts) => {
  expect(neededParts(document)).toEqual(parts);
});
