// Reads a bundled spec and validates values against its schemas with Ajv (JSON Schema 2020-12 + formats),
// independently of Prism's own validation.
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import { parse } from "yaml";

// ajv-formats is CommonJS; depending on the loader its default import is the plugin or the module object.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats: FormatsPlugin =
  (addFormatsPlugin as unknown as { default?: FormatsPlugin }).default ?? (addFormatsPlugin as unknown as FormatsPlugin);

export type JsonSchema = { [keyword: string]: unknown };
type Json = any;

export const operationPath = "/customers/{id}";
export const operationMethod = "patch";

export interface Validation {
  valid: boolean;
  /** Ajv's errors as "instancePath message" lines, e.g. "/data must have required property 'team_id'". */
  errors: string[];
}

export interface LoadedSpec {
  file: string;
  doc: Json;
  /** Follows a local `$ref` (`#/components/…`), repeatedly. */
  resolve<T = Json>(node: T): T;
  operation(): Json;
  /** The request body schema of PATCH /customers/{id} (the `$ref` resolved one level). */
  requestSchema(): JsonSchema;
  /** Status codes documented for the operation, as strings ("200", "401", …). */
  statuses(): string[];
  /** The JSON examples of one documented response, in spec order (Prism answers with the first). */
  responseExamples(status: string): { name: string; value: Json }[];
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
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  addFormats(ajv);
  // The document itself is not a schema: register its components under an $id so `$ref`s resolve,
  // and tell strict mode that `components` is a container, not a misspelt keyword.
  ajv.addKeyword({ keyword: "components", schemaType: "object" });
  ajv.addSchema({ $id: base, components: { schemas: doc.components?.schemas ?? {} } });
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

  const spec: LoadedSpec = {
    file,
    doc,
    resolve(node) {
      let current: Json = node;
      for (let hops = 0; current && typeof current === "object" && typeof current.$ref === "string"; hops++) {
        if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
        const ref: string = current.$ref;
        if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
        current = ref
          .slice(2)
          .split("/")
          .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
          .reduce((at: Json, part) => (at === undefined ? undefined : at[part]), doc);
        if (current === undefined) throw new Error(`unresolved $ref ${ref} in ${file}`);
      }
      return current;
    },
    operation() {
      const op = doc.paths?.[operationPath]?.[operationMethod];
      if (!op) throw new Error(`${file} has no ${operationMethod.toUpperCase()} ${operationPath}`);
      return op;
    },
    requestSchema() {
      const schema = spec.resolve(spec.operation().requestBody)?.content?.["application/json"]?.schema;
      if (!schema) throw new Error(`${file}: ${operationPath} has no application/json request schema`);
      return spec.resolve(schema);
    },
    statuses() {
      return Object.keys(spec.operation().responses ?? {});
    },
    responseExamples(status) {
      const response = spec.resolve(spec.operation().responses?.[status]);
      const media = response?.content?.["application/json"];
      if (!media) return [];
      if (media.examples) {
        return Object.entries(media.examples as Record<string, Json>).map(([name, example]) => ({
          name,
          value: spec.resolve(example).value,
        }));
      }
      return media.example === undefined ? [] : [{ name: "example", value: media.example }];
    },
    validateResponse(status, body) {
      const schema = spec.resolve(spec.operation().responses?.[status])?.content?.["application/json"]?.schema;
      if (!schema) return { valid: false, errors: [`status ${status} is not documented with a JSON body in ${file}`] };
      return spec.validate(schema, body);
    },
    validateRequest(body) {
      const schema = spec.resolve(spec.operation().requestBody)?.content?.["application/json"]?.schema;
      return spec.validate(schema, body);
    },
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

function formatErrors(errors: ErrorObject[]): string[] {
  return errors.map((error) => {
    const extra =
      error.keyword === "additionalProperties"
        ? ` ('${(error.params as { additionalProperty: string }).additionalProperty}')`
        : "";
    return `${error.instancePath || "(root)"} ${error.message ?? error.keyword}${extra}`;
  });
}
