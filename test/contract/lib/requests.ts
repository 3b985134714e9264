// Requests for any operation, derived from the spec: one valid request (the spec's examples where it has them, else
// values generated from the schemas), arbitraries of valid requests, and invalid query mutations. These build
// arbitraries, so they may throw UnsupportedSchema: callers run them inside a test (operation-plan.ts).
import fc from "fast-check";
import type { JsonSchema, LoadedSpec, SpecOperation } from "../../helpers/bundled-spec.ts";
import { arbitraryFromSchema, schemaTypes } from "./schema-arbitrary.ts";
import type { OperationRequest } from "./wire.ts";

export type { OperationRequest } from "./wire.ts";

type Json = any;
type Location = "path" | "query" | "header" | "cookie";

/** Fixed, so the one valid request of each operation is the same on every run. */
const pbtSampleSeed = 20261130;

function exampleOf(spec: LoadedSpec, parameter: Json): Json {
  if (parameter.example !== undefined) return parameter.example;
  const first = Object.values<Json>(parameter.examples ?? {})[0];
  if (first !== undefined) return spec.resolve(first).value;
  const schema = spec.resolve(parameter.schema ?? {});
  return Array.isArray(schema.examples) ? schema.examples[0] : schema.example;
}

function sampleOf<T>(arbitrary: fc.Arbitrary<T>): T {
  return fc.sample(arbitrary, { numRuns: 1, seed: pbtSampleSeed })[0]!;
}

/** `.` and `..` are path steps, not values: no client can send them inside a segment (see src/options.ts). */
const sendableSegment = (value: unknown) => value !== "" && String(value) !== "." && String(value) !== "..";

/** A parameter's schema (its `content` media type's, when it uses `content` instead of `schema`). */
function parameterSchema(parameter: Json, location: Location): JsonSchema {
  const schema = parameter.schema ?? Object.values<Json>(parameter.content ?? {})[0]?.schema;
  return schema ?? (location === "path" ? { type: "string", minLength: 1 } : { type: "string" });
}

function parameterArbitrary(spec: LoadedSpec, op: SpecOperation, parameter: Json, location: Location) {
  const schema = parameterSchema(parameter, location);
  const where = `${op.label} ${location} parameter ${parameter.name}`;
  // Ajv checks every generated value before it is sent: a generator bug fails loudly, not as a puzzling 4xx.
  const arbitrary = arbitraryFromSchema(spec, schema, where, {
    asciiText: location === "header" || location === "cookie",
  }).map((value) => {
    const { errors } = spec.validate(schema, value);
    if (errors.length > 0)
      throw new Error(`schema-arbitrary produced ${JSON.stringify(value)} for ${where}, invalid: ${errors.join("; ")}`);
    return value;
  });
  const primitive = (value: unknown) => value === null || typeof value !== "object";
  // An empty array or object serialises to nothing, and an empty value is a missing one unless the parameter says
  // `allowEmptyValue` (OpenAPI 3.1 §4.8.12.2): neither can be sent as a value.
  const filled = (value: unknown) =>
    value !== null && typeof value !== "object" && (value !== "" || parameter.allowEmptyValue === true);
  // Styles serialise arrays and objects of primitives only (OpenAPI 3.1 §4.8.12.4), keyed by non-empty names.
  const sendable = (value: unknown) =>
    primitive(value)
      ? filled(value)
      : Object.keys(value as object).length > 0 &&
        Object.entries(value as object).every(([key, item]) => (Array.isArray(value) || key !== "") && filled(item));
  if (location !== "path") return arbitrary.filter(sendable);
  return arbitrary
    .filter(sendable)
    .map((value) => (primitive(value) ? String(value) : value))
    .filter((value) => !primitive(value) || sendableSegment(value));
}

function parametersArbitrary(
  spec: LoadedSpec,
  op: SpecOperation,
  location: Location,
): fc.Arbitrary<Record<string, unknown> | undefined> {
  const parameters = op.parameters(location);
  if (parameters.length === 0) return fc.constant(undefined);
  const entries = parameters.map((parameter) => [
    parameter.name as string,
    parameterArbitrary(spec, op, parameter, location),
  ]);
  const requiredKeys = parameters
    .filter((parameter) => parameter.required === true || location === "path")
    .map((parameter) => parameter.name as string);
  return fc.record(Object.fromEntries(entries), { requiredKeys });
}

/**
 * Valid requests of the operation: path, query, header, cookie and body each generated from their schemas.
 * `fixedPath` pins the path parameters (a real server knows only some ids; any other valid id is a documented 404).
 */
