// Requests for any operation, derived from the spec: one valid request (the spec's examples where it has them,
// else a value generated from the schema), arbitraries of valid requests, and invalid query mutations.
import fc from "fast-check";
import type { JsonSchema, LoadedSpec, SpecOperation } from "../../helpers/bundled-spec.ts";
import { arbitraryFromSchema, schemaTypes } from "./schema-arbitrary.ts";

type Json = any;

export interface OperationRequest {
  path: Record<string, string>;
  query: Record<string, unknown> | undefined;
  body: unknown;
}

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
const sendableSegment = (value: unknown) => String(value) !== "." && String(value) !== "..";

function pathArbitrary(spec: LoadedSpec, op: SpecOperation): fc.Arbitrary<Record<string, string>> {
  const entries = op.parameters("path").map((parameter) => [
    parameter.name as string,
    arbitraryFromSchema(
      spec,
      parameter.schema ?? { type: "string", minLength: 1 },
      `${op.label} path ${parameter.name}`,
    )
      .map(String)
      .filter((value) => value !== "" && sendableSegment(value)),
  ]);
  return fc.record(Object.fromEntries(entries));
}

function queryArbitrary(spec: LoadedSpec, op: SpecOperation): fc.Arbitrary<Record<string, unknown> | undefined> {
  const parameters = op.parameters("query");
  if (parameters.length === 0) return fc.constant(undefined);
  const entries = parameters.map((parameter) => [
    parameter.name as string,
    arbitraryFromSchema(spec, parameter.schema ?? { type: "string" }, `${op.label} query ${parameter.name}`),
  ]);
  const requiredKeys = parameters
    .filter((parameter) => parameter.required === true)
    .map((parameter) => parameter.name as string);
  return fc.record(Object.fromEntries(entries), { requiredKeys });
}

/**
 * Valid requests of the operation: path, query and body each generated from their schemas. `fixedPath` pins the
 * path parameters (a real server knows only some ids; any other valid id is a documented 404, not a 2xx).
 */
export function validRequests(
  spec: LoadedSpec,
  op: SpecOperation,
  fixedPath?: Record<string, string>,
): fc.Arbitrary<OperationRequest> {
  const schema = op.requestSchema();
  return fc.record({
    path: fixedPath ? fc.constant(fixedPath) : pathArbitrary(spec, op),
    query: queryArbitrary(spec, op),
    body: schema ? arbitraryFromSchema(spec, schema) : fc.constant(undefined),
  });
}

/** One valid request, built from the spec's own examples wherever it has them. */
export function exampleRequest(spec: LoadedSpec, op: SpecOperation): OperationRequest {
  const generated = sampleOf(validRequests(spec, op));
  const path = Object.fromEntries(
    op
      .parameters("path")
      .map((parameter) => [parameter.name, String(exampleOf(spec, parameter) ?? generated.path[parameter.name])]),
  );
  const queryParameters = op
    .parameters("query")
    .filter((parameter) => parameter.required === true || exampleOf(spec, parameter) !== undefined);
  const query =
    queryParameters.length === 0
      ? undefined
      : Object.fromEntries(
          queryParameters.map((parameter) => [
            parameter.name,
            exampleOf(spec, parameter) ?? generated.query?.[parameter.name],
          ]),
        );
  const body = op.requestSchema() ? (op.requestExamples()[0]?.value ?? generated.body) : undefined;
  return { path, query, body };
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
    if (types.includes("integer") || types.includes("number"))
      mutations.push({ kind: `${name}: not a number`, query: { ...base, [name]: "not-a-number" } });
    if (types.includes("boolean"))
      mutations.push({ kind: `${name}: not a boolean`, query: { ...base, [name]: "maybe" } });
    if (typeof schema.minimum === "number")
      mutations.push({ kind: `${name}: below minimum`, query: { ...base, [name]: schema.minimum - 1 } });
    if (typeof schema.maximum === "number")
      mutations.push({ kind: `${name}: above maximum`, query: { ...base, [name]: schema.maximum + 1 } });
    if (Array.isArray(schema.enum))
      mutations.push({ kind: `${name}: not one of the enum`, query: { ...base, [name]: "not-in-the-enum" } });
    if (parameter.required === true) {
      const { [name]: _left, ...without } = base;
      mutations.push({ kind: `${name}: required but missing`, query: without });
    }
  }
  return mutations;
}
