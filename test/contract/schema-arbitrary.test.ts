// The generator behind the property-based tests: it must only produce values the schema accepts (per Ajv), reach the
// shapes the schema allows, understand every keyword OpenAPI 3.1 allows, and refuse what it cannot generate by naming
// the keyword and its place, instead of guessing or throwing while tests are collected.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type JsonSchema, type LoadedSpec, loadSpec } from "../helpers/bundled-spec.ts";
import { arbitraryFromSchema, UnsupportedSchema } from "./lib/schema-arbitrary.ts";
import { clientSpecPath } from "./lib/target.ts";

let spec: LoadedSpec;
let zoo: LoadedSpec;

/** Components for the keywords that need `$ref`s: a discriminated union and a schema that contains itself. */
const zooComponents = {
  Cat: {
    type: "object",
    required: ["petType", "lives"],
    properties: { petType: { type: "string" }, lives: { type: "integer", minimum: 1, maximum: 9 } },
  },
  Dog: {
    type: "object",
    required: ["petType", "bark"],
    properties: { petType: { type: "string" }, bark: { type: "string", enum: ["woof", "yip"] } },
  },
  Pet: {
    oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
    discriminator: { propertyName: "petType", mapping: { cat: "#/components/schemas/Cat" } },
  },
  Category: {
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string", minLength: 1 },
      parent: { $ref: "#/components/schemas/Category" },
      children: { type: "array", items: { $ref: "#/components/schemas/Category" } },
    },
  },
};

beforeAll(() => {
  spec = loadSpec(clientSpecPath);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "kirim-zoo-")), "openapi.yaml");
  writeFileSync(
    file,
    stringify({ openapi: "3.1.0", info: { title: "zoo", version: "1" }, components: { schemas: zooComponents } }),
  );
  zoo = loadSpec(file);
});

function samples(on: LoadedSpec, schema: JsonSchema, numRuns = 300): unknown[] {
  return fc.sample(arbitraryFromSchema(on, schema, "#/test"), { numRuns, seed: 7 });
}

function invalidOf(on: LoadedSpec, schema: JsonSchema, values: unknown[]) {
  return values
    .map((value) => ({ value, errors: on.validate(schema, value).errors }))
    .filter(({ errors }) => errors.length)
    .slice(0, 3);
}

