// Reads a bundled spec and validates values against its schemas with Ajv (JSON Schema 2020-12 + formats),
// independently of Prism's own validation.
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import { parse } from "yaml";
import { resolveRef } from "../../scripts/lib/codegen/operation-model.ts";
import { type AnyOperation, operationsOfAnySpec } from "./spec-operations.ts";

// ajv-formats is CommonJS; depending on the loader its default import is the plugin or the module object.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats: FormatsPlugin =
  (addFormatsPlugin as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsPlugin as unknown as FormatsPlugin);

export type JsonSchema = { [keyword: string]: unknown };
type Json = any;

/** The seed's operation, which the seed-specific tests (negative requests, seed fidelity) are about. */
export const operationPath = "/customers/{id}";
export const operationMethod = "patch";

export interface Validation {
  valid: boolean;
  /** Ajv's errors as "instancePath message" lines, e.g. "/data must have required property 'team_id'". */
  errors: string[];
}

/** One operation of the document, with the accessors the contract tests need. */
export interface SpecOperation {
  /** The client's name for it, e.g. "customers.update". */
  name: string;
  /** "PATCH /customers/{id}". */
  label: string;
  model: AnyOperation;
  raw: Json;
  /** Its parameters (path-level and operation-level), resolved, for one location. */
  parameters(location: "path" | "query" | "header" | "cookie"): Json[];
  /** The media type a request body is sent as: JSON (or `+json`) where the spec offers it, else its first. */
  requestMediaType(): string | undefined;
  /** The request body schema of that media type (resolved), or undefined when the operation takes none. */
  requestSchema(): JsonSchema | undefined;
  /** The request body's examples for that media type, in spec order. */
  requestExamples(): { name: string; value: Json }[];
  statuses(): string[];
  /** The JSON examples of a response (its first JSON media type). */
  responseExamples(status: string): { name: string; value: Json }[];
  /** The media types a response documents (none: no body). */
  responseMediaTypes(status: string): string[];
  /** Whether the response documents a JSON body. */
  hasJsonBody(status: string): boolean;
  /** Validates against the response's JSON schema (`mediaType` picks one; default its first JSON type). */
  validateResponse(status: string, body: unknown, mediaType?: string): Validation;
  validateRequest(body: unknown): Validation;
}

export interface LoadedSpec {
  file: string;
  doc: Json;
  /** Follows a local `$ref` (`#/components/…`), repeatedly. */
  resolve<T = Json>(node: T): T;
  /** Every operation of the document, in the order the client generator reads them. */
  operations(): SpecOperation[];
  /** The request body schema of the seed's operation, PATCH /customers/{id} (the `$ref` resolved one level). The
   * accessors below are about it too. */
  requestSchema(): JsonSchema;
  /** Status codes documented for the operation, as strings ("200", "401", …). */
  statuses(): string[];
  validateResponse(status: string, body: unknown): Validation;
  validateRequest(body: unknown): Validation;
  /** Validates against any schema of this document (its `$ref`s resolve inside the document). */
  validate(schema: JsonSchema, value: unknown): Validation;
}

const cache = new Map<string, LoadedSpec>();

