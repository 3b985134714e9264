// The generator behind the property-based tests: it must only produce bodies the spec accepts, reach every
// shape the schema allows, and refuse schema keywords it does not understand instead of guessing.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type LoadedSpec, loadSpec } from "../helpers/bundled-spec.ts";
import { arbitraryFromSchema } from "./lib/schema-arbitrary.ts";
import { clientSpecPath } from "./lib/target.ts";

let spec: LoadedSpec;

beforeAll(() => {
  spec = loadSpec(clientSpecPath);
});

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

  it.each([
    [{ type: "string", multipleOf: 2 }, /unsupported keyword "multipleOf"/],
    [{ type: "object", patternProperties: { "^x": {} } }, /unsupported keyword "patternProperties"/],
    [{ type: "string", format: "uuid" }, /unsupported format "uuid"/],
    [{ type: "tuple" }, /unsupported type "tuple"/],
  ])("refuses %j instead of guessing", (schema, message) => {
    expect(() => arbitraryFromSchema(spec, schema)).toThrow(message);
  });
});
