// Bundle → generated/client.ts: the client's per-operation surface, data and types only (src/operation-spec.ts says
// what it exports):
// - a row of `operationTable` per operation (method, path, body encoding, parameters and their styles, Accept, how the
//   2xx body is read, security, retry safety), which src/client.ts turns into methods at run time;
// - `securitySchemes`, and `KirimCredentials` typed from them;
// - a typed, documented method signature per operation in `KirimResources`, with types from generated/kirim-api.ts;
// - `ErrorEnvelope`, `KnownErrorCode` and one `<Pascal>WebhookPayload` type per webhook;
// - `KirimPagePromise<Promised, Page, Item>`, what a paginated method returns, when the spec has one.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { OperationSpec, ParameterStyle, QueryStyle, SecuritySchemeSpec } from "../../../src/operation-spec.ts";
import { projectRoot } from "../cli/run-tools.ts";
import { renderKnownErrorCodes } from "./known-error-codes.ts";
import { documentShapeOf, type OperationModel, operationsOf, resolveRef } from "./operation-model.ts";
import {
  type ParameterLocation,
  type ParameterShape,
  type SchemeShape,
  splitFragment,
  type WebhookShape,
} from "./operation-shape.ts";
import { type SchemaTypeNames, schemaTypeNames } from "./schema-type-names.ts";

export const clientSurfaceFile = "client.ts";
export const schemaTypesFile = "schemas.ts";
const schemaTypesModule = "schemas.js";

type Json = any;

/** What a raw binary body may be: the runtime sends each as it is. */
const binaryBodyType = "Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>";

/** JSON types of the required top-level fields of a 2xx JSON body, for the client's cheap shape check. */
function successShape(document: Json, model: OperationModel): Record<string, string> | undefined {
  // Only one status may carry a body: with two, a body of the other would fail a check made for the first.
  const withBody = new Set(model.shape.successContent.filter((content) => content.mediaType).map((c) => c.status));
  if (withBody.size !== 1) return undefined;
  const response = resolveRef(document, model.operation.responses[[...withBody][0]!]);
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

/** A JSDoc block: summary, description, the HTTP line, the docs link and `@deprecated`. `*\/` cannot end it early. */
function docComment(model: OperationModel, docsUrl: string | undefined, indent: string): string {
  const lines: string[] = [];
  if (model.summary) lines.push(model.summary, "");
  if (model.description) lines.push(...model.description.trimEnd().split("\n"), "");
  if (model.shape.pagination)
    lines.push(
      "Paginated: `await` it for the first page, `for await` over it for every item of every page, or `.pages()`.",
      "",
    );
  lines.push(`\`${model.httpMethod.toUpperCase()} ${model.path}\`${retryNote(model)}`);
  if (docsUrl)
    lines.push(
      `@see {@link ${docsUrl}${docsAnchor(model)} | ${model.summary ?? model.operationId} in the API reference}`,
    );
  if (model.shape.deprecated) lines.push("@deprecated The API marks this operation deprecated.");
  return commentBlock(lines, indent);
}

function retryNote(model: OperationModel): string {
  if (model.idempotent) return "";
  const keyHeader = model.shape.idempotencyKey;
  if (!keyHeader) return " (not retried after a 5xx or a timeout: it may not be safe to repeat)";
  const declared = model.shape.parameters.some(
    (parameter) => parameter.in === "header" && parameter.name.toLowerCase() === keyHeader.toLowerCase(),
  );
  return ` (sends a fresh \`${keyHeader}\` per call, the same on each retry, so it is retried like an idempotent one; set your own in \`headers\`${declared ? " or `params`" : ""})`;
}

function commentBlock(lines: string[], indent: string): string {
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

/** A status as openapi-typescript keys it: numbers bare, `2XX` and `default` quoted. */
function statusKey(status: string): string {
  return /^\d+$/.test(status) ? status : JSON.stringify(status);
}

function resultType(document: Json, model: OperationModel, operationType: string, names: SchemaTypeNames): string {
  if (model.shape.successContent.length === 0) return "unknown";
  const results = model.shape.successContent.map(({ status, mediaType, reading }) => {
    if (mediaType === undefined) return "undefined";
    if (reading === "text") return "string";
    if (reading === "blob") return "Blob";
    const schema = resolveRef(document, model.operation.responses[status])?.content?.[mediaType]?.schema;
    return names.typeOf(
      schema,
      `${operationType}["responses"][${statusKey(status)}]["content"][${JSON.stringify(mediaType)}]`,
    );
  });
  return [...new Set(results)].join(" | ");
}

function bodyType(document: Json, model: OperationModel, operationType: string, names: SchemaTypeNames): string {
  const body = model.shape.body!;
  if (body.encoding === "text") return "string";
  if (body.encoding === "binary") return binaryBodyType;
  const schema = resolveRef(document, model.operation.requestBody)?.content?.[body.mediaType]?.schema;
  return names.typeOf(
    schema,
    `NonNullable<${operationType}["requestBody"]>["content"][${JSON.stringify(body.mediaType)}]`,
  );
}

/** The query, header and cookie parameters as one object type, openapi-typescript's types (and doc comments) intact. */
function paramsType(parameters: ParameterShape[], operationType: string): string {
  const locations = (["query", "header", "cookie"] as ParameterLocation[]).filter((location) =>
    parameters.some((parameter) => parameter.in === location),
  );
  return locations
    .map((location) => {
      const all = `NonNullable<${operationType}["parameters"][${JSON.stringify(location)}]>`;
      // Headers the client sets itself (Accept, Content-Type, Authorization) are left out, as OpenAPI says.
      const kept = parameters.filter((parameter) => parameter.in === location).map((parameter) => parameter.name);
      return location === "header" ? `Pick<${all}, ${kept.map((name) => JSON.stringify(name)).join(" | ")}>` : all;
    })
    .join(" & ");
}

const reservedWords = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval body params options"
  ).split(" "),
);

