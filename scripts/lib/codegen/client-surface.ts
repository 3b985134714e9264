// Bundle → generated/client.ts: the client's per-operation surface. Two things per operation, no code:
// - a row of `operationTable` (HTTP method, path template, body and query flags, retry safety, the 2xx body's
//   top-level shape), which src/client.ts turns into methods at run time;
// - a typed, documented method signature in `KirimResources`, with types taken from generated/kirim-api.ts.
import type { OperationSpec } from "../../../src/client.ts";
import { renderKnownErrorCodes } from "./known-error-codes.ts";
import { type OperationModel, operationsOf, resolveRef } from "./operation-model.ts";

export const clientSurfaceFile = "client.ts";
export const schemaTypesFile = "schemas.ts";

type Json = any;

/** JSON types of the required top-level fields of a 2xx JSON body, for the client's cheap shape check. */
function successShape(document: Json, model: OperationModel): Record<string, string> | undefined {
  const response = resolveRef(document, model.operation.responses[String(model.successStatuses[0])]);
  const schemaOrRef = response?.content?.["application/json"]?.schema;
  if (!schemaOrRef) return undefined;
  const schema = resolveRef(document, schemaOrRef);
  if (schema?.type !== "object" || !Array.isArray(schema.required)) return undefined;
  const shape: Record<string, string> = {};
  for (const name of schema.required as string[]) {
    const property = resolveRef(document, schema.properties?.[name]);
    const types = property?.type === undefined ? [] : [property.type].flat();
    shape[name] =
      types.length > 0 ? types.map((type: string) => (type === "integer" ? "number" : type)).join("|") : "any";
  }
  return shape;
}

/** A JSDoc block: summary, description, the HTTP line and the docs link. `*\/` cannot end it early. */
function docComment(model: OperationModel, docsUrl: string | undefined, indent: string): string {
  const lines: string[] = [];
  if (model.summary) lines.push(model.summary, "");
  if (model.description) lines.push(...model.description.trimEnd().split("\n"), "");
  lines.push(
    `\`${model.httpMethod.toUpperCase()} ${model.path}\`${model.idempotent ? "" : " (not retried after a 5xx or a timeout: it may not be safe to repeat)"}`,
  );
  if (docsUrl)
    lines.push(
      `@see {@link ${docsUrl}${docsAnchor(model)} | ${model.summary ?? model.operationId} in the API reference}`,
    );
  const body = lines.map((line) => `${indent} *${line ? ` ${line.replaceAll("*/", "*\\/")}` : ""}`);
  return [`${indent}/**`, ...body, `${indent} */`].join("\n");
}

/** Redoc's deep link to an operation: `#/<tag>/<operationid>`, lower-case, as the docs test opens it. */
function docsAnchor(model: OperationModel): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return `#/${slug(model.tag ?? "")}/${slug(model.operationId ?? `${model.resource}-${model.method}`)}`;
}

function signature(document: Json, model: OperationModel): string {
  const operation = `paths[${JSON.stringify(model.path)}][${JSON.stringify(model.httpMethod)}]`;
  const args = model.pathParams.map(
    (name) => `${safeName(name)}: ${operation}["parameters"]["path"][${JSON.stringify(name)}]`,
  );
  const query = `NonNullable<${operation}["parameters"]["query"]>`;
  const queryRequired = model.parameters.some((parameter) => parameter.in === "query" && parameter.required === true);
  let options = "options?: RequestOptions";
  if (model.body) {
    args.push(
      `body${model.body === "required" ? "" : "?"}: NonNullable<${operation}["requestBody"]>["content"]["application/json"]`,
    );
    if (model.queryParams.length > 0)
      options = `options${queryRequired ? "" : "?"}: RequestOptions & { query${queryRequired ? "" : "?"}: ${query} }`;
  } else if (model.queryParams.length > 0) {
    args.push(`query${queryRequired ? "" : "?"}: ${query}`);
  }
  args.push(options);
  const results = model.successStatuses.map((status) => {
    const response = resolveRef(document, model.operation.responses[String(status)]);
    return response?.content?.["application/json"]
      ? `${operation}["responses"][${status}]["content"]["application/json"]`
      : "undefined";
  });
  return `${model.method}(${args.join(", ")}): Promise<${[...new Set(results)].join(" | ")}>;`;
}

/** A path parameter name as a TypeScript parameter name (`customer-id` → `customer_id`). */
function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, "_");
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

