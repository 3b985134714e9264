// The types the generated method signatures name (client-surface.ts, schema-type-names.ts): the schema types
// generated/schemas.ts exports, wherever the spec refers to one, so editors show `body: CustomerUpdate`; and the
// options of an operation with a body, which hold its parameters as `params` or `query`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { renderClientSurface } from "../../scripts/lib/codegen/client-surface.ts";

function signatureOf(surface: string, method: string): string {
  const line = surface.split("\n").find((text) => text.trimStart().startsWith(`${method}(`));
  expect(line, `no signature of ${method}`).toBeDefined();
  return line!;
}

test("Kirim's customers.update takes a CustomerUpdate and resolves to a CustomerEnvelope, imported from schemas.js", async () => {
  const document = parse(await readFile(path.join(projectRoot, "generated/openapi.yaml"), "utf8"));
  const surface = renderClientSurface(document);
  const update = signatureOf(surface, "update");
  expect(update).toContain("body: CustomerUpdate,");
  expect(update).toMatch(/Returns<Promised, CustomerEnvelope>/);
  expect(update).not.toContain('["requestBody"]');
  expect(update).not.toContain('["responses"]');
  expect(surface).toContain('import type { CustomerEnvelope, CustomerUpdate } from "./schemas.js";');
});

test("a schema that schemas.ts does not export, or whose name client.ts uses itself, keeps its indexed type", () => {
  const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
  const document = {
    paths: {
      "/notes/{id}": {
        parameters: [{ in: "path", name: "id", required: true, schema: schemaRef("NoteId") }],
        post: {
          tags: ["Notes"],
          operationId: "createNote",
          parameters: [{ in: "query", name: "notify", required: true, schema: { type: "boolean" } }],
          requestBody: { required: true, ...json(schemaRef("Partial")) },
          responses: { "201": { description: "made", ...json(schemaRef("Note")) } },
        },
        get: {
          tags: ["Notes"],
          operationId: "getNote",
          responses: { "200": { description: "one", ...json(schemaRef("Event")) } },
        },
        put: {
          tags: ["Notes"],
          operationId: "replaceNote",
          requestBody: { $ref: "#/components/requestBodies/NoteBody" },
          responses: { "200": { $ref: "#/components/responses/NoteResponse" } },
        },
      },
    },
    components: {
      schemas: {
        NoteId: { type: "string" },
        Note: { type: "object" },
        Partial: { type: "object" },
        Event: { type: "object" },
      },
      requestBodies: { NoteBody: { required: true, ...json(schemaRef("Note")) } },
      responses: { NoteResponse: { description: "replaced", ...json(schemaRef("Note")) } },
    },
  };
  const surface = renderClientSurface(document);
  // Partial would shadow TypeScript's own; Event is a global, which schemas.ts leaves out.
  expect(signatureOf(surface, "create")).toBe(
    '    create(id: NoteId, body: NonNullable<paths["/notes/{id}"]["post"]["requestBody"]>["content"]["application/json"], ' +
      'options: RequestOptions & ParamsOption<NonNullable<paths["/notes/{id}"]["post"]["parameters"]["query"]>>): Returns<Promised, Note>;',
  );
  expect(signatureOf(surface, "get")).toContain(
    'Returns<Promised, paths["/notes/{id}"]["get"]["responses"][200]["content"]["application/json"]>',
  );
  // Through a requestBodies and a responses component.
  expect(signatureOf(surface, "replace")).toBe(
    "    replace(id: NoteId, body: Note, options?: RequestOptions): Returns<Promised, Note>;",
  );
  expect(surface).toContain('import type { Note, NoteId } from "./schemas.js";');
  expect(surface).toContain("type ParamsOption<Params> =");
});
