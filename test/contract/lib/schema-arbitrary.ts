// Turns the JSON Schema subset our request schema uses into fast-check arbitraries, so property-based
// tests generate bodies from the bundled spec itself, never from a hand-written copy of it.
//
// Supported: $ref (local), type (one or a list, incl. "null"), properties, required,
// additionalProperties (false | true | schema), minProperties, maxProperties, string minLength/maxLength/
// format (email, date-time)/pattern, enum, const, number/integer minimum/maximum, boolean, array items/
// minItems/maxItems, and annotations (description, examples, title, …). Anything else throws, naming the
// keyword and where it is: a spec change the generator does not understand must fail loudly, not produce
// bodies that are silently wrong.
import fc from "fast-check";
import type { JsonSchema, LoadedSpec } from "../../helpers/bundled-spec.ts";

const annotations = new Set([
  "description",
  "title",
  "examples",
  "example",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "summary",
]);
const handled = new Set([
  "$ref",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "format",
  "pattern",
  "enum",
  "const",
  "minimum",
  "maximum",
  "items",
  "minItems",
  "maxItems",
]);

/** Code points (no lone surrogates), so `minLength`/`maxLength` count what JSON Schema counts. */
const textUnit = "binary" as const;

/** JSON values for free-form places (metadata values): nested, but not so deep that runs get slow. */
export const anyJson = (): fc.Arbitrary<unknown> => fc.jsonValue({ maxDepth: 3 });

/** The schema's `type` as a list: `"string"` → `["string"]`, `["string", "null"]` as is, none → `[]`. */
export function schemaTypes(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : [schema.type as string | string[]].flat();
}

export function arbitraryFromSchema(spec: LoadedSpec, schema: JsonSchema, where = "#"): fc.Arbitrary<unknown> {
  const node = spec.resolve(schema) as JsonSchema;
  const at = typeof schema.$ref === "string" ? schema.$ref : where;
  for (const keyword of Object.keys(node)) {
    if (!handled.has(keyword) && !annotations.has(keyword)) {
      throw new Error(
        `schema-arbitrary: unsupported keyword "${keyword}" at ${at}; teach test/contract/lib/schema-arbitrary.ts`,
      );
    }
  }
  if ("const" in node) return fc.constant(node.const);
  if (Array.isArray(node.enum)) return fc.constantFrom(...(node.enum as unknown[]));
  const types = schemaTypes(node);
  if (types.length === 0) {
    if (node.properties || node.additionalProperties !== undefined) types.push("object");
    else return anyJson();
  }
  const options = types.map((type) => forType(spec, node, type, at));
  return options.length === 1 ? options[0]! : fc.oneof(...options);
}

function forType(spec: LoadedSpec, node: JsonSchema, type: string, at: string): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({
        min: typeof node.minimum === "number" ? node.minimum : -1_000_000,
        max: typeof node.maximum === "number" ? node.maximum : 1_000_000,
      });
    case "number":
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        min: typeof node.minimum === "number" ? node.minimum : -1e9,
        max: typeof node.maximum === "number" ? node.maximum : 1e9,
      });
    case "string":
      return stringArbitrary(node, at);
    case "array":
      return fc.array(node.items ? arbitraryFromSchema(spec, node.items as JsonSchema, `${at}/items`) : anyJson(), {
        minLength: (node.minItems as number | undefined) ?? 0,
        maxLength: Math.min((node.maxItems as number | undefined) ?? 5, 5),
      });
    case "object":
      return objectArbitrary(spec, node, at);
    default:
      throw new Error(`schema-arbitrary: unsupported type "${type}" at ${at}`);
  }
}

function codePoints(value: string): number {
  return [...value].length;
}

function stringArbitrary(node: JsonSchema, at: string): fc.Arbitrary<string> {
  const minLength = (node.minLength as number | undefined) ?? 0;
  const maxLength = node.maxLength as number | undefined;
  const fits = (value: string) =>
    codePoints(value) >= minLength && (maxLength === undefined || codePoints(value) <= maxLength);
  if (node.format !== undefined) {
    if (node.pattern !== undefined) throw new Error(`schema-arbitrary: format together with pattern at ${at}`);
    switch (node.format) {
      case "email":
        // fast-check's addresses follow RFC 5322/1123; the contract test checks each with Ajv's format as well.
        return fc.emailAddress().filter(fits);
      case "date-time":
        return fc
          .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
          .map((date) => date.toISOString())
          .filter(fits);
      default:
        throw new Error(`schema-arbitrary: unsupported format "${String(node.format)}" at ${at}`);
    }
  }
  if (node.pattern !== undefined) {
    return fc.stringMatching(new RegExp(node.pattern as string, "u")).filter(fits);
  }
  return fc.string({ unit: textUnit, minLength, ...(maxLength === undefined ? {} : { maxLength }) });
}

function objectArbitrary(spec: LoadedSpec, node: JsonSchema, at: string): fc.Arbitrary<Record<string, unknown>> {
  const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
  const required = (node.required ?? []) as string[];
  const minProperties = (node.minProperties as number | undefined) ?? 0;
  const maxProperties = node.maxProperties as number | undefined;
  const additional = node.additionalProperties ?? true;
  const known = Object.keys(properties);

  const record = fc.record(
    Object.fromEntries(
      known.map((name) => [name, arbitraryFromSchema(spec, properties[name]!, `${at}/properties/${name}`)]),
    ),
    { requiredKeys: required.filter((name) => known.includes(name)) },
  );
  let result: fc.Arbitrary<Record<string, unknown>> = record as fc.Arbitrary<Record<string, unknown>>;
  if (additional !== false) {
    const valueArbitrary =
      additional === true
        ? anyJson()
        : arbitraryFromSchema(spec, additional as JsonSchema, `${at}/additionalProperties`);
    const room = Math.max(0, (maxProperties ?? 10) - required.length);
    const extras = fc.dictionary(
      fc.string().filter((key) => !known.includes(key)),
      valueArbitrary,
      { maxKeys: Math.min(room, maxProperties ?? 10) },
    );
    result = fc.tuple(record, extras).map(([fixed, extra]) => ({ ...extra, ...fixed }) as Record<string, unknown>);
  }
  return result.filter((value) => {
    const count = Object.keys(value).length;
    return count >= minProperties && (maxProperties === undefined || count <= maxProperties);
  });
}
