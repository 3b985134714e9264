// The bundled spec carries every field and response of the public "Update a customer" page, with the page's defects fixed.
import { describe, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { loadSpec } from "../helpers/bundled-spec.ts";
import { customerId } from "../helpers/fixtures.ts";

type Json = Record<string, any>;
const bundle = loadSpec(`${projectRoot}/generated/openapi.yaml`);
const spec: Json = bundle.doc;
const operation: Json = spec.paths["/customers/{id}"].patch;
const resolve = (node: Json): Json => bundle.resolve(node);

test("the document is OpenAPI 3.1 with the 2020-12 dialect, the production server and bearer auth", () => {
  expect(spec.openapi).toMatch(/^3\.1\./);
  expect(spec.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  expect(spec.servers.map((server: Json) => server.url)).toEqual(["https://api.kirimdev.com/v1"]);
  expect(spec.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  expect(spec.tags.map((tag: Json) => tag.name)).toContain("Customers");
});

test("PATCH /customers/{id} is updateCustomer, 'Update a customer', with a required string id", () => {
  expect(operation).toMatchObject({ operationId: "updateCustomer", summary: "Update a customer", tags: ["Customers"] });
  const parameters = [...(spec.paths["/customers/{id}"].parameters ?? []), ...(operation.parameters ?? [])].map(
    resolve,
  );
  expect(parameters).toEqual([
    expect.objectContaining({
      name: "id",
      in: "path",
      required: true,
      schema: expect.objectContaining({ type: "string" }),
      example: customerId,
    }),
  ]);
});

test("the request body has the seed's four optional fields, typed as the seed types them", () => {
  expect(operation.requestBody.required).toBe(true);
  const schema = resolve(operation.requestBody.content["application/json"].schema);
  expect(schema.required ?? []).toEqual([]);
  expect(Object.keys(schema.properties)).toEqual(["name", "email", "metadata", "status"]);
  const field = (name: string) => resolve(schema.properties[name]);
  expect(field("name").type).toBe("string");
  expect(field("email")).toMatchObject({ type: ["string", "null"], format: "email" });
  expect(field("metadata").type).toEqual(["object", "null"]);
  expect(field("status").type).toBe("string");
  expect(schema.additionalProperties).toBe(false);
});

test("the 200 body is { data: Customer, request_id } with all ten Customer fields required", () => {
  const envelope = resolve(operation.responses["200"].content["application/json"].schema);
  expect(envelope.required).toEqual(["data", "request_id"]);
  const customer = resolve(envelope.properties.data);
  const seedFields = [
    "id",
    "object",
    "name",
    "email",
    "status",
    "metadata",
    "archived_at",
    "team_id",
    "created_at",
    "updated_at",
  ];
  expect(customer.required).toEqual(seedFields);
  const field = (name: string) => resolve(customer.properties[name]);
  expect(field("object").const).toBe("customer");
  expect(field("email")).toMatchObject({ type: ["string", "null"], format: "email" });
  expect(field("metadata").type).toEqual(["object", "null"]);
  expect(field("archived_at")).toMatchObject({ type: ["string", "null"], format: "date-time" });
  for (const name of ["created_at", "updated_at"])
    expect(field(name)).toMatchObject({ type: "string", format: "date-time" });
  for (const name of ["id", "name", "status", "team_id"]) expect(field(name).type).toBe("string");
});

describe("the six error responses", () => {
  const expected = {
    "401": "Authentication failure",
    "402": "Billing / entitlement gate",
    "404": "Resource not found",
    "422": "Validation failure",
    "429": "Rate limit exceeded",
    "500": "Internal server error",
  };

  test("have the seed's names, with the status codes this spec assigns", () => {
    const statuses = Object.keys(operation.responses)
      .filter((status) => status !== "200")
      .sort();
    expect(statuses).toEqual(Object.keys(expected));
    for (const [status, name] of Object.entries(expected)) {
      expect(resolve(operation.responses[status]).description).toContain(name);
    }
    expect(resolve(operation.responses["402"]).description).toContain("feature_not_entitled");
    expect(resolve(operation.responses["429"]).headers["Retry-After"]).toBeDefined();
  });

  test("share the Error schema and each show their own, complete example", () => {
    const codes = new Set<string>();
    for (const status of Object.keys(expected)) {
      const media = resolve(operation.responses[status]).content["application/json"];
      expect(media.schema.$ref).toBe("#/components/schemas/Error");
      const examples = Object.values(media.examples as Json).map((example: Json) => example.value);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        expect(example.error.message).toEqual(expect.any(String));
        expect(example.error.code).not.toBe("invalid_phone_number");
        codes.add(example.error.code);
      }
    }
    expect(codes.size).toBeGreaterThanOrEqual(6);
    expect([...codes]).toEqual(
      expect.arrayContaining([
        "invalid_api_key",
        "feature_not_entitled",
        "resource_missing",
        "rate_limited",
        "internal_error",
      ]),
    );
  });
});

test("every example in the document validates against its schema (checked by Ajv, independently of Redocly)", () => {
  const checked: string[] = [];
  const media: [string, Json][] = [["request", operation.requestBody.content["application/json"]]];
  for (const [status, response] of Object.entries(operation.responses as Json)) {
    media.push([status, resolve(response).content["application/json"]]);
  }
  for (const [where, content] of media) {
    for (const [name, example] of Object.entries(content.examples as Json)) {
      const { valid, errors } = bundle.validate(content.schema, example.value);
      expect(valid, `${where} example ${name}: ${errors.join("; ")}`).toBe(true);
      checked.push(`${where}/${name}`);
    }
  }
  expect(checked.length).toBeGreaterThanOrEqual(10);
});

test("code samples exist for curl, fetch, Go, Rust and our client, and none sends metadata as a string", () => {
  const samples: Json[] = operation["x-codeSamples"];
  expect(samples.map((sample) => sample.lang)).toEqual(["Shell", "JavaScript", "Go", "Rust", "TypeScript"]);
  for (const sample of samples) {
    expect(sample.source).toContain(customerId);
    expect(sample.source).not.toMatch(/"metadata"\s*:\s*"/);
    expect(sample.source).toMatch(/metadata["']?\s*[:=]\s*(\{|map\[)/);
  }
});