/** Path parameter names as TypeScript parameter names (`customer-id` → `customer_id`, `class` → `class_`), distinct. */
function argumentNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name.replace(/[^A-Za-z0-9_$]/g, "_");
    if (/^[0-9]/.test(candidate)) candidate = `_${candidate}`;
    while (reservedWords.has(candidate) || taken.has(candidate)) candidate = `${candidate}_`;
    taken.add(candidate);
    return candidate;
  });
}

function signature(document: Json, model: OperationModel, types: SchemaTypeNames): string {
  const operationType = `paths[${JSON.stringify(model.path)}][${JSON.stringify(model.httpMethod)}]`;
  const names = argumentNames(model.pathParams);
  const pathSchema = (name: string) =>
    model.parameters.find((parameter) => parameter.in === "path" && parameter.name === name)?.schema;
  const args = model.pathParams.map(
    (name, index) =>
      `${names[index]}: ${types.typeOf(pathSchema(name), `${operationType}["parameters"]["path"][${JSON.stringify(name)}]`)}`,
  );
  const others = model.shape.parameters.filter((parameter) => parameter.in !== "path");
  const paramsRequired = others.some((parameter) => parameter.required);
  const params = others.length > 0 ? paramsType(others, operationType) : undefined;
  let options = "options?: RequestOptions";
  if (model.shape.body) {
    args.push(`body${model.shape.body.required ? "" : "?"}: ${bodyType(document, model, operationType, types)}`);
    if (params) {
      const option = `${paramsOptionName}<${params}>`;
      options = `options${paramsRequired ? "" : "?"}: RequestOptions & ${paramsRequired ? option : `Partial<${option}>`}`;
    }
  } else if (params) {
    args.push(`params${paramsRequired ? "" : "?"}: ${params}`);
  }
  args.push(options);
  const result = resultType(document, model, operationType, types);
  const pagination = model.shape.pagination;
  // The analysis allows pagination only with one JSON 2xx body, so `result` is that body's type.
  const returned = pagination
    ? `${pagePromiseType}<Promised, ${result}, NonNullable<${result}[${JSON.stringify(pagination.items)}]>[number]>`
    : `Returns<Promised, ${result}>`;
  return `${model.method}(${args.join(", ")}): ${returned};`;
}

/** The type a paginated method returns; generated/client.ts declares it when the spec has a paginated operation. */
const pagePromiseType = "KirimPagePromise";

function renderPagePromise(): string[] {
  return [
    "/**",
    " * What a paginated method (`x-kirim-pagination`) returns: awaited, the first page's body; iterated with `for await`,",
    " * every item of every page, each page asked for when the one before is used up; `.pages()`, every page's body.",
    " */",
    `export type ${pagePromiseType}<Promised extends PromiseKind, Page, Item> = Returns<Promised, Page> &`,
    "  AsyncIterable<Item> & {",
    "    pages(): AsyncIterable<Page>;",
    "  };",
  ];
}

