// Invalid request bodies, derived from the request schema: start from a valid body and break one rule
// the schema states (wrong type, bad format, length out of range, unknown key, too many keys, empty,
// not an object). The property test checks each with Ajv before sending it, so a mutation that is
// accidentally valid fails loudly instead of producing a false 422 expectation.
import fc from "fast-check";
import type { JsonSchema, LoadedSpec } from "../../helpers/bundled-spec.ts";
import { anyJson, arbitraryFromSchema, schemaTypes } from "./schema-arbitrary.ts";

export interface Mutation {
  /** What was broken, e.g. "email: wrong type (number)". */
  kind: string;
  body: unknown;
}

const jsonTypes = ["string", "number", "boolean", "array", "object", "null"] as const;
type JsonType = (typeof jsonTypes)[number];

function valueOfType(type: JsonType): fc.Arbitrary<unknown> {
  switch (type) {
    case "string":
      return fc.string();
    case "number":
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(anyJson(), { maxLength: 3 });
    case "object":
      return fc.dictionary(fc.string(), anyJson(), { maxKeys: 3 });
    case "null":
      return fc.constant(null);
  }
}

function typesOf(schema: JsonSchema): JsonType[] {
  return schemaTypes(schema).map((type) => (type === "integer" ? "number" : type)) as JsonType[];
}

/** One arbitrary per rule of the schema it can break; `fc.oneof(...)` of them draws invalid bodies. */
export function invalidBodyOptions(spec: LoadedSpec, requestSchema: JsonSchema, where = "#"): fc.Arbitrary<Mutation>[] {
  const schema = spec.resolve(requestSchema);
  const valid = arbitraryFromSchema(spec, schema, where) as fc.Arbitrary<Record<string, unknown>>;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const known = Object.keys(properties);
  const options: fc.Arbitrary<Mutation>[] = [];
  const put = (base: Record<string, unknown>, name: string, value: unknown) => ({ ...base, [name]: value });

  for (const name of known) {
    const property = spec.resolve(properties[name]!);
    const allowed = typesOf(property);
    const wrong = jsonTypes.filter((type) => allowed.length > 0 && !allowed.includes(type));
    for (const type of wrong) {
      options.push(
        fc
          .tuple(valid, valueOfType(type))
          .map(([base, value]) => ({ kind: `${name}: wrong type (${type})`, body: put(base, name, value) })),
      );
    }
    if (property.format !== undefined && allowed.includes("string")) {
      const formatSchema = { type: "string", format: property.format };
      options.push(
        fc
          .tuple(
            valid,
            fc.string({ maxLength: 40 }).filter((value) => !spec.validate(formatSchema, value).valid),
          )
          .map(([base, value]) => ({
            kind: `${name}: not a valid ${String(property.format)}`,
            body: put(base, name, value),
          })),
      );
    }
    if (typeof property.minLength === "number" && property.minLength > 0) {
      const below = property.minLength - 1;
      options.push(
        fc.tuple(valid, fc.string({ unit: "binary-ascii", maxLength: below })).map(([base, value]) => ({
          kind: `${name}: shorter than minLength ${below + 1}`,
          body: put(base, name, value),
        })),
      );
    }
    if (typeof property.maxLength === "number") {
      const above = property.maxLength + 1;
      options.push(
        fc
          .tuple(valid, fc.string({ unit: "binary-ascii", minLength: above, maxLength: above + 20 }))
          .map(([base, value]) => ({
            kind: `${name}: longer than maxLength ${above - 1}`,
            body: put(base, name, value),
          })),
      );
    }
    if (typeof property.maxProperties === "number" && allowed.includes("object")) {
      const count = property.maxProperties + 1;
      options.push(
        fc
          .tuple(
            valid,
            fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: count, maxLength: count + 5 }),
          )
          .map(([base, keys]) => ({
            kind: `${name}: more than maxProperties ${count - 1} keys`,
            body: put(base, name, Object.fromEntries(keys.map((key, i) => [key, i]))),
          })),
      );
    }
  }

  if (schema.additionalProperties === false) {
    options.push(
      fc
        .tuple(
          valid,
          fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !known.includes(key) && key !== "__proto__"),
          anyJson(),
        )
        .map(([base, key, value]) => ({ kind: `unknown field ${JSON.stringify(key)}`, body: put(base, key, value) })),
    );
  }
  if (typeof schema.minProperties === "number" && schema.minProperties > 0) {
    options.push(fc.constant({ kind: "empty object (minProperties)", body: {} }));
  }
  const bodyTypes = typesOf(schema);
  for (const type of jsonTypes.filter((candidate) => !bodyTypes.includes(candidate))) {
    options.push(valueOfType(type).map((body) => ({ kind: `body is ${type}, not an object`, body })));
  }
  if (options.length === 0) throw new Error("mutations: the request schema states no rule to break");
  return options;
}
