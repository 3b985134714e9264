// What Prism 5.16's mock cannot read although OpenAPI 3.1 allows it. A request holding such a value is refused with a
// 422 naming it, whoever sends it, so the valid-request property leaves these values out where they are optional, and
// a test of their own (operations.test.ts) sends one and expects exactly that refusal: when a Prism release reads it,
// that test fails and the entry goes. Each is listed in the coverage report by operation and value, with its reason.
// Found on the public spec parameters-style (test/fixtures/public-specs/README.md).
import type { LoadedSpec, SpecOperation } from "../../helpers/bundled-spec.ts";
import { schemaTypes } from "./schema-arbitrary.ts";

type Json = any;

export interface MockLimitation {
  /** Where Prism's 422 puts it: ["path", "object"], ["query", "object"], ["body", "array"]. */
  location: "path" | "query" | "body";
  name: string;
  required: boolean;
  reason: string;
}

const objectPathParameter =
  "Prism 5.16 refuses an object path parameter in simple style, or label/matrix unexploded, even as the spec " +
  'serialises it (/anything/path/x/a,b/name,a → 422 "must be object")';
const delimitedObject =
  "Prism 5.16's spaceDelimited and pipeDelimited readers take arrays only (OpenAPI 3.1 also defines them for objects)";
const multipartDefault =
  "Prism 5.16 keeps one multipart part per name and never parses a JSON part, so an array or object property without " +
  "an encoding style (repeated parts, an application/json part: OpenAPI 3.1's Encoding Object defaults) arrives as a string";

const reservedDelimiter =
  "Prism 5.16 checks a multipart value for reserved characters before splitting it, so the form style's own ',' " +
  "between items (allowReserved: false) is refused as reserved";

function isType(spec: LoadedSpec, schema: Json, type: "object" | "array"): boolean {
  return schemaTypes(spec.resolve(schema ?? {})).includes(type);
}

/** The values of `op` Prism 5.16's mock cannot read, each with why. */
export function mockLimitations(spec: LoadedSpec, op: SpecOperation): MockLimitation[] {
  const limits: MockLimitation[] = [];
  for (const parameter of op.parameters("path")) {
    const style = parameter.style ?? "simple";
    if (isType(spec, parameter.schema, "object") && (style === "simple" || parameter.explode !== true))
      limits.push({ location: "path", name: parameter.name, required: true, reason: objectPathParameter });
  }
  for (const parameter of op.parameters("query"))
    if (["spaceDelimited", "pipeDelimited"].includes(parameter.style) && isType(spec, parameter.schema, "object"))
      limits.push({
        location: "query",
        name: parameter.name,
        required: parameter.required === true,
        reason: delimitedObject,
      });
  if (/^multipart\/form-data/i.test(op.requestMediaType() ?? "") && !["get", "head"].includes(op.model.httpMethod)) {
    const schema: Json = op.requestSchema() ?? {};
    const encoding = op.requestEncoding();
    for (const [name, property] of Object.entries<Json>(schema.properties ?? {})) {
      const structured = isType(spec, property, "object") || isType(spec, property, "array");
      const style = encoding[name]?.style;
      const required = (schema.required ?? []).includes(name);
      if (structured && style === undefined)
        limits.push({ location: "body", name, required, reason: multipartDefault });
      else if (isType(spec, property, "object") && ["spaceDelimited", "pipeDelimited"].includes(style))
        limits.push({ location: "body", name, required, reason: delimitedObject });
      else if (structured && style === "form" && encoding[name].explode === false && !encoding[name].allowReserved)
        limits.push({ location: "body", name, required, reason: reservedDelimiter });
    }
  }
  return limits;
}

/** Prism's 422 names the limited value (its `validation` entries carry the location as [in, name]). */
export function refusedForLimitation(limit: MockLimitation, status: number, json: unknown): boolean {
  const validation = (json as { validation?: { location?: unknown[] }[] } | undefined)?.validation ?? [];
  return (
    status === 422 &&
    validation.some((entry) => entry.location?.[0] === limit.location && entry.location?.[1] === limit.name)
  );
}