const paramsOptionName = "ParamsOption";

/**
 * The type that the options of an operation with a body hold its other parameters in: `params`, or `query` (the name
 * openapi-fetch users know and client/README.md mentions), never both (the runtime would read only one).
 */
function renderParamsOption(): string[] {
  return [
    "/** An operation's query, header and cookie parameters, in its options when it takes a body: `params` or `query`, not both. */",
    `type ${paramsOptionName}<Params> =`,
    "  | {",
    "      /** The operation's query, header and cookie parameters, by their API names. */",
    "      params: Params;",
    "      query?: never;",
    "    }",
    "  | {",
    "      /** The same as `params`. */",
    "      query: Params;",
    "      params?: never;",
    "    };",
  ];
}

/** Characters a URL path segment may hold as they are (RFC 3986 pchar, plus `%` of an existing escape). */
const pathCharacter = /[A-Za-z0-9\-._~!$&'()*+,;=:@/%]/;

/**
 * The path template as the runtime fills it: without the fragment (from a `#` on, which HTTP never sends), and with
 * literal characters a URL path cannot hold as they are (`?` would start a query, a space) percent-encoded; `{name}`
 * templates stay.
 */
function wirePath(path: string): string {
  return splitFragment(path)[0]
    .split(/(\{[^}]+\})/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : [...part]
            .map((character) => (pathCharacter.test(character) ? character : encodeURIComponent(character)))
            .join(""),
    )
    .join("");
}

function tableRow(document: Json, model: OperationModel): string {
  const shape = model.shape;
  const numeric = shape.parameters.filter((p) => p.in === "path" && p.numeric).map((p) => p.name);
  const returns = shape.reading === undefined ? successShape(document, model) : undefined;
  const names = (location: ParameterLocation) =>
    shape.parameters.filter((parameter) => parameter.in === location).map((parameter) => parameter.name);
  // The analysis only gives a parameter a style its location allows.
  const styles = <Style extends QueryStyle | ParameterStyle>(location: ParameterLocation) => {
    const styled = shape.parameters.filter((parameter) => parameter.in === location && parameter.style);
    return styled.length > 0
      ? Object.fromEntries(styled.map((parameter) => [parameter.name, parameter.style as Style]))
      : undefined;
  };
  const query = names("query");
  const header = names("header");
  const cookie = names("cookie");
  const queryStyles = styles<QueryStyle>("query");
  const pathStyles = styles<ParameterStyle>("path");
  const headerStyles = styles<ParameterStyle>("header");
  const cookieStyles = styles<ParameterStyle>("cookie");
  // Typed as the runtime reads it (src/operation-spec.ts), so a field renamed on one side fails the typecheck here.
  const row: OperationSpec = {
    method: model.httpMethod.toUpperCase(),
    path: wirePath(model.path),
    ...(numeric.length > 0 ? { numeric } : {}),
    ...(shape.body ? { body: shape.body.required ? "required" : "optional" } : {}),
    ...(shape.body && shape.body.encoding !== "json" ? { bodyEncoding: shape.body.encoding } : {}),
    ...(shape.body && shape.body.mediaType !== "application/json" ? { contentType: shape.body.mediaType } : {}),
    ...(query.length > 0 ? { query } : {}),
    ...(header.length > 0 ? { header } : {}),
    ...(cookie.length > 0 ? { cookie } : {}),
    ...(queryStyles ? { queryStyles } : {}),
    ...(pathStyles ? { pathStyles } : {}),
    ...(headerStyles ? { headerStyles } : {}),
    ...(cookieStyles ? { cookieStyles } : {}),
    ...(model.idempotent ? { idempotent: true } : {}),
    ...(shape.idempotencyKey ? { idempotencyKey: shape.idempotencyKey.toLowerCase() } : {}),
    ...(shape.accept ? { accept: shape.accept } : {}),
    ...(shape.reading ? { reading: shape.reading } : {}),
    ...(returns ? { returns } : {}),
    security: shape.security,
    ...(shape.pagination ? { pagination: shape.pagination } : {}),
  };
  return JSON.stringify(row);
}