export function validRequests(
  spec: LoadedSpec,
  op: SpecOperation,
  fixedPath?: Record<string, unknown>,
): fc.Arbitrary<OperationRequest> {
  // GET and HEAD bodies have no defined meaning (RFC 9110 §9.3.1), and fetch refuses to send one.
  const schema = ["get", "head"].includes(op.model.httpMethod) ? undefined : op.requestSchema();
  const required = op.model.body === "required";
  const body = schema ? arbitraryFromSchema(spec, schema, requestBodyPointer(op)) : fc.constant(undefined);
  return fc.record({
    path: fixedPath ? fc.constant(fixedPath) : parametersArbitrary(spec, op, "path").map((path) => path ?? {}),
    query: parametersArbitrary(spec, op, "query"),
    headers: parametersArbitrary(spec, op, "header"),
    cookies: parametersArbitrary(spec, op, "cookie"),
    body: schema && !required ? fc.option(body, { nil: undefined, freq: 10 }) : body,
  });
}

const step = (text: string) => text.replaceAll("~", "~0").replaceAll("/", "~1");

/** Where the operation's request body schema is, as a JSON pointer into the spec ($refs on the way not followed). */
export function requestBodyPointer(op: SpecOperation): string {
  const media = op.requestMediaType() ?? "";
  return `#/paths/${step(op.model.path)}/${op.model.httpMethod}/requestBody/content/${step(media)}/schema`;
}

/** Parameters of one location: the spec's examples, and generated values for required ones without an example. */
function exampleParameters(
  spec: LoadedSpec,
  op: SpecOperation,
  location: Location,
  generated: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const chosen = op
    .parameters(location)
    .map(
      (parameter) =>
        [
          parameter.name as string,
          exampleOf(spec, parameter) ??
            (parameter.required || location === "path" ? generated?.[parameter.name] : undefined),
        ] as const,
    )
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => [
      name,
      location === "path" && (value === null || typeof value !== "object") ? String(value) : value,
    ]);
  return chosen.length === 0 ? undefined : Object.fromEntries(chosen);
}

/** One valid request, built from the spec's own examples wherever it has them. */
export function exampleRequest(spec: LoadedSpec, op: SpecOperation): OperationRequest {
  const generated = sampleOf(validRequests(spec, op));
  const examples = op.requestExamples();
  return {
    path: exampleParameters(spec, op, "path", generated.path) ?? {},
    query: exampleParameters(spec, op, "query", generated.query),
    headers: exampleParameters(spec, op, "header", generated.headers),
    cookies: exampleParameters(spec, op, "cookie", generated.cookies),
    body:
      generated.body !== undefined || (examples.length > 0 && !["get", "head"].includes(op.model.httpMethod))
        ? (examples[0]?.value ?? generated.body)
        : undefined,
  };
}

export interface QueryMutation {
  kind: string;
  query: Record<string, unknown>;
}

/** Query strings that break one rule a query parameter's schema states; empty when the schemas state none. */
export function invalidQueries(spec: LoadedSpec, op: SpecOperation, valid: OperationRequest): QueryMutation[] {
  const base = { ...valid.query };
  const mutations: QueryMutation[] = [];
  for (const parameter of op.parameters("query")) {
    const name = parameter.name as string;
    const schema = spec.resolve(parameter.schema ?? {}) as JsonSchema;
    const types = schemaTypes(schema);
    // A value of another type can still pass when the schema also allows a string (or has no type).
    const onlyNumbers = types.length > 0 && types.every((type) => type === "integer" || type === "number");
    if (onlyNumbers) mutations.push({ kind: `${name}: not a number`, query: { ...base, [name]: "not-a-number" } });
    if (types.length > 0 && types.every((type) => type === "boolean"))
      mutations.push({ kind: `${name}: not a boolean`, query: { ...base, [name]: "maybe" } });
    if (onlyNumbers && typeof schema.minimum === "number")
      mutations.push({ kind: `${name}: below minimum`, query: { ...base, [name]: schema.minimum - 1 } });
    if (onlyNumbers && typeof schema.maximum === "number")
      mutations.push({ kind: `${name}: above maximum`, query: { ...base, [name]: schema.maximum + 1 } });
    if (Array.isArray(schema.enum) && !schema.enum.includes("not-in-the-enum"))
      mutations.push({ kind: `${name}: not one of the enum`, query: { ...base, [name]: "not-in-the-enum" } });
    if (parameter.required === true) {
      const { [name]: _left, ...without } = base;
      mutations.push({ kind: `${name}: required but missing`, query: without });
    }
  }
  return mutations;
}