function tableRow(document: Json, model: OperationModel): string {
  const numeric = numericPathParams(document, model);
  const shape = successShape(document, model);
  // Typed as the runtime reads it, so a field renamed on one side fails the typecheck on the other.
  const row: OperationSpec = {
    method: model.httpMethod.toUpperCase(),
    path: model.path,
    ...(numeric.length > 0 ? { numeric } : {}),
    ...(model.body ? { body: model.body } : {}),
    ...(model.queryParams.length > 0 ? { query: model.queryParams } : {}),
    ...(model.idempotent ? { idempotent: true } : {}),
    ...(shape ? { returns: shape } : {}),
  };
  return JSON.stringify(row);
}

function firstParagraph(text: unknown): string {
  return String(text ?? "")
    .trim()
    .split(/\n\s*\n/)[0]!
    .replace(/\s+/g, " ");
}

/** Path parameters typed integer or number: the client sends them as decimal text. */
function numericPathParams(document: Json, model: OperationModel): string[] {
  return model.pathParams.filter((name) =>
    model.parameters.some(
      (p: Json) =>
        p.in === "path" && p.name === name && ["integer", "number"].includes(resolveRef(document, p.schema ?? {}).type),
    ),
  );
}

function groupByResource(models: OperationModel[]): Map<string, OperationModel[]> {
  const groups = new Map<string, OperationModel[]>();
  for (const model of models) groups.set(model.resource, [...(groups.get(model.resource) ?? []), model]);
  return groups;
}

/** The whole text of generated/client.ts for a bundled document. Throws when an operation cannot become a method. */
export function renderClientSurface(document: Json): string {
  const models = operationsOf(document);
  const groups = groupByResource(models);
  const docsUrl: string | undefined = document.externalDocs?.url;
  const tagDescriptions = new Map<string, string>(
    (document.tags ?? []).map((tag: Json) => [tag.name, firstParagraph(tag.description)]),
  );

  const table: string[] = [];
  const resources: string[] = [];
  for (const [resource, members] of groups) {
    table.push(`  ${resource}: {`);
    for (const model of members) table.push(`    ${model.method}: ${tableRow(document, model)},`);
    table.push("  },");
    const tag = members[0]?.tag;
    const about = tag ? tagDescriptions.get(tag) : undefined;
    if (about) resources.push(`  /** ${tag}: ${about.replaceAll("*/", "*\\/")} */`);
    resources.push(`  readonly ${resource}: {`);
    for (const model of members)
      resources.push(docComment(model, docsUrl, "    "), `    ${signature(document, model)}`);
    resources.push("  };");
  }

  return [
    "// Generated by `npm run generate` from generated/openapi.yaml (scripts/lib/codegen/client-surface.ts). Do not edit:",
    "// change openapi/ and run `npm run generate`. One table row and one typed signature per operation; the",
    "// behaviour (auth, retries, timeouts, errors) is the hand-written runtime in src/.",
    'import type { paths } from "./kirim-api.js";',
    "",
    "/** How each method calls the API. Read by src/client.ts. */",
    "export const operationTable = {",
    ...table,
    "} as const;",
    "",
    "/** The client's resources and methods; `RequestOptions` is the runtime's per-call options type. */",
    "export interface KirimResources<RequestOptions> {",
    ...resources,
    "}",
    "",
    renderKnownErrorCodes(document),
    "",
  ].join("\n");
}

/** The schemas of components.schemas that generated/schemas.ts exports as named types, in spec order. */
export function exportedSchemaNames(document: Json): string[] {
  return Object.keys(document.components?.schemas ?? {}).filter(
    (name) => /^[A-Z][A-Za-z0-9_]*$/.test(name) && !(name in globalThis),
  );
}

/**
 * The text of generated/schemas.ts: each schema of components.schemas as a named type (`Customer`), which the package
 * exports so that callers can type their own values. Names that are not identifiers, or that would shadow a global
 * (`Error`), are left out; they stay reachable as `components["schemas"][name]`.
 */
export function renderSchemaTypes(document: Json): string {
  const names = exportedSchemaNames(document);
  return [
    "// Generated by `npm run generate` from generated/openapi.yaml (scripts/lib/codegen/client-surface.ts). Do not edit.",
    'import type { components } from "./kirim-api.js";',
    "",
    ...names.map((name) => `export type ${name} = components["schemas"][${JSON.stringify(name)}];`),
    "",
  ].join("\n");
}