function firstParagraph(text: unknown): string {
  return String(text ?? "")
    .trim()
    .split(/\n\s*\n/)[0]!
    .replace(/\s+/g, " ");
}

function groupByResource(models: OperationModel[]): Map<string, OperationModel[]> {
  const groups = new Map<string, OperationModel[]>();
  for (const model of models) groups.set(model.resource, [...(groups.get(model.resource) ?? []), model]);
  return groups;
}

function credentialType(spec: SecuritySchemeSpec): string {
  return spec.type === "basic" ? "{ username: string; password: string }" : "string | (() => string | Promise<string>)";
}

function credentialDoc(document: Json, scheme: SchemeShape): string[] {
  const declared = resolveRef(document, document.components.securitySchemes[scheme.name]);
  const how =
    scheme.spec.type === "basic"
      ? "HTTP Basic: `Authorization: Basic base64(username:password)`."
      : scheme.spec.type === "bearer"
        ? "Sent as `Authorization: Bearer <token>`; a function is called before every attempt."
        : `Sent in the ${scheme.spec.in} \`${scheme.spec.name}\`; a function is called before every attempt.`;
  const about = firstParagraph(declared?.description);
  return [`Security scheme \`${scheme.name}\`${about ? `: ${about}` : "."}`, how];
}

function renderCredentials(document: Json, schemes: SchemeShape[]): string[] {
  const members = schemes.flatMap((scheme) => [
    commentBlock(credentialDoc(document, scheme), "  "),
    `  ${scheme.spec.option}?: ${credentialType(scheme.spec)};`,
  ]);
  return [
    "/** The credentials the client can send, one option per security scheme of the spec. */",
    members.length > 0 ? "export interface KirimCredentials {" : "export type KirimCredentials = Record<never, never>;",
    ...(members.length > 0 ? [...members, "}"] : []),
  ];
}

function renderErrorEnvelope(document: Json): string[] {
  const hasError = document.components?.schemas?.Error !== undefined;
  return [
    "/** The error body the client reads `type`, `code`, `message`, `param` and `request_id` from when present. */",
    hasError
      ? 'export type ErrorEnvelope = components["schemas"]["Error"];'
      : "export type ErrorEnvelope = { error?: { type?: string; code?: string; message?: string; param?: string; request_id?: string } };",
  ];
}

function renderWebhooks(webhooks: WebhookShape[]): string[] {
  return webhooks.flatMap((webhook) => [
    `/** The body of the \`${webhook.name}\` webhook the API sends (${webhook.httpMethod.toUpperCase()}, ${webhook.mediaType}). */`,
    `export type ${webhook.typeName} = NonNullable<webhooks[${JSON.stringify(webhook.name)}][${JSON.stringify(webhook.httpMethod)}]["requestBody"]>["content"][${JSON.stringify(webhook.mediaType)}];`,
  ]);
}

/**
 * A promise type generic over its data, passed as a type argument without higher-kinded types: a kind's `promise`
 * names `this["data"]`, which `Returns` sets to the method's data type. The runtime's kind is src/api-promise.ts's.
 */
function renderPromiseKind(): string[] {
  return [
    '/** A kind of promise: `promise` is its type for data of type `this["data"]` (see `Returns`). */',
    "export interface PromiseKind {",
    "  readonly data: unknown;",
    "  readonly promise: unknown;",
    "}",
    "",
    "/** The plain `Promise` kind. */",
    "export interface PlainPromise extends PromiseKind {",
    '  readonly promise: Promise<this["data"]>;',
    "}",
    "",
    "/** What a method whose data is `T` returns, as a promise of the kind `Promised`. */",
    'export type Returns<Promised extends PromiseKind, T> = (Promised & { readonly data: T })["promise"];',
  ];
}

/** client/package.json's version, written into generated/client.ts so that the runtime never reads a file for it. */
function clientPackageVersion(): string {
  const published = JSON.parse(readFileSync(path.join(projectRoot, "client", "package.json"), "utf8"));
  return String(published.version);
}