describe("schema-arbitrary (request bodies from the bundle)", () => {
  it("1,000 generated bodies are all valid per Ajv and cover every field and both arms of each nullable type", () => {
    const bodies = fc.sample(arbitraryFromSchema(spec, spec.requestSchema()), { numRuns: 1_000, seed: 7 }) as Record<
      string,
      unknown
    >[];
    const invalid = bodies
      .map((body) => ({ body, errors: spec.validateRequest(body).errors }))
      .filter(({ errors }) => errors.length);
    expect(invalid.slice(0, 3)).toEqual([]);
    const seen = new Set<string>();
    for (const body of bodies) {
      for (const [key, value] of Object.entries(body)) seen.add(`${key}:${value === null ? "null" : typeof value}`);
    }
    const properties = Object.keys(spec.requestSchema().properties as object);
    for (const name of properties)
      expect(
        [...seen].some((entry) => entry.startsWith(`${name}:`)),
        name,
      ).toBe(true);
    expect(seen).toContain("email:null");
    expect(seen).toContain("email:string");
    expect(seen).toContain("metadata:null");
    expect(seen).toContain("metadata:object");
    // maxProperties/additionalProperties: false are honoured (an unknown key would have failed Ajv above).
    expect(Math.max(...bodies.map((body) => Object.keys(body).length))).toBeLessThanOrEqual(properties.length);
  });

  // Each schema uses keywords of JSON Schema 2020-12 as OpenAPI 3.1 allows them; `reached` says the values are not
  // trivially the same (a generator that returned one constant would pass Ajv).
  const keywordCases: [string, JsonSchema, (values: unknown[]) => boolean][] = [
    [
      "exclusive bounds and multipleOf",
      { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 },
      (values) => new Set(values).size > 5 && !values.includes(0) && !values.includes(10),
    ],
    [
      "integer formats",
      {
        type: "object",
        properties: { a: { type: "integer", format: "int32" }, b: { type: "integer", format: "int64" } },
      },
      (values) => values.some((value) => Object.keys(value as object).length > 0),
    ],
    ["const", { const: { fixed: [1, "two"] } }, (values) => values.length > 0],
    ["enum with type", { type: "string", enum: ["a", "b", 3] }, (values) => !values.includes(3)],
    [
      "allOf",
      {
        allOf: [
          { type: "object", properties: { a: { type: "string", minLength: 2 } }, required: ["a"] },
          { properties: { a: { maxLength: 4 }, b: { type: "boolean" } }, required: ["b"] },
        ],
      },
      (values) => values.every((value) => typeof (value as { b?: unknown }).b === "boolean"),
    ],
    [
      "anyOf",
      {
        anyOf: [
          { type: "string", format: "uuid" },
          { type: "integer", minimum: 5 },
        ],
      },
      (values) =>
        values.some((value) => typeof value === "string") && values.some((value) => typeof value === "number"),
    ],
    [
      "oneOf with overlapping branches",
      {
        oneOf: [
          { type: "integer", multipleOf: 2 },
          { type: "integer", multipleOf: 3 },
        ],
      },
      (values) =>
        values.some((value) => (value as number) % 2 === 0) && values.some((value) => (value as number) % 3 === 0),
    ],
    ["not", { type: "string", not: { enum: ["", "forbidden"] } }, (values) => new Set(values).size > 5],
    [
      "if/then/else",
      {
        type: "object",
        properties: { kind: { enum: ["card", "bank"] }, last4: { type: "string", pattern: "^[0-9]{4}$" } },
        required: ["kind"],
        if: { properties: { kind: { const: "card" } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's own keyword, never awaited
        then: { required: ["last4"] },
        else: { not: { required: ["last4"] } },
      },
      (values) => values.some((value) => (value as { kind: string }).kind === "card"),
    ],
    [
      "prefixItems, items: false, uniqueItems",
      { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: false, uniqueItems: true },
      (values) => values.some((value) => (value as unknown[]).length === 2),
    ],
    [
      "contains with uniqueItems and bounds",
      { type: "array", items: { type: "integer" }, contains: { const: 7 }, uniqueItems: true, maxItems: 4 },
      (values) => values.every((value) => (value as unknown[]).includes(7)),
    ],
    [
      "patternProperties, propertyNames, additionalProperties: false",
      {
        type: "object",
        patternProperties: { "^x-[a-z]+$": { type: "integer" } },
        propertyNames: { maxLength: 10 },
        additionalProperties: false,
      },
      (values) => values.some((value) => Object.keys(value as object).length > 0),
    ],
    [
      "dependentRequired and property counts",
      {
        type: "object",
        properties: { card: { type: "string" }, billing: { type: "string" }, note: { type: "string" } },
        dependentRequired: { card: ["billing"] },
        additionalProperties: false,
        minProperties: 1,
      },
      (values) => values.some((value) => "card" in (value as object)),
    ],
    [
      "formats OpenAPI and JSON Schema name",
      {
        type: "object",
        required: ["date", "dateTime", "time", "uuid", "uri", "email", "ipv4", "ipv6", "byte", "hostname", "duration"],
        properties: {
          date: { type: "string", format: "date" },
          dateTime: { type: "string", format: "date-time" },
          time: { type: "string", format: "time" },
          uuid: { type: "string", format: "uuid" },
          uri: { type: "string", format: "uri" },
          email: { type: "string", format: "email" },
          ipv4: { type: "string", format: "ipv4" },
          ipv6: { type: "string", format: "ipv6" },
          byte: { type: "string", format: "byte" },
          hostname: { type: "string", format: "hostname" },
          duration: { type: "string", format: "duration" },
          binary: { type: "string", format: "binary" },
          country: { type: "string", format: "iso-country-code", minLength: 2 },
        },
      },
      (values) => values.length > 0,
    ],
    [
      "OpenAPI's annotations",
      {
        type: "object",
        properties: { id: { type: "integer", xml: { attribute: true }, example: 3, deprecated: true } },
        externalDocs: { url: "https://example.com" },
        "x-internal": true,
      },
      (values) => values.some((value) => "id" in (value as object)),
    ],
  ];

  it.each(keywordCases)("%s: every value valid per Ajv, and the shapes reached", (_name, schema, reached) => {
    const values = samples(spec, schema);
    expect(invalidOf(spec, schema, values)).toEqual([]);
    expect(reached(values)).toBe(true);
  });

  it("discriminator: each branch gets the value its mapping (or component name) selects", () => {
    const pet = { $ref: "#/components/schemas/Pet" };
    const values = samples(zoo, pet) as { petType: string }[];
    expect(invalidOf(zoo, pet, values)).toEqual([]);
    expect(new Set(values.map((value) => value.petType))).toEqual(new Set(["cat", "Dog"]));
  });

  it("a schema that contains itself stops at its optional places", () => {
    const category = { $ref: "#/components/schemas/Category" };
    const values = samples(zoo, category, 100);
    expect(invalidOf(zoo, category, values)).toEqual([]);
  });

  it.each([
    [{ type: "object", unevaluatedProperties: false }, "unevaluatedProperties", "#/test"],
    [{ type: "object", properties: { a: { $dynamicRef: "#node" } } }, "$dynamicRef", "#/test/properties/a"],
    [{ type: "array", prefixItems: [false] }, "false", "#/test/prefixItems/0"],
    [{ type: "object", properties: { a: { type: "tuple" } } }, "type", "#/test/properties/a"],
  ])("refuses %j, naming the keyword and where it is", (schema, keyword, at) => {
    const refusal = (() => {
      try {
        arbitraryFromSchema(spec, schema, "#/test");
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(UnsupportedSchema);
    expect(refusal).toMatchObject({ keyword, at });
    expect((refusal as Error).message).toContain(`"${keyword}"`);
  });
});