export function loadSpec(file: string): LoadedSpec {
  const cached = cache.get(file);
  if (cached) return cached;
  const doc: Json = parse(readFileSync(file, "utf8"));
  const base = "kirim-spec";
  // OpenAPI 3.1's dialect: JSON Schema 2020-12 plus OpenAPI's own keywords (discriminator, xml, externalDocs,
  // example), which are annotations for validation, like `x-…` and any keyword 2020-12 does not define. Formats Ajv
  // knows (ajv-formats, full mode: RFC 3339 dates, as Prism checks them) are validated; others are annotations
  // (2020-12 §7.2). Strict mode would refuse all of those, so it is off; the spec's own lint catches typos.
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, logger: false });
  addFormats(ajv);
  // The document itself is not a schema: register the places schemas live under an $id so `$ref`s resolve.
  ajv.addSchema({ $id: base, components: doc.components ?? {}, paths: doc.paths ?? {}, webhooks: doc.webhooks ?? {} });
  const compiled = new Map<string, ValidateFunction>();

  const rebase = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(rebase);
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [
          key,
          key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${base}${value}` : rebase(value),
        ]),
      );
    }
    return node;
  };

  const examplesOf = (media: Json): { name: string; value: Json }[] => {
    if (!media) return [];
    if (media.examples) {
      return Object.entries(media.examples as Record<string, Json>).map(([name, example]) => ({
        name,
        value: spec.resolve(example).value,
      }));
    }
    return media.example === undefined ? [] : [{ name: "example", value: media.example }];
  };

  const wrap = (model: AnyOperation): SpecOperation => {
    const raw = model.operation;
    const contentOf = (status: string): Record<string, Json> => spec.resolve(raw.responses?.[status])?.content ?? {};
    const json = (status: string, mediaType?: string) => {
      const content = contentOf(status);
      return content[mediaType ?? Object.keys(content).find(isJsonMediaType) ?? ""];
    };
    const requestContent = (): Record<string, Json> => spec.resolve(raw.requestBody)?.content ?? {};
    const requestMediaType = () => {
      const types = Object.keys(requestContent());
      return types.find(isJsonMediaType) ?? types[0];
    };
    const bodyMedia = () => requestContent()[requestMediaType() ?? ""];
    return {
      name: model.resource ? `${model.resource}.${model.method}` : model.method,
      label: `${model.httpMethod.toUpperCase()} ${model.path}`,
      model,
      raw,
      parameters: (location) => model.parameters.filter((p: Json) => p.in === location),
      requestMediaType,
      requestSchema() {
        const schema = bodyMedia()?.schema;
        return schema ? spec.resolve(schema) : undefined;
      },
      requestExamples: () => examplesOf(bodyMedia()),
      statuses: () => Object.keys(raw.responses ?? {}),
      responseExamples: (status) => examplesOf(json(status)),
      responseMediaTypes: (status) => Object.keys(contentOf(status)),
      hasJsonBody: (status) => json(status) !== undefined,
      validateResponse(status, body, mediaType) {
        const schema = json(status, mediaType)?.schema;
        if (!schema)
          return {
            valid: false,
            errors: [`${model.httpMethod.toUpperCase()} ${model.path} documents no JSON body for ${status} in ${file}`],
          };
        return spec.validate(schema, body);
      },
      validateRequest(body) {
        const schema = bodyMedia()?.schema;
        if (!schema)
          return {
            valid: false,
            errors: [`${model.httpMethod.toUpperCase()} ${model.path} takes no JSON body in ${file}`],
          };
        return spec.validate(schema, body);
      },
    };
  };

  let operations: SpecOperation[] | undefined;
  const seed = (): SpecOperation => {
    const found = spec
      .operations()
      .find((op) => op.model.path === operationPath && op.model.httpMethod === operationMethod);
    if (!found) throw new Error(`${file} has no ${operationMethod.toUpperCase()} ${operationPath}`);
    return found;
  };

  const spec: LoadedSpec = {
    file,
    doc,
    resolve: (node) => resolveRef(doc, node),
    operations() {
      operations ??= operationsOfAnySpec(doc).map(wrap);
      return operations;
    },
    requestSchema() {
      const schema = seed().requestSchema();
      if (!schema) throw new Error(`${file}: ${operationPath} has no application/json request schema`);
      return schema;
    },
    statuses: () => seed().statuses(),
    validateResponse: (status, body) => seed().validateResponse(status, body),
    validateRequest: (body) => seed().validateRequest(body),
    validate(schema, value) {
      const key = JSON.stringify(schema);
      let fn = compiled.get(key);
      if (!fn) {
        fn = ajv.compile(rebase(schema));
        compiled.set(key, fn);
      }
      const valid = fn(value) as boolean;
      return { valid, errors: valid ? [] : formatErrors(fn.errors ?? []) };
    },
  };
  cache.set(file, spec);
  return spec;
}

/** `application/json`, and every `+json` type (`application/problem+json`), parameters ignored. */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(mediaType);
}

function formatErrors(errors: ErrorObject[]): string[] {
  return errors.map((error) => {
    const extra =
      error.keyword === "additionalProperties"
        ? ` ('${(error.params as { additionalProperty: string }).additionalProperty}')`
        : "";
    return `${error.instancePath || "(root)"} ${error.message ?? error.keyword}${extra}`;
  });
}