/** The whole text of generated/client.ts for a bundled document. Throws when an operation cannot become a method. */
export function renderClientSurface(document: Json): string {
  const models = operationsOf(document);
  const { schemes, webhooks } = documentShapeOf(document);
  const groups = groupByResource(models);
  const docsUrl: string | undefined = document.externalDocs?.url;
  const tagDescriptions = new Map<string, string>(
    (document.tags ?? []).map((tag: Json) => [tag.name, firstParagraph(tag.description)]),
  );

  const table: string[] = [];
  const resources: string[] = [];
  const types = schemaTypeNames(exportedSchemaNames(document), surfaceNames(webhooks));
  for (const [resource, members] of groups) {
    table.push(`  ${resource}: {`);
    for (const model of members) table.push(`    ${model.method}: ${tableRow(document, model)},`);
    table.push("  },");
    const tag = members[0]?.tag;
    const about = tag ? tagDescriptions.get(tag) : undefined;
    if (about) resources.push(`  /** ${tag}: ${about.replaceAll("*/", "*\\/")} */`);
    resources.push(`  readonly ${resource}: {`);
    for (const model of members)
      resources.push(docComment(model, docsUrl, "    "), `    ${signature(document, model, types)}`);
    resources.push("  };");
  }
  const errorEnvelope = renderErrorEnvelope(document);
  const imported = [
    ...(errorEnvelope.join("").includes("components[") ? ["components"] : []),
    ...(models.length > 0 ? ["paths"] : []),
    ...(webhooks.length > 0 ? ["webhooks"] : []),
  ];
  const schemaImports = types.used();

  return [
    "// Generated by `npm run generate` from generated/openapi.yaml (scripts/lib/codegen/client-surface.ts). Do not edit:",
    "// change openapi/ and run `npm run generate`. One table row and one typed signature per operation; the",
    "// behaviour (auth, retries, timeouts, errors) is the hand-written runtime in src/ (contract: src/operation-spec.ts).",
    ...(imported.length > 0 ? [`import type { ${imported.join(", ")} } from "./kirim-api.js";`] : []),
    ...(schemaImports.length > 0 ? [`import type { ${schemaImports.join(", ")} } from "./${schemaTypesModule}";`] : []),
    "",
    "/** How each method calls the API. Read by src/client.ts. */",
    "export const operationTable = {",
    ...table,
    "} as const;",
    "",
    "/** The client package's version (client/package.json's when this was generated), sent in its User-Agent. */",
    `export const clientVersion = ${JSON.stringify(clientPackageVersion())};`,
    "",
    "/** The spec's security schemes as the client sends them; `option` names the client option with the credential. */",
    "export const securitySchemes = {",
    ...schemes.map((scheme) => `  ${JSON.stringify(scheme.name)}: ${JSON.stringify(scheme.spec)},`),
    "} as const;",
    "",
    ...renderCredentials(document, schemes),
    "",
    ...renderPromiseKind(),
    "",
    "/**",
    " * The client's resources and methods; `RequestOptions` is the runtime's per-call options type, `Promised` the kind",
    " * of promise its methods return (`Promise` unless the runtime passes its own).",
    " */",
    "export interface KirimResources<RequestOptions, Promised extends PromiseKind = PlainPromise> {",
    ...resources,
    "}",
    "",
    ...(resources.some((line) => line.includes(`${paramsOptionName}<`)) ? [...renderParamsOption(), ""] : []),
    ...errorEnvelope,
    "",
    ...(models.some((model) => model.shape.pagination) ? [...renderPagePromise(), ""] : []),
    renderKnownErrorCodes(document),
    ...(webhooks.length > 0 ? ["", ...renderWebhooks(webhooks)] : []),
    "",
  ].join("\n");
}

/**
 * The names generated/client.ts declares or refers to itself (and the type parameters of what it declares): a schema of
 * one of these names keeps its indexed type there, since importing it would shadow them.
 */
function surfaceNames(webhooks: WebhookShape[]): ReadonlySet<string> {
  return new Set([
    ...["paths", "components", "webhooks", "operationTable", "securitySchemes", "KirimCredentials", "KirimResources"],
    ...["RequestOptions", "ErrorEnvelope", "KnownErrorCode", paramsOptionName, "Params"],
    ...["NonNullable", "Partial", "Pick", "Promise", "Blob", "ArrayBuffer", "ArrayBufferView", "ReadableStream"],
    ...["Uint8Array", "Record"],
    ...webhooks.map((webhook) => webhook.typeName),
  ]);
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
    ...(names.length > 0 ? ['import type { components } from "./kirim-api.js";'] : []),
    "",
    ...names.map((name) => `export type ${name} = components["schemas"][${JSON.stringify(name)}];`),
    "",
  ].join("\n");
}
